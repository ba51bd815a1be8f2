package org.dshell.security;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Arrays;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.dshell.core.DshellException;

/**
 * Reads a PEM private key in any of the forms grid users have: PKCS#1 with or without the legacy
 * Proc-Type/DEK-Info encryption, and PKCS#8 encrypted or not.
 */
public final class PrivateKeyReader {
    // The JDK's key objects, as JSSE signs with them directly; Bouncy Castle's provider is only needed
    // to decrypt legacy-encrypted keys (and its construction cost a one-shot TLS command about 0.3 s).
    private static final JcaPEMKeyConverter CONVERTER = new JcaPEMKeyConverter();

    private PrivateKeyReader() {
    }

    public static PrivateKey read(Path file, PassphraseSource passphrases) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw DshellException.failure("cannot read key " + file + ": " + Failures.reason(e), e);
        }
        Object object = firstKeyObject(text, file);
        if (object instanceof PEMKeyPair pair) {
            return convert(pair.getPrivateKeyInfo(), file);
        }
        if (object instanceof PrivateKeyInfo info) {
            return convert(info, file);
        }
        char[] passphrase = passphrases.passphraseFor(file);
        try {
            if (object instanceof PEMEncryptedKeyPair encrypted) {
                PEMKeyPair pair = encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                        .setProvider(Bc.PROVIDER).build(passphrase));
                return convert(pair.getPrivateKeyInfo(), file);
            }
            PKCS8EncryptedPrivateKeyInfo encrypted = (PKCS8EncryptedPrivateKeyInfo) object;
            PrivateKeyInfo info = encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(Bc.PROVIDER).build(passphrase));
            return convert(info, file);
        } catch (DshellException e) {
            throw e;
        } catch (Exception e) {
            // A wrong pass phrase shows up as bad padding or as garbage that does not parse: same cause for the user.
            throw DshellException.failure("wrong pass phrase for " + file, e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private static Object firstKeyObject(String text, Path file) {
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof PEMKeyPair || object instanceof PrivateKeyInfo
                        || object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    return object;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw DshellException.failure("corrupt PEM in key " + file + ": " + Failures.reason(e), e);
        }
        throw DshellException.failure("no private key found in " + file);
    }

    private static PrivateKey convert(PrivateKeyInfo info, Path file) {
        try {
            return CONVERTER.getPrivateKey(info);
        } catch (IOException | RuntimeException e) {
            throw DshellException.failure("unreadable private key in " + file + ": " + Failures.reason(e), e);
        }
    }
}
