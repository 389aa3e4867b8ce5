package io.riskstream.rules.lifecycle;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.riskstream.events.RuleSet;
import io.riskstream.rules.engine.CompiledRuleSet;

/**
 * Who may change the rules: a {@link RuleSet} record is obeyed only if it carries an Ed25519 signature, by a key
 * this instance trusts, over its name, version, sha256 (which the files must match), author and time. The
 * signature and the key's id travel in two record headers, beside the registry's; the record itself keeps its
 * schema. Publishers hold the private key; every instance holds the public keys it trusts
 * ({@code riskstream.rules.signing.*}, docs/security.md). Without the private key, write access to
 * {@code rulesets} is not enough to change what any instance decides.
 */
public final class RuleSetSignatures {

    public static final String SIGNATURE_HEADER = "riskstream-signature";
    public static final String KEY_HEADER = "riskstream-signing-key";
    static final String ALGORITHM = "Ed25519";
    /** Names what the signature covers, so that a signature of anything else never passes for one of a ruleset. */
    private static final String PURPOSE = "riskstream ruleset publication v1";

    /** What checking a record's signature came to. */
    public enum Verdict {
        TRUSTED,
        /** No signature header, or no key id. */
        UNSIGNED,
        /** Signed with a key this instance does not trust (unknown, or removed after a rotation). */
        UNTRUSTED_KEY,
        /** The signature does not match the record, or the files do not match the signed sha256. */
        BAD_SIGNATURE
    }

    private final Map<String, PublicKey> trusted;
    private final String keyId;
    private final PrivateKey privateKey;

    /**
     * @param trusted    the public keys whose signatures this instance obeys, by key id
     * @param keyId      the id of the key this instance signs with; null if it publishes nothing
     * @param privateKey the key it signs with; null if it publishes nothing
     */
    public RuleSetSignatures(Map<String, PublicKey> trusted, String keyId, PrivateKey privateKey) {
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("no trusted ruleset signing key: set riskstream.rules.signing."
                    + "trusted-keys.<key id> to a publisher's public key (docs/security.md), or no ruleset is obeyed");
        }
        if ((keyId == null) != (privateKey == null)) {
            throw new IllegalArgumentException(keyId == null
                    ? "riskstream.rules.signing has a private key but no key-id: set the id its public key is trusted by"
                    : "riskstream.rules.signing.key-id is '" + keyId + "' but neither private-key-file nor "
                            + "private-key is set");
        }
        if (keyId != null && !trusted.containsKey(keyId)) {
            throw new IllegalArgumentException("this instance signs with key '" + keyId + "' but does not trust it: "
                    + "add its public key to riskstream.rules.signing.trusted-keys." + keyId);
        }
        this.trusted = Map.copyOf(trusted);
        this.keyId = keyId;
        this.privateKey = privateKey;
    }

    /** Whether this instance holds a signing key, so that it can publish. */
    public boolean canSign() {
        return privateKey != null;
    }

    /**
     * Adds the signature of {@code ruleSet} to {@code headers}.
     *
     * @throws IllegalStateException if this instance holds no signing key
     */
    public void sign(RuleSet ruleSet, Headers headers) {
        if (!canSign()) {
            throw new IllegalStateException("this instance holds no ruleset signing key "
                    + "(riskstream.rules.signing.key-id and private-key-file): it cannot publish ruleset "
                    + ruleSet.getName() + "; publish from an instance that does (docs/security.md)");
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(signedBytes(ruleSet));
            headers.remove(SIGNATURE_HEADER).remove(KEY_HEADER);
            headers.add(SIGNATURE_HEADER, signature.sign());
            headers.add(KEY_HEADER, keyId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign ruleset " + ruleSet.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code ruleSet}, read with {@code headers}, was signed by a trusted key as it is. */
    public Verdict verify(RuleSet ruleSet, Headers headers) {
        byte[] signed = lastValue(headers, SIGNATURE_HEADER);
        byte[] keyIdBytes = lastValue(headers, KEY_HEADER);
        if (signed == null || keyIdBytes == null) {
            return Verdict.UNSIGNED;
        }
        PublicKey key = trusted.get(new String(keyIdBytes, StandardCharsets.UTF_8));
        if (key == null) {
            return Verdict.UNTRUSTED_KEY;
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(signedBytes(ruleSet));
            if (!signature.verify(signed)) {
                return Verdict.BAD_SIGNATURE;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // A malformed signature (wrong length, garbage) is a bad one, whatever the provider throws.
            return Verdict.BAD_SIGNATURE;
        }
        // The signature covers the sha256; the files must be what it says.
        boolean filesMatch = ruleSet.getFiles() != null
                && CompiledRuleSet.sha256Of(ruleSet.getFiles()).equals(ruleSet.getSha256());
        return filesMatch ? Verdict.TRUSTED : Verdict.BAD_SIGNATURE;
    }

    /** The id of the key a record says it was signed with, for a log line; null if none. */
    public static String keyIdOf(Headers headers) {
        byte[] id = lastValue(headers, KEY_HEADER);
        return id == null ? null : new String(id, StandardCharsets.UTF_8);
    }

    /**
     * What is signed: a purpose string, then name, version, sha256, author and time (epoch millis, as the record
     * keeps it), each length-prefixed so that no two records share their bytes.
     */
    static byte[] signedBytes(RuleSet ruleSet) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(PURPOSE);
            writeString(out, ruleSet.getName());
            out.writeLong(ruleSet.getVersion());
            writeString(out, ruleSet.getSha256());
            writeString(out, ruleSet.getPublishedBy());
            out.writeLong(ruleSet.getPublishedAt() == null ? Long.MIN_VALUE : ruleSet.getPublishedAt().toEpochMilli());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(value == null ? -1 : utf8.length);
        out.write(utf8);
    }

    private static byte[] lastValue(Headers headers, String key) {
        Header header = headers == null ? null : headers.lastHeader(key);
        return header == null ? null : header.value();
    }

    /** A public key from its X.509 (SubjectPublicKeyInfo) encoding: PEM, or the base64 of the DER bytes. */
    public static PublicKey publicKey(String text) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(text)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (PEM or base64 of X.509): " + e.getMessage(),
                    e);
        }
    }

    /** A private key from its PKCS#8 encoding: PEM, or the base64 of the DER bytes. */
    public static PrivateKey privateKey(String text) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(text)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 private key (PEM or base64 of PKCS#8)", e);
        }
    }

    /** Public keys by id, each as {@link #publicKey} reads it; a bad one names its id. */
    public static Map<String, PublicKey> publicKeys(Map<String, String> byId) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        byId.forEach((id, text) -> {
            try {
                keys.put(id, publicKey(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("riskstream.rules.signing.trusted-keys." + id + ": " + e.getMessage(),
                        e);
            }
        });
        return keys;
    }

    private static byte[] der(String text) {
        String base64 = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }
}
