package io.riskstream.rules.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.riskstream.events.RuleSet;
import io.riskstream.platform.TestSigning;
import io.riskstream.rules.engine.CompiledRuleSet;

class RuleSetSignaturesTest {

    private final RuleSetSignatures signatures = TestSigning.signatures();

    @Property(tries = 200)
    void aSignedRulesetIsTrustedAsItIsAndRefusedWithAnyFieldChanged(@ForAll("ruleSets") RuleSet ruleSet,
                                                                    @ForAll("changes") UnaryOperator<RuleSet> change) {
        Headers headers = new RecordHeaders();
        signatures.sign(ruleSet, headers);

        assertThat(signatures.verify(ruleSet, headers)).isEqualTo(RuleSetSignatures.Verdict.TRUSTED);
        RuleSet changed = change.apply(ruleSet);
        if (!changed.equals(ruleSet)) {
            assertThat(signatures.verify(changed, headers)).as("%s", changed)
                    .isEqualTo(RuleSetSignatures.Verdict.BAD_SIGNATURE);
        }
    }

    @Test
    void aRecordWithoutSignatureOrKeyIdIsUnsigned() {
        RuleSet ruleSet = ruleSet("fraud", 1, "by");
        Headers signed = new RecordHeaders();
        signatures.sign(ruleSet, signed);

        assertThat(signatures.verify(ruleSet, new RecordHeaders())).isEqualTo(RuleSetSignatures.Verdict.UNSIGNED);
        assertThat(signatures.verify(ruleSet, new RecordHeaders().add(signed.lastHeader(
                RuleSetSignatures.SIGNATURE_HEADER)))).isEqualTo(RuleSetSignatures.Verdict.UNSIGNED);
        assertThat(signatures.verify(ruleSet, null)).isEqualTo(RuleSetSignatures.Verdict.UNSIGNED);
    }

    @Test
    void aSignatureByAnUntrustedKeyOrUnderAnotherKeyIdIsRefused() {
        RuleSet ruleSet = ruleSet("fraud", 1, "by");
        Headers byIntruder = new RecordHeaders();
        TestSigning.signatures("intruder", TestSigning.newKeyPair()).sign(ruleSet, byIntruder);
        Headers intruderClaimingOurId = new RecordHeaders();
        TestSigning.signatures(TestSigning.KEY_ID, TestSigning.newKeyPair()).sign(ruleSet, intruderClaimingOurId);

        assertThat(signatures.verify(ruleSet, byIntruder)).isEqualTo(RuleSetSignatures.Verdict.UNTRUSTED_KEY);
        assertThat(RuleSetSignatures.keyIdOf(byIntruder)).isEqualTo("intruder");
        assertThat(signatures.verify(ruleSet, intruderClaimingOurId))
                .isEqualTo(RuleSetSignatures.Verdict.BAD_SIGNATURE);
    }

    @Test
    void garbageInTheSignatureHeaderIsABadSignatureNotAFailure() {
        RuleSet ruleSet = ruleSet("fraud", 1, "by");
        for (byte[] garbage : new byte[][] {new byte[0], new byte[3], new byte[64], new byte[1000]}) {
            Headers headers = new RecordHeaders().add(RuleSetSignatures.SIGNATURE_HEADER, garbage)
                    .add(RuleSetSignatures.KEY_HEADER, TestSigning.KEY_ID.getBytes());

            assertThat(signatures.verify(ruleSet, headers)).isEqualTo(RuleSetSignatures.Verdict.BAD_SIGNATURE);
        }
    }

    @Test
    void rotatingKeepsRulesetsSignedWithTheOldKeyTrustedWhileBothAreTrusted() {
        KeyPair old = TestSigning.newKeyPair();
        KeyPair next = TestSigning.newKeyPair();
        RuleSet byOld = ruleSet("fraud", 1, "by");
        Headers oldHeaders = new RecordHeaders();
        new RuleSetSignatures(Map.of("2026-a", old.getPublic()), "2026-a", old.getPrivate()).sign(byOld, oldHeaders);

        RuleSetSignatures both = new RuleSetSignatures(Map.of("2026-a", old.getPublic(), "2026-b", next.getPublic()),
                "2026-b", next.getPrivate());
        RuleSetSignatures nextOnly = new RuleSetSignatures(Map.of("2026-b", next.getPublic()), null, null);

        assertThat(both.verify(byOld, oldHeaders)).isEqualTo(RuleSetSignatures.Verdict.TRUSTED);
        assertThat(nextOnly.verify(byOld, oldHeaders)).isEqualTo(RuleSetSignatures.Verdict.UNTRUSTED_KEY);
        assertThat(nextOnly.canSign()).isFalse();
        assertThatIllegalStateException().isThrownBy(() -> nextOnly.sign(byOld, new RecordHeaders()))
                .withMessageContaining("holds no ruleset signing key");
    }

    @Test
    void keysAreReadAsPemOrBase64AndABadOneIsNamed() {
        KeyPair keys = TestSigning.newKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";

        assertThat(RuleSetSignatures.publicKey(pem)).isEqualTo(keys.getPublic());
        assertThat(RuleSetSignatures.publicKey(TestSigning.base64(keys.getPublic()))).isEqualTo(keys.getPublic());
        assertThat(RuleSetSignatures.privateKey(TestSigning.base64(keys.getPrivate()))).isEqualTo(keys.getPrivate());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RuleSetSignatures.publicKeys(Map.of("ops", "bm90IGEga2V5")))
                .withMessageContaining("riskstream.rules.signing.trusted-keys.ops");
        assertThatIllegalArgumentException().isThrownBy(() -> RuleSetSignatures.privateKey("not base64 at all!"));
    }

    @Test
    void anInstanceMustTrustAKeyAndTheKeyItSignsWith() {
        KeyPair keys = TestSigning.newKeyPair();
        assertThatIllegalArgumentException().isThrownBy(() -> new RuleSetSignatures(Map.of(), null, null))
                .withMessageContaining("trusted-keys");
        assertThatIllegalArgumentException().isThrownBy(() -> new RuleSetSignatures(
                Map.of("a", keys.getPublic()), "b", keys.getPrivate())).withMessageContaining("does not trust it");
    }

    @Provide
    Arbitrary<RuleSet> ruleSets() {
        return Combinators.combine(Arbitraries.of("fraud", "logins"), Arbitraries.longs().between(1, Long.MAX_VALUE),
                Arbitraries.strings().ofMaxLength(40), Arbitraries.strings().ofMinLength(1).ofMaxLength(200))
                .as((name, version, by, drl) -> ruleSet(name, version, by, drl));
    }

    @Provide
    Arbitrary<UnaryOperator<RuleSet>> changes() {
        return Arbitraries.of(
                r -> RuleSet.newBuilder(r).setName(r.getName() + "x").build(),
                r -> RuleSet.newBuilder(r).setVersion(r.getVersion() - 1).build(),
                r -> RuleSet.newBuilder(r).setPublishedBy(r.getPublishedBy() + " ").build(),
                r -> RuleSet.newBuilder(r).setPublishedAt(r.getPublishedAt().plusMillis(1)).build(),
                r -> RuleSet.newBuilder(r).setFiles(Map.of("scoring.drl", "changed")).build(),
                r -> {
                    Map<String, String> files = Map.of("scoring.drl", "changed");
                    return RuleSet.newBuilder(r).setFiles(files).setSha256(CompiledRuleSet.sha256Of(files)).build();
                });
    }

    private static RuleSet ruleSet(String name, long version, String by) {
        return ruleSet(name, version, by, "rule \"r\" when then end");
    }

    private static RuleSet ruleSet(String name, long version, String by, String drl) {
        Map<String, String> files = Map.of("scoring.drl", drl);
        return RuleSet.newBuilder().setName(name).setVersion(version).setSha256(CompiledRuleSet.sha256Of(files))
                .setFiles(files).setPublishedAt(Instant.parse("2026-11-26T00:00:00Z")).setPublishedBy(by).build();
    }
}
