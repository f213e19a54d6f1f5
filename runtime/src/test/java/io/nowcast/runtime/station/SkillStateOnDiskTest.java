package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.testing.ReferenceEngine;
import io.nowcast.runtime.station.mqtt.RetainedMessage;
import io.nowcast.runtime.station.outbox.Outbox;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: skill state on disk that the station cannot use never stops it. A record that is
 * oversized or garbage is moved aside with the reason and the station forecasts and scores on; a
 * record the disk refuses to update makes the health {@code degraded} with the reason while the
 * figures go on in memory, and {@code ok} again once the file takes them, the figures complete.
 */
class SkillStateOnDiskTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DT = 600;
    private static final Instant START = Instant.parse("2026-03-01T00:05:00Z");

    @TempDir
    Path dir;

    private static JsonNode lastSkill(RecordingUplink uplink) throws Exception {
        List<RetainedMessage> skill;
        synchronized (uplink) {
            skill = uplink.retained.stream().filter(m -> m.topic().endsWith("/skill")).toList();
        }
        String payload = new String(skill.get(skill.size() - 1).payload(), StandardCharsets.UTF_8);
        MqttSchemas.assertValid("nowcast/garden/skill", payload);
        return JSON.readTree(payload);
    }

    @Test
    void anOversizedOrGarbageRecordIsSetAsideAndTheStationScoresOn() throws Exception {
        Model model = TestModels.weather(3, DT);
        ModelInfo info = TestModels.info(model);
        Path record = dir.resolve("skill/" + info.sha256() + ".skill");
        Files.createDirectories(record.getParent());
        for (String kind : new String[] {"oversized", "garbage"}) {
            if (kind.equals("oversized")) {
                try (RandomAccessFile f = new RandomAccessFile(record.toFile(), "rw")) {
                    f.setLength(8L << 30); // 8 GiB, sparse: a station that read it would not start
                }
            } else {
                Files.write(record, "not a skill record\n".repeat(1000).getBytes(StandardCharsets.US_ASCII));
            }
            RecordingUplink uplink = new RecordingUplink();
            try (Outbox box = Outbox.open(dir.resolve("outbox-" + kind), 1 << 20);
                    Station s = new Station("garden", info, new ReferenceEngine(model), TestModels.CHANNELS, box, dir, 2, 13)) {
                assertTrue(s.skill().record().setAside() != null, kind + ": says why it was set aside");
                s.attach(uplink, null);
                StationDriver d = new StationDriver(s, START, 200);
                d.runFor(Duration.ofHours(3));
                assertTrue(s.forecasts() > 10);
                assertTrue(lastSkill(uplink).get("outputs").get(0).get("24h").get("count").asLong() > 5, kind);
            }
            assertEquals(io.nowcast.runtime.station.skill.SkillStore.recordBytes(2), Files.size(record),
                    kind + ": a fresh record in its place");
        }
    }

    @Test
    void aRecordTheDiskRefusesMakesTheHealthDegradedUntilItTakesTheFiguresAgain() throws Exception {
        Model model = TestModels.weather(3, DT);
        ModelInfo info = TestModels.info(model);
        RecordingUplink uplink = new RecordingUplink();
        try (Faults faults = new Faults();
                Outbox box = Outbox.open(dir.resolve("outbox"), 1 << 20);
                Station s = new Station("garden", info, new ReferenceEngine(model), TestModels.CHANNELS, box, dir, 2, 13)) {
            s.attach(uplink, null);
            StationDriver d = new StationDriver(s, START, 200);
            d.runFor(Duration.ofHours(2));
            Path record = dir.resolve("skill/" + info.sha256() + ".skill");
            faults.immutable(record);
            d.runFor(Duration.ofHours(1));
            JsonNode h = uplink.lastHealth();
            assertEquals("degraded", h.get("state").asText(), h.toString());
            assertTrue(h.get("reasons").get(0).asText().startsWith("skill: cannot write the live skill record; its "
                    + "figures wait in memory: "), h.toString());
            long during = lastSkill(uplink).get("outputs").get(0).get("24h").get("count").asLong();
            faults.mutable(record);
            d.runFor(Duration.ofHours(1));
            assertEquals("ok", uplink.lastHealth().get("state").asText());
            long after = lastSkill(uplink).get("outputs").get(0).get("24h").get("count").asLong();
            assertTrue(during > 0 && after > during, during + " then " + after);
        }
        // What was scored while the file refused it reached the file after: a new station restores all of it.
        try (Outbox box = Outbox.open(dir.resolve("outbox"), 1 << 20);
                Station s = new Station("garden", info, new ReferenceEngine(model), TestModels.CHANNELS, box, dir, 2, 13)) {
            RecordingUplink again = new RecordingUplink();
            s.attach(again, null);
            WireSkill.assertSameFigures(lastSkill(uplink).get("outputs"), lastSkill(again).get("outputs"));
        }
    }
}
