package io.riskstream.rules;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rules engine and the rulesets every capability declares. */
@Configuration(proxyBeanMethods = false)
class RulesConfig {

    /** The version of the rulesets read from files at start, before any is published. */
    static final long STARTUP_VERSION = 1;

    @Bean
    RuleSetCompiler ruleSetCompiler() {
        return new RuleSetCompiler();
    }

    @Bean
    RuleEvaluator ruleEvaluator(RulesSettings settings) {
        return new RuleEvaluator(new EvaluationLimits(settings.maxFirings(), settings.maxReasons()));
    }

    @Bean
    RuleSetTestCases ruleSetTestCases(RuleSetCompiler compiler, RuleEvaluator evaluator, List<RuleSetFacts> rulesets) {
        Map<String, CaseFacts> facts = rulesets.stream()
                .collect(Collectors.toMap(RuleSetFacts::name, RuleSetFacts::caseFacts));
        return new RuleSetTestCases(compiler, evaluator, facts);
    }

    /** Every declared ruleset is compiled, tested and active before any stream can evaluate it. */
    @Bean
    ActiveRuleSets activeRuleSets(RuleEvaluator evaluator, Clock clock, RulesSettings settings,
                                  RuleSetCompiler compiler, RuleSetTestCases testCases, List<RuleSetFacts> rulesets) {
        ActiveRuleSets active = new ActiveRuleSets(evaluator, clock);
        new RuleSetLoader(settings.directoryPath(), compiler, testCases, active)
                .loadAll(rulesets.stream().map(RuleSetFacts::name).toList(), STARTUP_VERSION);
        return active;
    }
}
