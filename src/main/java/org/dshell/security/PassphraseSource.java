package org.dshell.security;

import java.nio.file.Path;

/**
 * Supplies the pass phrase of an encrypted key, asked only when the key turns out to be encrypted,
 * so a verb does not prompt for keys that need none. The caller of this interface wipes the array.
 */
@FunctionalInterface
public interface PassphraseSource {
    char[] passphraseFor(Path keyFile);

    /** A fixed pass phrase; a copy is handed out each time because the receiver wipes it. */
    static PassphraseSource of(char[] passphrase) {
        return file -> passphrase.clone();
    }

    /** For keys known to be unencrypted: asking is an error the user should see. */
    static PassphraseSource none() {
        return file -> {
            throw org.dshell.core.DshellException.failure(file + " is encrypted and no pass phrase was given");
        };
    }
}
