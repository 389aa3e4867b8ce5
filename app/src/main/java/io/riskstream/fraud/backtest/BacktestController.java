package io.riskstream.fraud.backtest;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.riskstream.rules.engine.RuleSetRejectedException;

/**
 * {@code /api/rules/backtest} (rules administrators only, as every {@code /api/rules/**}):
 * <ul>
 * <li>{@code POST}: a candidate ({@code files} or a published {@code version}) and a range ({@code from}, {@code to},
 * event time): 202 with the job and its {@code Location}; 400 with the problems when the candidate does not compile
 * or the request is malformed; 429 when too many are waiting.</li>
 * <li>{@code GET /{id}}: the job, its progress, and its report once DONE. {@code GET}: every job kept, newest
 * first, without reports. {@code DELETE /{id}}: cancels it.</li>
 * </ul>
 */
@RestController
class BacktestController {

    static final String PATH = "/api/rules/backtest";

    private final BacktestJobs jobs;

    BacktestController(BacktestJobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping(PATH)
    ResponseEntity<Object> submit(@RequestBody BacktestRequest request, Principal principal) {
        try {
            BacktestJobs.View job = jobs.submit(request, principal == null ? "anonymous" : principal.getName());
            return ResponseEntity.accepted().location(URI.create(PATH + "/" + job.id())).body(job);
        } catch (RuleSetRejectedException rejected) {
            return ResponseEntity.badRequest().body(Map.of("problems", rejected.problems()));
        } catch (IllegalArgumentException malformed) {
            return ResponseEntity.badRequest().body(Map.of("problems", List.of(String.valueOf(malformed.getMessage()))));
        } catch (BacktestJobs.BusyException busy) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .body(Map.of("problems", List.of(busy.getMessage())));
        }
    }

    @GetMapping(PATH + "/{id}")
    ResponseEntity<BacktestJobs.View> job(@PathVariable String id) {
        return ResponseEntity.of(jobs.get(id));
    }

    @GetMapping(PATH)
    List<BacktestJobs.View> jobs() {
        return jobs.list();
    }

    @DeleteMapping(PATH + "/{id}")
    ResponseEntity<BacktestJobs.View> cancel(@PathVariable String id) {
        return ResponseEntity.of(jobs.cancel(id));
    }
}
