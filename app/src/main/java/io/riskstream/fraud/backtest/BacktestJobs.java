package io.riskstream.fraud.backtest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.riskstream.fraud.FraudScorer;
import io.riskstream.rules.engine.CompiledRuleSet;
import io.riskstream.rules.engine.RuleSetCompiler;
import io.riskstream.rules.engine.RuleSetRejectedException;
import io.riskstream.rules.lifecycle.ActiveRuleSets;
import io.riskstream.rules.lifecycle.PublishedRuleSets;

/**
 * The backtests of this instance: one runs at a time, on a thread of its own at the lowest priority, the others wait
 * in line (at most {@code maxQueued}). A job and its report live in memory until {@code keptJobs} newer ones have
 * ended, or the instance restarts. The candidate is compiled when the job is asked for, so that a DRL that does not
 * compile is refused at once, with its problems.
 */
public final class BacktestJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BacktestJobs.class);

    public enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    /** A job as {@code /api/rules/backtest} shows it; the report only once it is DONE. */
    public record View(String id, State state, String by, BacktestReport.Candidate candidate, Instant from, Instant to,
                       Instant submittedAt, Instant startedAt, Instant finishedAt, long read, long toRead,
                       String error, BacktestReport report) {

        View withoutReport() {
            return new View(id, state, by, candidate, from, to, submittedAt, startedAt, finishedAt, read, toRead,
                    error, null);
        }
    }

    /** Too many backtests are waiting already. */
    public static final class BusyException extends RuntimeException {
        BusyException(String message) {
            super(message);
        }
    }

    private final RuleSetCompiler compiler;
    private final PublishedRuleSets published;
    private final ActiveRuleSets active;
    private final Supplier<Backtest> backtests;
    private final BacktestSettings settings;
    private final Clock clock;
    private final ExecutorService runner;
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    /** @param backtests a new backtest, over a log of its own, each time a job starts */
    BacktestJobs(RuleSetCompiler compiler, PublishedRuleSets published, ActiveRuleSets active,
                        Supplier<Backtest> backtests, BacktestSettings settings, Clock clock) {
        this.compiler = compiler;
        this.published = published;
        this.active = active;
        this.backtests = backtests;
        this.settings = settings;
        this.clock = clock;
        this.runner = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backtest");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
    }

    /**
     * Compiles the candidate and queues the backtest.
     *
     * @throws IllegalArgumentException  for a malformed request, or a version never published
     * @throws RuleSetRejectedException if the candidate does not compile
     * @throws BusyException            if {@code maxQueued} backtests are waiting already
     */
    public View submit(BacktestRequest request, String by) {
        request.check();
        String name = FraudScorer.RULESET;
        CompiledRuleSet candidate = request.files() != null ? compiler.compile(name, 0, request.files())
                : published.compile(name, request.version(), compiler);
        BacktestReport.Candidate source = new BacktestReport.Candidate(request.files() != null ? "files" : "published",
                candidate.version(), candidate.sha256());
        CompiledRuleSet activeNow = active.current(name).orElseThrow(() ->
                new IllegalStateException("no fraud ruleset is active here yet")).ruleSet();
        LongFunction<CompiledRuleSet> versions = version -> version == activeNow.version() ? activeNow
                : version == candidate.version() && request.version() != null ? candidate
                : published.compile(name, version, compiler);
        Backtest.Plan plan = new Backtest.Plan(candidate, source, versions, activeNow.version(), request.from(),
                request.to(), settings.maxListedChanges());
        Job job;
        synchronized (jobs) {
            long waiting = jobs.values().stream().filter(j -> j.state == State.QUEUED).count();
            if (waiting >= settings.maxQueued()) {
                throw new BusyException(waiting + " backtests are waiting already (riskstream.backtest.max-queued)");
            }
            job = new Job(UUID.randomUUID().toString(), by, plan, clock.instant());
            jobs.put(job.id, job);
            forgetOldJobs();
        }
        runner.execute(() -> run(job));
        LOG.info("Backtest {} of {} ({} version {}) over [{}, {}) asked for by {}", job.id, name, source.source(),
                source.version(), plan.from(), plan.to(), by);
        return job.view();
    }

    public Optional<View> get(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id)).map(Job::view);
        }
    }

    /** Every job kept, newest first, without reports. */
    public List<View> list() {
        synchronized (jobs) {
            List<View> views = new ArrayList<>(jobs.values().stream().map(job -> job.view().withoutReport()).toList());
            views.sort(Comparator.comparing(View::submittedAt).reversed());
            return views;
        }
    }

    /** Cancels a job that has not ended: it stops within a batch of records. */
    public Optional<View> cancel(String id) {
        synchronized (jobs) {
            Job job = jobs.get(id);
            if (job == null) {
                return Optional.empty();
            }
            job.progress.cancelled.set(true);
            if (job.state == State.QUEUED) {
                job.end(State.CANCELLED, null, null, clock.instant());
            }
            return Optional.of(job.view());
        }
    }

    private void run(Job job) {
        synchronized (jobs) {
            if (job.state != State.QUEUED) {
                return;
            }
            job.state = State.RUNNING;
            job.startedAt = clock.instant();
        }
        try {
            BacktestReport report;
            try (Backtest backtest = backtests.get()) {
                report = backtest.run(job.plan, job.progress);
            }
            end(job, State.DONE, report, null);
            LOG.info("Backtest {} done in {} ms: {} transactions decided, {} outcomes changed", job.id,
                    report.durationMillis(), report.decided(), report.changes().count());
        } catch (Backtest.CancelledException e) {
            end(job, State.CANCELLED, null, null);
        } catch (RuntimeException | LinkageError e) {
            end(job, State.FAILED, null, e.toString());
            LOG.error("Backtest {} failed", job.id, e);
        }
    }

    private void end(Job job, State state, BacktestReport report, String error) {
        synchronized (jobs) {
            job.end(state, report, error, clock.instant());
            forgetOldJobs();
        }
    }

    /** Keeps the {@code keptJobs} newest jobs that ended, and every one that has not. */
    private void forgetOldJobs() {
        List<Job> ended = jobs.values().stream().filter(job -> job.finishedAt != null)
                .sorted(Comparator.comparing((Job job) -> job.finishedAt).reversed()).toList();
        ended.stream().skip(settings.keptJobs()).forEach(job -> jobs.remove(job.id));
    }

    @Override
    public void close() {
        synchronized (jobs) {
            jobs.values().forEach(job -> job.progress.cancelled.set(true));
        }
        runner.shutdownNow();
    }

    /** A job's state; guarded by {@code jobs}, but for its progress. */
    private static final class Job {
        final String id;
        final String by;
        final Backtest.Plan plan;
        final Instant submittedAt;
        final Backtest.Progress progress = new Backtest.Progress();
        State state = State.QUEUED;
        Instant startedAt;
        Instant finishedAt;
        String error;
        BacktestReport report;

        Job(String id, String by, Backtest.Plan plan, Instant submittedAt) {
            this.id = id;
            this.by = by;
            this.plan = plan;
            this.submittedAt = submittedAt;
        }

        void end(State ended, BacktestReport result, String why, Instant at) {
            state = ended;
            report = result;
            error = why;
            finishedAt = at;
        }

        View view() {
            return new View(id, state, by, plan.source(), plan.from(), plan.to(), submittedAt, startedAt, finishedAt,
                    progress.read.get(), progress.toRead.get(), error, report);
        }
    }
}
