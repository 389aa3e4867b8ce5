package io.riskstream.rules.admin;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.riskstream.rules.engine.RuleSetRejectedException;

/**
 * {@code POST /api/rules/dry-run} (rules administrators only): compiles candidate files and evaluates the
 * given cases against them, publishing nothing. 400 with the file, line and problem when they do not compile.
 */
@RestController
class RulesDryRunController {

    /** @param ruleset fraud or logins; @param files DRL text by file name; @param cases each a test case's given */
    record DryRunRequest(String ruleset, Map<String, String> files, List<Map<String, Object>> cases) {
    }

    private final RulesDryRun dryRun;

    RulesDryRunController(RulesDryRun dryRun) {
        this.dryRun = dryRun;
    }

    @PostMapping("/api/rules/dry-run")
    ResponseEntity<Object> dryRun(@RequestBody DryRunRequest request) {
        if (request.ruleset() == null || request.files() == null || request.cases() == null) {
            return ResponseEntity.badRequest().body(Map.of("problems", List.of("ruleset, files and cases are required")));
        }
        try {
            return ResponseEntity.ok(Map.of("results", dryRun.evaluate(request.ruleset(), request.files(), request.cases())));
        } catch (RuleSetRejectedException rejected) {
            return ResponseEntity.badRequest().body(Map.of("problems", rejected.problems()));
        } catch (IllegalArgumentException | ClassCastException malformed) {
            return ResponseEntity.badRequest().body(Map.of("problems", List.of(String.valueOf(malformed.getMessage()))));
        }
    }
}
