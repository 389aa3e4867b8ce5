package io.riskstream.rules.engine;

import java.util.LinkedHashSet;
import java.util.Set;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/** Tells the evaluation which rule is firing, and remembers which rules fired and which fired last. */
final class FiringListener extends DefaultAgendaEventListener {

    private final RuleSetKind.Run<?> run;
    private final Set<String> fired = new LinkedHashSet<>();
    private String current;
    private String last;

    FiringListener(RuleSetKind.Run<?> run) {
        this.run = run;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        current = event.getMatch().getRule().getName();
        run.firing(current);
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        fired.add(current);
        last = current;
        current = null;
        run.firing(null);
    }

    /** The rule whose consequence is running, or null between firings. */
    String current() {
        return current;
    }

    String last() {
        return last;
    }

    Set<String> fired() {
        return fired;
    }
}
