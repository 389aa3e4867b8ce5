package io.riskstream.devstack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The Apicurio Registry server bundle ({@code io.apicurio:apicurio-registry-app:<version>:tar.gz:all}),
 * taken from the local Maven repository and unpacked once into {@code ~/.cache/riskstream/}.
 */
final class ApicurioBundle {

    static final String ARCHIVE_PROPERTY = "riskstream.apicurio.archive";
    private static final String VERSIONS = "riskstream-devstack.properties";

    private final String version;

    private ApicurioBundle(String version) {
        this.version = version;
    }

    /** The bundle of the version this build declares. */
    static ApicurioBundle declared() {
        Properties versions = new Properties();
        try (InputStream in = ApicurioBundle.class.getClassLoader().getResourceAsStream(VERSIONS)) {
            if (in == null) {
                throw new IllegalStateException(VERSIONS + " is missing from the classpath");
            }
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ApicurioBundle(versions.getProperty("apicurio.version"));
    }

    /** The server's runner jar, unpacking the archive first if this version was never unpacked. */
    Path runnerJar() throws IOException {
        Path home = Path.of(System.getProperty("user.home"), ".cache", "riskstream", "apicurio-" + version);
        Path jar = home.resolve("apicurio-registry-app-" + version + "-runner.jar");
        if (!Files.isRegularFile(jar)) {
            unpack(archive(), home);
        }
        return jar;
    }

    Path archive() {
        String override = System.getProperty(ARCHIVE_PROPERTY);
        Path archive = override != null ? Path.of(override) : mavenRepository()
                .resolve(Path.of("io", "apicurio", "apicurio-registry-app", version,
                        "apicurio-registry-app-" + version + "-all.tar.gz"));
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("Apicurio Registry bundle not found at " + archive
                    + ": build devstack with ./mvnw (it fetches io.apicurio:apicurio-registry-app:" + version
                    + ":tar.gz:all) or set -D" + ARCHIVE_PROPERTY + "=<path of the tar.gz>");
        }
        return archive;
    }

    private static Path mavenRepository() {
        String local = System.getProperty("maven.repo.local");
        return local != null && !local.isBlank()
                ? Path.of(local)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Unpacks into a fresh sibling directory, then renames it, so a half-unpacked bundle is never used. */
    private static void unpack(Path archive, Path home) throws IOException {
        Files.createDirectories(home.getParent());
        Path staging = Files.createTempDirectory(home.getParent(), home.getFileName() + ".unpacking-");
        try {
            extract(archive, staging);
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(home)) {
                throw e;
            }
            // Another launcher unpacked the same bundle first.
        } finally {
            Dirs.deleteRecursively(staging);
        }
    }

    private static void extract(Path archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive))))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("entry outside the bundle: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                }
            }
        }
    }
}
