package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The station as a real separate JVM, killed with SIGKILL during a broker outage and started
 * again: subscribers still receive every observation and forecast, seq contiguous and in order.
 */
class StationProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The seqs received on a stream, QoS 1 repeats dropped; fails on anything out of order. */
    static List<Long> seqs(Subscriber sub, String stream) {
        List<Long> seqs = new ArrayList<>();
        for (Subscriber.Received r : sub.on("/" + stream)) {
            long seq;
            try {
                seq = JSON.readTree(r.payload()).get("seq").asLong();
            } catch (java.io.IOException e) {
                throw new AssertionError(r.payload(), e);
            }
            if (seqs.isEmpty() || seq > seqs.get(seqs.size() - 1)) {
                assertEquals(seqs.size(), seq, stream + " seq jumped: " + seqs);
                seqs.add(seq);
            } else {
                assertTrue(seq >= 0 && seq < seqs.size(), stream + " seq " + seq + " out of order after " + seqs.size());
            }
        }
        return seqs;
    }

    private static String lastStatus(Subscriber sub) {
        List<Subscriber.Received> status = sub.on("/status");
        return status.isEmpty() ? "" : status.get(status.size() - 1).payload();
    }

    @Test
    void killedDuringABrokerOutageAndRestartedTheStationLosesNothing() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
                Subscriber sub = new Subscriber(broker.tcpUri(), "proc-sub", "#")) {
            // Model interval 60 s, window 3; the clock runs 300x: one interval every 0.2 s.
            StationProcess station = new StationProcess(dir.resolve("station"), broker.tcpUri(),
                    TestModels.weather(3, 60), Instant.parse("2026-06-01T00:00:00Z"), 300, List.of(), List.of());
            Process first = station.start();
            try {
                Await.until("3 forecasts from the first process", 60, () -> seqs(sub, "forecast").size() >= 3);
                broker.stop();
                long rows = station.historyRows();
                Await.until("10 intervals during the outage", 60, () -> station.historyRows() >= rows + 10);
            } finally {
                first.destroyForcibly(); // SIGKILL on Linux
                first.waitFor(20, TimeUnit.SECONDS);
            }
            long[] afterKill = station.seqFile();
            assertTrue(afterKill[1] > seqs(sub, "forecast").size(), "forecasts were waiting in the outbox when killed");

            Process second = station.start();
            try {
                long rows = station.historyRows();
                Await.until("10 more intervals, still without a broker", 60, () -> station.historyRows() >= rows + 10);
                broker.start();
                long[] expected = station.seqFile();
                Await.until("every forecast and observation up to the restart", 60,
                        () -> seqs(sub, "forecast").size() >= expected[1] && seqs(sub, "observation").size() >= expected[0]);
                assertTrue(expected[1] > afterKill[1], "the restarted station went on forecasting");
                for (Subscriber.Received r : sub.all()) {
                    MqttSchemas.assertValid(r.topic(), r.payload());
                    assertTrue(r.topic().startsWith("nowcast/proc/"), "homeassistant.discovery = false: " + r.topic());
                }
                Await.until("the station online again", 10, () -> lastStatus(sub).equals("online"));
                second.destroyForcibly();
                Await.until("the last will: offline once the broker loses the killed station", 30,
                        () -> lastStatus(sub).equals("offline"));
            } finally {
                second.destroyForcibly();
                second.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }
}
