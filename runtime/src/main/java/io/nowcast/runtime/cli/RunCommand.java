package io.nowcast.runtime.cli;

import io.nowcast.runtime.station.StationClock;
import io.nowcast.runtime.station.StationRunner;
import io.nowcast.runtime.station.config.StationConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nowcast run --config FILE}: the station service. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the station: read the sensors, forecast every model interval, publish over MQTT.",
            "Every configuration key is described in docs/station.md."})
public final class RunCommand implements Callable<Integer> {
    /** How long a stopping station waits for its outbox to drain after a --forecasts run. */
    private static final long DRAIN_SECONDS = 30;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The station's configuration file.")
    Path config;

    @Option(names = {"--clock-speed", "--speed"}, defaultValue = "1", paramLabel = "X",
            description = {"Run the station's clock X times faster than real time (simulated or replayed sensors only; "
                + "default 1). --speed is the same option's older name.",
                "An accelerated clock is not the wall clock: station.require_clock_sync is not asked then."})
    double speed;

    @Option(names = "--forecasts", defaultValue = "0", paramLabel = "N",
            description = "Stop after N forecasts, once they are delivered (default: run until stopped).")
    long forecasts;

    @Override
    public Integer call() throws Exception {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("--clock-speed must be a number > 0, got " + speed);
        }
        Map<String, String> env = System.getenv();
        StationConfig c = StationConfig.load(config, env);
        Instant now = Instant.now();
        StationClock clock = speed == 1 ? StationClock.system() : StationClock.accelerated(now, now, speed);
        CountDownLatch closed = new CountDownLatch(1);
        try (StationRunner runner = StationRunner.open(c, clock, env)) {
            Thread hook = new Thread(() -> {
                Logger.info("Stopping: delivering what is in flight, then status offline");
                runner.stop();
                try {
                    closed.await(DRAIN_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "nowcast-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                runner.run(forecasts);
                if (forecasts > 0) {
                    awaitDrained(runner);
                }
            } catch (InterruptedException e) {
                Logger.debug("Interrupted while running: stopping");
                Thread.currentThread().interrupt();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                Logger.debug("Stopping on a signal: the stop hook waits for the station to close");
            }
        } finally {
            closed.countDown();
        }
        return 0;
    }

    private static void awaitDrained(StationRunner runner) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        while (runner.service().outbox().pending() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        if (runner.service().outbox().pending() > 0) {
            Logger.warn("{} messages were not delivered in {} s; they stay in the outbox for the next start",
                    runner.service().outbox().pending(), DRAIN_SECONDS);
        }
    }
}
