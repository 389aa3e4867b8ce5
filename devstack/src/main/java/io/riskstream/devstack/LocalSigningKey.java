package io.riskstream.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The local run's ruleset signing key (docs/security.md): an Ed25519 key pair made at the first run and kept in
 * {@code .local/signing/}, so that the rulesets a local run signed stay trusted by the next one. The app signs its
 * publications with it and trusts it alone; nothing else may change the local rules.
 */
public final class LocalSigningKey {

    public static final String KEY_ID = "local";
    static final Path DIR = Path.of(".local", "signing");

    private final Path privateKeyFile;
    private final String publicKey;

    private LocalSigningKey(Path privateKeyFile, String publicKey) {
        this.privateKeyFile = privateKeyFile;
        this.publicKey = publicKey;
    }

    /** The key in {@code .local/signing/}, made there first if it is missing. */
    public static LocalSigningKey loadOrCreate() throws IOException {
        return loadOrCreate(DIR);
    }

    static LocalSigningKey loadOrCreate(Path dir) throws IOException {
        Path privateFile = dir.resolve("rules-signing.pem");
        Path publicFile = dir.resolve("rules-signing.pub");
        if (!Files.isRegularFile(privateFile) || !Files.isRegularFile(publicFile)) {
            Files.createDirectories(dir);
            KeyPair keys = newKeyPair();
            Path partial = Files.createTempFile(dir, "rules-signing", ".tmp");
            try {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file stays as the directory makes it.
            }
            Files.writeString(partial, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            Files.writeString(publicFile, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
            Files.move(partial, privateFile, StandardCopyOption.REPLACE_EXISTING);
        }
        String publicPem = Files.readString(publicFile);
        checkPrivateKey(Files.readString(privateFile), privateFile);
        return new LocalSigningKey(privateFile.toAbsolutePath(), base64Of(publicPem));
    }

    /** The app's arguments: sign with this key, trust it. */
    public List<String> appArgs() {
        return List.of("--riskstream.rules.signing.key-id=" + KEY_ID,
                "--riskstream.rules.signing.private-key-file=" + privateKeyFile,
                "--riskstream.rules.signing.trusted-keys." + KEY_ID + "=" + publicKey);
    }

    private static KeyPair newKeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make an Ed25519 key", e);
        }
    }

    private static void checkPrivateKey(String pem, Path file) {
        try {
            KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(base64Of(pem))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not an Ed25519 private key: delete " + DIR
                    + " to make a new pair (the local rulesets are then published again, signed by it)", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String base64Of(String pem) {
        return pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    }
}
