package io.riskstream.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RuleSetCompilerTest {

    private final RuleSetCompiler compiler = new RuleSetCompiler();

    @Test
    void compiledRuleSetCarriesNameVersionHashAndRuleNames() {
        Map<String, String> files = Map.of("big.drl", TestDrl.rule("big", "String()"),
                "small.drl", TestDrl.rule("small", "String(length < 3)") + TestDrl.rules("any", "Object()"));

        CompiledRuleSet ruleSet = compiler.compile("fraud", 7, files);

        assertThat(ruleSet.name()).isEqualTo("fraud");
        assertThat(ruleSet.version()).isEqualTo(7);
        assertThat(ruleSet.sha256()).hasSize(64).isEqualTo(CompiledRuleSet.sha256Of(files));
        assertThat(ruleSet.ruleNames())
                .containsExactly("any", "big", "small");
    }

    @Test
    void sha256DependsOnContentNotOnMapOrder() {
        assertThat(CompiledRuleSet.sha256Of(Map.of("a.drl", "x", "b.drl", "y")))
                .isEqualTo(CompiledRuleSet.sha256Of(new java.util.TreeMap<>(Map.of("b.drl", "y", "a.drl", "x"))))
                .isNotEqualTo(CompiledRuleSet.sha256Of(Map.of("a.drl", "y", "b.drl", "x")));
    }

    @Test
    void compileErrorIsRejectedNamingFileAndLine() {
        String broken = TestDrl.HEADER + """
                rule "broken"
                when
                    String(length >)
                then
                end
                """;

        assertThatThrownBy(() -> compiler.compile("fraud", 1, Map.of("velocity.drl", broken)))
                .isInstanceOf(RuleSetRejectedException.class)
                .hasMessageContaining("velocity.drl:4");
    }

    @Test
    void referenceToUnknownFieldIsRejected() {
        String unknownField = TestDrl.rule("typo", "String(lenght > 3)");

        assertThatThrownBy(() -> compiler.compile("fraud", 1, Map.of("typo.drl", unknownField)))
                .isInstanceOf(RuleSetRejectedException.class)
                .hasMessageContaining("typo.drl")
                .hasMessageContaining("lenght");
    }

    @Test
    void referenceToFieldTheTransactionSchemaLacksIsRejected() {
        String drl = TestDrl.HEADER + """
                import io.riskstream.events.Transaction;
                rule "ip-typo" when Transaction(ipCountyr != null) then end
                """;

        assertThatThrownBy(() -> compiler.compile("fraud", 1, Map.of("ip.drl", drl)))
                .isInstanceOf(RuleSetRejectedException.class)
                .hasMessageContaining("ip.drl:3")
                .hasMessageContaining("ipCountyr");
    }

    @Test
    void emptyRuleSetIsRejected() {
        assertThatThrownBy(() -> compiler.compile("fraud", 1, Map.of()))
                .isInstanceOf(RuleSetRejectedException.class).hasMessageContaining("no rules");
        assertThatThrownBy(() -> compiler.compile("fraud", 1, Map.of("a.drl", TestDrl.HEADER)))
                .isInstanceOf(RuleSetRejectedException.class).hasMessageContaining("no rules");
    }
}
