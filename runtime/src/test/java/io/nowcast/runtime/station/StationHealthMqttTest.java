package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.engine.testing.ReferenceEngine;
import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.broker.BrokerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health topic and the messages kept in memory, through a real Mosquitto: the health is
 * retained from the start, degraded with the reason while the outbox cannot take messages (its
 * segment made immutable: the write fails at once), ok again after; meanwhile observations and
 * forecasts still reach subscribers from memory, and no seq is ever given to two different messages.
 */
class StationHealthMqttTest {
    private static final long DT = 600;
    private static final Instant START = Instant.parse("2026-04-01T00:05:00Z");

    @TempDir
    Path dir;

    /** Seq → payload of a stream; fails when one seq came with two different payloads. */
    private static Map<Long, String> bySeq(Subscriber sub, String stream) {
        Map<Long, String> seen = new HashMap<>();
        for (Subscriber.Received r : sub.on(stream)) {
            String before = seen.putIfAbsent(r.json().get("seq").asLong(), r.payload());
            assertTrue(before == null || before.equals(r.payload()), "one seq, two messages: " + before + " / " + r.payload());
        }
        return seen;
    }

    @Test
    void theHealthIsRetainedAndDegradedWhileTheOutboxFailsAndMessagesStillGoOutFromMemory() throws Exception {
        Model model = TestModels.weather(3, DT);
        ModelWriter.write(model, dir.resolve("model.ncm"));
        ModelInfo info = ModelInfo.load(dir.resolve("model.ncm"), "float");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
                Subscriber sub = new Subscriber(broker.tcpUri(), "health-sub", "#");
                Faults faults = new Faults()) {
            StationConfig c = new StationConfig("garden", dir.resolve("data"), dir.resolve("model.ncm"), "float", 2, 13,
                    1 << 20, BrokerSettings.plain(broker.tcpUri(), "garden"), true, "homeassistant", 3, List.of(), true);
            try (StationService service = StationService.start(c, info, new ReferenceEngine(model), TestModels.CHANNELS)) {
                Station s = service.station();
                Await.until("the health, retained, at start", 10, () -> sub.newest("/health") != null);
                StationDriver d = new StationDriver(s, START, 60);
                d.runUntil(START.plusSeconds(3 * DT + 1));
                Await.until("3 observations and 1 forecast, delivered", 20,
                        () -> bySeq(sub, "/observation").size() == 3 && service.outbox().pending() == 0);

                Path segment;
                try (var files = Files.list(dir.resolve("data/outbox"))) {
                    segment = files.filter(p -> p.getFileName().toString().startsWith("seg-")).findFirst().orElseThrow();
                }
                faults.immutable(segment);
                d.runUntil(START.plusSeconds(8 * DT + 1));
                Await.until("the 5 observations made meanwhile, from memory", 20,
                        () -> bySeq(sub, "/observation").size() == 8 && bySeq(sub, "/forecast").size() == 6);
                Await.until("the health degraded", 10, () -> "degraded".equals(sub.newest("/health").get("state").asText()));
                JsonNode h = sub.newest("/health");
                assertTrue(h.get("reasons").get(0).asText().startsWith("outbox: cannot store messages in the outbox; they "
                        + "wait in memory: Operation not permitted (since "), h.toString());
                assertEquals("Operation not permitted", h.get("errors").get("outbox").get("message").asText());
                assertTrue(s.memory().published() >= 10, "published from memory: " + s.memory().published());

                faults.mutable(segment);
                d.runUntil(START.plusSeconds(10 * DT + 1));
                Await.until("every observation and forecast", 20,
                        () -> bySeq(sub, "/observation").size() == 10 && bySeq(sub, "/forecast").size() == 8);
                Await.until("the health ok again", 10, () -> "ok".equals(sub.newest("/health").get("state").asText()));
                assertEquals(false, sub.newest("/health").get("errors").get("outbox").get("active").asBoolean());
            }
            for (Subscriber.Received r : sub.all()) {
                MqttSchemas.assertValid(r.topic(), r.payload());
            }
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L),
                    bySeq(sub, "/observation").keySet().stream().sorted().toList());
            List<String> configs = sub.all().stream().map(Subscriber.Received::topic)
                    .filter(t -> t.endsWith("/health/config") || t.endsWith("/problem/config")).distinct().toList();
            assertEquals(java.util.Set.of("homeassistant/sensor/nowcast_garden/health/config",
                    "homeassistant/binary_sensor/nowcast_garden/problem/config"), java.util.Set.copyOf(configs),
                    "the diagnostic entities are announced with the sensors");
            try (Subscriber late = new Subscriber(broker.tcpUri(), "late-health", "nowcast/garden/health")) {
                Await.until("the retained health for a late subscriber", 10, () -> late.all().size() == 1);
                assertTrue(late.all().get(0).retained());
                assertEquals("ok", late.all().get(0).json().get("state").asText());
            }
        }
    }
}
