package io.riskstream.rules.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.stereotype.Component;

import io.riskstream.rules.lifecycle.ActiveRuleSets;
import io.riskstream.rules.lifecycle.PublishedRuleSets;
import io.riskstream.rules.lifecycle.RuleSetPublishing;
import io.riskstream.rules.lifecycle.RuleSetRejections;

/**
 * {@code GET /actuator/rules}: each active ruleset (version, sha256, loaded at, rules and their hit counts,
 * the last rejection; a shadow without an active version says {@code "shadow": "off"}). {@code POST
 * /actuator/rules}: re-read the rules directory and publish; 400 with the file, line and problem when a ruleset is
 * rejected.
 */
@Component
@Endpoint(id = "rules")
class RulesEndpoint {

    private final RuleSetPublishing publishing;
    private final ActiveRuleSets active;
    private final PublishedRuleSets published;
    private final RuleSetRejections rejections;

    RulesEndpoint(RuleSetPublishing publishing, ActiveRuleSets active, PublishedRuleSets published, RuleSetRejections rejections) {
        this.publishing = publishing;
        this.active = active;
        this.published = published;
        this.rejections = rejections;
    }

    @ReadOperation
    Map<String, Object> rules() {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String name : publishing.names()) {
            Map<String, Object> view = new LinkedHashMap<>();
            active.current(name).ifPresent(current -> {
                view.put("version", current.ruleSet().version());
                view.put("sha256", current.ruleSet().sha256());
                view.put("loadedAt", current.loadedAt().toString());
                view.put("ruleCount", current.ruleSet().ruleNames().size());
                view.put("hitCounts", current.hitCounts());
            });
            if (publishing.shadows().contains(name) && active.current(name).isEmpty()) {
                view.put("shadow", "off");
            }
            view.put("newestPublishedVersion", published.newestVersion(name));
            rejections.last(name).ifPresent(rejection -> view.put("lastRejection", Map.of(
                    "at", rejection.at().toString(), "by", rejection.by(), "problems", rejection.problems())));
            all.put(name, view);
        }
        return all;
    }

    @WriteOperation
    WebEndpointResponse<Map<String, Object>> publish(SecurityContext security) {
        String by = security.getPrincipal() == null ? "anonymous" : security.getPrincipal().getName();
        RuleSetPublishing.Outcome outcome = publishing.publishAll(by);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("published", outcome.published().stream().map(p -> Map.of("ruleset", p.name(),
                "version", p.version(), "sha256", p.sha256(), "changed", p.changed())).toList());
        List<Map<String, Object>> rejected = outcome.rejected().stream()
                .map(r -> Map.<String, Object>of("ruleset", r.ruleSetName(), "problems", r.problems())).toList();
        body.put("rejected", rejected);
        return new WebEndpointResponse<>(body, outcome.hasRejections()
                ? WebEndpointResponse.STATUS_BAD_REQUEST : WebEndpointResponse.STATUS_OK);
    }
}
