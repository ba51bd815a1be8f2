package org.dshell.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dshell.core.DshellException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SE declarations: directories by root, WebDAV servers by URL. */
class StorageSettingsTest {
    @TempDir
    Path home;

    private StorageSettings load(String properties) throws IOException {
        Files.writeString(home.resolve("dshell.properties"), properties);
        return StorageSettings.load(Settings.load(home.resolve("dshell.properties")), home);
    }

    @Test
    void webDavSesAreDeclaredByUrl() throws IOException {
        StorageSettings s = load("se.DISK.root = se/disk\nse.XRD.url = davs://localhost:1094/data\nse.XRD.write = false\nse.default = DISK\n");
        assertEquals(2, s.elements().size());
        StorageSettings.Declared xrd = s.elements().get(1);
        assertEquals("davs://localhost:1094/data", xrd.url());
        assertTrue(xrd.isWebDav());
        assertEquals(false, xrd.write());
        assertNull(s.elements().get(0).url());
    }

    @Test
    void badDeclarationsNameTheFileAndKey() {
        DshellException bad = assertThrows(DshellException.class, () -> load("se.XRD.url = ftp://host/x\n"));
        assertEquals(2, bad.exitCode());
        assertTrue(bad.getMessage().contains("dshell.properties: se.XRD.url: SE URL 'ftp://host/x' must start with davs://"), bad.getMessage());
        DshellException both = assertThrows(DshellException.class, () -> load("se.X.url = davs://h/x\nse.X.root = d\n"));
        assertTrue(both.getMessage().contains("has both se.X.root and se.X.url"), both.getMessage());
        DshellException neither = assertThrows(DshellException.class, () -> load("se.X.read = true\n"));
        assertTrue(neither.getMessage().contains("se.X.root (a directory) or se.X.url (davs://...) is missing"), neither.getMessage());
    }
}
