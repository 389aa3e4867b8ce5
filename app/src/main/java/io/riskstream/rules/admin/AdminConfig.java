package io.riskstream.rules.admin;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.riskstream.rules.engine.DeclaredRuleSet;
import io.riskstream.rules.engine.RuleEvaluator;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.lifecycle.ActiveRuleSets;
import io.riskstream.rules.lifecycle.RuleSetDistribution;
import io.riskstream.rules.lifecycle.RuleSetRejections;

/** What people see of the rules and do with them: the dry run and the {@code rules} health component. */
@Configuration(proxyBeanMethods = false)
class AdminConfig {

    @Bean
    RulesDryRun rulesDryRun(RuleSetCompiler compiler, RuleEvaluator evaluator, List<DeclaredRuleSet<?>> rulesets) {
        return new RulesDryRun(compiler, evaluator, rulesets);
    }

    /** The {@code rules} component of {@code /actuator/health}. */
    @Bean
    RulesHealthIndicator rulesHealthIndicator(List<DeclaredRuleSet<?>> rulesets, ActiveRuleSets active,
                                              RuleSetRejections rejections, RuleSetDistribution distribution) {
        // A shadow decides nothing: none active is not a fault.
        return new RulesHealthIndicator(rulesets.stream().filter(ruleset -> !ruleset.isShadow())
                .map(DeclaredRuleSet::name).sorted().toList(), active,
                rejections, distribution);
    }
}
