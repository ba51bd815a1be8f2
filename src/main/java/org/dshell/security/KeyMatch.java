package org.dshell.security;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import org.dshell.core.DshellException;

/** Proves that a private key belongs to a certificate by signing a probe and verifying it. */
final class KeyMatch {
    private KeyMatch() {
    }

    static boolean matches(PublicKey publicKey, PrivateKey privateKey) {
        // Sign-and-verify works for every key type, unlike comparing RSA moduli.
        String algorithm = "RSA".equals(privateKey.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] probe = "dshell key match probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm, Bc.PROVIDER);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm, Bc.PROVIDER);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static void require(X509Certificate cert, PrivateKey key, String where) {
        if (!matches(cert.getPublicKey(), key)) {
            throw DshellException.failure("certificate and private key do not match: " + where);
        }
    }
}
