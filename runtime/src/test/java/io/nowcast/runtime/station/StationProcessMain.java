package io.nowcast.runtime.station;

import io.nowcast.engine.EngineKind;
import io.nowcast.runtime.station.config.StationConfig;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A station as a separate JVM for the kill -9 and long-run tests: the configuration file's
 * station, fed by {@link SyntheticFeed} on an accelerated clock.
 * Arguments: CONFIG ORIGIN WALL_AT_ORIGIN_MILLIS SPEED [FAULT_FROM FAULT_TO].
 * With {@code -Dnowcast.test.heapReport=true} it prints {@code heap <station time> <bytes>} every
 * 250 ms of wall time: the heap in use right after a full collection (the live set).
 */
public final class StationProcessMain {
    private StationProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        StationConfig c = StationConfig.load(Path.of(args[0]), System.getenv());
        StationClock clock = StationClock.accelerated(Instant.parse(args[1]), Instant.ofEpochMilli(Long.parseLong(args[2])),
                Double.parseDouble(args[3]));
        Instant faultFrom = args.length > 4 ? Instant.parse(args[4]) : Instant.MAX;
        Instant faultTo = args.length > 5 ? Instant.parse(args[5]) : Instant.MAX;
        ModelInfo info = ModelInfo.load(c.modelFile(), c.engine());
        SyntheticFeed feed = new SyntheticFeed(60, faultFrom, faultTo);
        if (Boolean.getBoolean("nowcast.test.heapReport")) {
            Thread report = new Thread(() -> reportHeap(clock), "heap-report");
            report.setDaemon(true);
            report.start();
        }
        try (StationService service = StationService.start(c, info, EngineKind.of(c.engine()).create(info.model()),
                feed.channels())) {
            new StationLoop(service.station(), feed, clock).run(0);
        }
    }

    private static void reportHeap(StationClock clock) {
        Runtime rt = Runtime.getRuntime();
        try {
            while (true) {
                System.gc();
                System.out.println("heap " + clock.instant() + " " + (rt.totalMemory() - rt.freeMemory()));
                System.out.flush();
                java.util.concurrent.TimeUnit.MILLISECONDS.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
