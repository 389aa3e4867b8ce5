package io.riskstream.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleSetCompilerTest {

    private final RuleSetCompiler compiler = new RuleSetCompiler();

    @Test
    void compiledRuleSetCarriesNameVersionHashAndRuleNames() {
        Map<String, String> files = Map.of("scoring.drl", RuleEvaluatorTest.scoring("big", "String()", 1),
                "thresholds.drl", RuleEvaluatorTest.THRESHOLDS);

        CompiledRuleSet ruleSet = compiler.compile("fraud", 7, files);

        assertThat(ruleSet.name()).isEqualTo("fraud");
        assertThat(ruleSet.version()).isEqualTo(7);
        assertThat(ruleSet.sha256()).hasSize(64).isEqualTo(CompiledRuleSet.sha256Of(files));
        assertThat(ruleSet.ruleNames())
                .containsExactly("approve-threshold", "big", "decline-threshold", "review-threshold");
    }

    @Test
    void sha256DependsOnContentNotOnMapOrder() {
        assertThat(CompiledRuleSet.sha256Of(Map.of("a.drl", "x", "b.drl", "y")))
                .isEqualTo(CompiledRuleSet.sha256Of(new java.util.TreeMap<>(Map.of("b.drl", "y", "a.drl", "x"))))
                .isNotEqualTo(CompiledRuleSet.sha256Of(Map.of("a.drl", "y", "b.drl", "x")));
    }

    @Test
    void compileErrorIsRejectedNamingFileAndLine() {
        String broken = RuleEvaluatorTest.HEADER + """
                rule "broken"
                when
                    String(length >)
                then
                end
                """;

        assertThatThrownBy(() -> compiler.compile("fraud", 1, Map.of("velocity.drl", broken)))
                .isInstanceOf(RuleSetRejectedException.class)
                .hasMessageContaining("velocity.drl:6");
    }

    @Test
    void referenceToUnknownFieldIsRejected() {
        String unknownField = RuleEvaluatorTest.scoring("typo", "String(lenght > 3)", 1);

        assertThatThrownBy(() -> compiler.compile("fraud", 1, Map.of("typo.drl", unknownField)))
                .isInstanceOf(RuleSetRejectedException.class)
                .hasMessageContaining("typo.drl")
                .hasMessageContaining("lenght");
    }

    @Test
    void referenceToFieldTheTransactionSchemaLacksIsRejected() {
        String drl = RuleEvaluatorTest.HEADER + """
                import io.riskstream.events.Transaction;
                rule "ip-typo" when Transaction(ipCountyr != null) then scorecard.add(1, "x"); end
                """;

        assertThatThrownBy(() -> compiler.compile("fraud", 1, Map.of("ip.drl", drl)))
                .isInstanceOf(RuleSetRejectedException.class)
                .hasMessageContaining("ip.drl:5")
                .hasMessageContaining("ipCountyr");
    }

    @Test
    void emptyRuleSetIsRejected() {
        assertThatThrownBy(() -> compiler.compile("fraud", 1, Map.of()))
                .isInstanceOf(RuleSetRejectedException.class).hasMessageContaining("no rules");
        assertThatThrownBy(() -> compiler.compile("fraud", 1, Map.of("a.drl", RuleEvaluatorTest.HEADER)))
                .isInstanceOf(RuleSetRejectedException.class).hasMessageContaining("no rules");
    }
}
