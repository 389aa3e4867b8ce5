package io.riskstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void theFirstRunMakesAPrivateKeyOnlyItsUserReadsAndLaterRunsKeepIt() throws Exception {
        LocalSigningKey first = LocalSigningKey.loadOrCreate(dir);
        LocalSigningKey second = LocalSigningKey.loadOrCreate(dir);

        assertThat(second.appArgs()).isEqualTo(first.appArgs());
        assertThat(first.appArgs()).anySatisfy(arg -> assertThat(arg)
                .startsWith("--riskstream.rules.signing.trusted-keys.local=MCowBQYDK2Vw"));
        assertThat(first.appArgs()).contains("--riskstream.rules.signing.private-key-file="
                + dir.resolve("rules-signing.pem").toAbsolutePath());
        assertThat(Files.getPosixFilePermissions(dir.resolve("rules-signing.pem")))
                .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aDamagedPrivateKeySaysHowToStartAfresh() throws Exception {
        LocalSigningKey.loadOrCreate(dir);
        Files.writeString(dir.resolve("rules-signing.pem"), "not a key");

        assertThatIllegalStateException().isThrownBy(() -> LocalSigningKey.loadOrCreate(dir))
                .withMessageContaining("not an Ed25519 private key").withMessageContaining("delete");
    }
}
