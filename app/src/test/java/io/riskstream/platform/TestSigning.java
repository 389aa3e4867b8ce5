package io.riskstream.platform;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.riskstream.rules.lifecycle.RuleSetSignatures;

/**
 * The ruleset signing key of the tests, made once per test JVM: every app a test starts signs with it and trusts
 * it, as the local run does with its own ({@code riskstream.rules.signing.*}).
 */
public final class TestSigning {

    public static final String KEY_ID = "test";
    private static final KeyPair KEYS = newKeyPair();

    private TestSigning() {
    }

    /** A fresh Ed25519 key pair: a key nobody trusts unless told. */
    public static KeyPair newKeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair keys() {
        return KEYS;
    }

    /** Signs with the tests' key and trusts it. */
    public static RuleSetSignatures signatures() {
        return new RuleSetSignatures(Map.of(KEY_ID, KEYS.getPublic()), KEY_ID, KEYS.getPrivate());
    }

    /** Signs with {@code keys} under {@code keyId}, and trusts that key alone. */
    public static RuleSetSignatures signatures(String keyId, KeyPair keys) {
        return new RuleSetSignatures(Map.of(keyId, keys.getPublic()), keyId, keys.getPrivate());
    }

    /** The app's arguments that make it sign with the tests' key and trust it. */
    public static List<String> appArgs() {
        return properties().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }

    /** The same as properties. */
    public static Map<String, String> properties() {
        return Map.of("riskstream.rules.signing.key-id", KEY_ID,
                "riskstream.rules.signing.private-key", base64(KEYS.getPrivate()),
                "riskstream.rules.signing.trusted-keys." + KEY_ID, base64(KEYS.getPublic()));
    }

    public static String base64(Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }
}
