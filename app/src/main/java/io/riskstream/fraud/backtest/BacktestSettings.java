package io.riskstream.fraud.backtest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * {@code riskstream.backtest.*}: how hard a backtest may press on the instance it runs on.
 *
 * @param maxRecordsPerSecond at most this many records of history are read a second: each is decoded and, in the
 *                            range, evaluated twice, on a thread beside scoring's
 * @param maxListedChanges    a report lists at most this many changed transactions (it counts them all)
 * @param maxQueued           backtests waiting behind the running one; more are refused (429)
 * @param keptJobs            finished backtests kept, with their reports, until this instance restarts
 * @param stall               a read that gets no record for this long before a partition's end fails the backtest
 */
@Validated
@ConfigurationProperties("riskstream.backtest")
public record BacktestSettings(
        @DefaultValue("3000") @Min(1) int maxRecordsPerSecond,
        @DefaultValue("1000") @Min(0) int maxListedChanges,
        @DefaultValue("3") @Min(0) int maxQueued,
        @DefaultValue("20") @Min(1) int keptJobs,
        @DefaultValue("60s") @NotNull Duration stall) {
}
