package org.dshell.backend.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dshell.backend.StorageElement;
import org.dshell.backend.webdav.WebDavStorageElement;
import org.dshell.backend.webdav.WebDavUrl;
import org.dshell.config.StorageSettings.Declared;
import org.dshell.security.GridTls;

/**
 * Makes the SEs the settings declare: directories, and WebDAV servers that all share one TLS
 * context from the user's proxy (read lazily, at the first request, so start-up reads no proxy).
 */
final class StorageFactory {
    private final Map<String, String> env;
    private GridTls tls;
    private final Map<StorageElement, Declared> declarations = new java.util.IdentityHashMap<>();

    StorageFactory(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The SEs for {@code declared}, reusing those of {@code current} whose declaration is the same. */
    synchronized List<StorageElement> create(List<Declared> declared, List<StorageElement> current) {
        List<StorageElement> result = new ArrayList<>();
        for (Declared d : declared) {
            StorageElement same = current.stream().filter(se -> d.equals(declarations.get(se))).findFirst().orElse(null);
            StorageElement se = same != null ? same : make(d);
            declarations.put(se, d);
            result.add(se);
        }
        return List.copyOf(result);
    }

    private StorageElement make(Declared d) {
        if (d.isWebDav()) {
            return new WebDavStorageElement(d.name(), WebDavUrl.parse(d.url()), d.read(), d.write(), () -> tls().context());
        }
        return new DirectoryStorageElement(d.name(), d.root(), d.read(), d.write(), d.quota(), d.fsync());
    }

    private synchronized GridTls tls() {
        if (tls == null) {
            tls = GridTls.fromEnvironment(env);
        }
        return tls;
    }
}
