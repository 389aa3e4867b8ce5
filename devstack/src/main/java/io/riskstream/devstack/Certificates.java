package io.riskstream.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A certificate authority of its own, made with the JDK's {@code keytool}, and the PKCS12 stores a TLS listener
 * and its clients need: a trust store holding the authority, and key stores of certificates it signed, for a
 * server on {@code 127.0.0.1}/{@code localhost} or a client named by its {@code CN}. For tests and the secured
 * devstack broker only: the keys are EC P-256, valid for two days, with one random password for every store.
 */
public final class Certificates {

    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final String TYPE = "PKCS12";
    private static final String CA = "ca";

    private final Path dir;
    private final String password;

    private Certificates(Path dir, String password) {
        this.dir = dir;
        this.password = password;
    }

    /** A new authority in {@code dir}, with its trust store. */
    public static Certificates authority(Path dir) {
        Certificates certificates = new Certificates(dir, "store-" + UUID.randomUUID());
        certificates.keytool("-genkeypair", "-alias", CA, "-dname", "CN=riskstream-test-ca", "-ext", "bc:c",
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-keystore", certificates.store(CA));
        certificates.keytool("-exportcert", "-rfc", "-alias", CA, "-keystore", certificates.store(CA), "-file",
                certificates.pem(CA));
        certificates.keytool("-importcert", "-noprompt", "-alias", CA, "-file", certificates.pem(CA), "-keystore",
                certificates.trustStore().toString());
        return certificates;
    }

    /** The stores' password (every store and key has this one). */
    public String password() {
        return password;
    }

    /** The PKCS12 trust store holding the authority alone. */
    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    /** A PKCS12 key store with the key and chain of a server reached as {@code 127.0.0.1} or {@code localhost}. */
    public Path server(String name) {
        return issue(name, "CN=" + name, "SAN=ip:127.0.0.1,dns:localhost");
    }

    /** A PKCS12 key store with the key and chain of a client whose certificate names it {@code CN=<name>}. */
    public Path client(String name) {
        return issue(name, "CN=" + name, null);
    }

    /** Java client settings with these stores: {@code ssl.*} of Kafka clients. */
    public Map<String, Object> kafkaTrust() {
        return Map.of("ssl.truststore.location", trustStore().toString(), "ssl.truststore.password", password,
                "ssl.truststore.type", TYPE);
    }

    private Path issue(String alias, String dname, String extension) {
        String store = store(alias);
        if (Files.exists(Path.of(store))) {
            return Path.of(store);
        }
        keytool("-genkeypair", "-alias", alias, "-dname", dname, "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "2", "-keystore", store);
        String request = dir.resolve(alias + ".csr").toString();
        keytool("-certreq", "-alias", alias, "-keystore", store, "-file", request);
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", CA, "-keystore", store(CA),
                "-validity", "2", "-infile", request, "-outfile", pem(alias)));
        if (extension != null) {
            sign.addAll(List.of("-ext", extension));
        }
        keytool(sign.toArray(String[]::new));
        // The key store holds the chain: the authority first, so that the signed certificate can replace the
        // self-signed one under the key's alias.
        keytool("-importcert", "-noprompt", "-alias", CA, "-file", pem(CA), "-keystore", store);
        keytool("-importcert", "-alias", alias, "-file", pem(alias), "-keystore", store);
        return Path.of(store);
    }

    private String store(String alias) {
        return dir.resolve(alias + ".p12").toString();
    }

    private String pem(String alias) {
        return dir.resolve(alias + ".pem").toString();
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", TYPE, "-storepass", password));
        try {
            Files.createDirectories(dir);
            ChildProcess keytool = ChildProcess.start("keytool " + args[0], command, dir, dir.resolve("keytool.log"));
            int exit = keytool.awaitExit(KEYTOOL_TIMEOUT);
            if (exit != 0) {
                throw keytool.failure("keytool " + String.join(" ", args) + " failed with exit code " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool", e);
        }
    }
}
