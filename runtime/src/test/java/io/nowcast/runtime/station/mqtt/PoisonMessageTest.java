package io.nowcast.runtime.station.mqtt;

import io.nowcast.broker.BrokerSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowcast.runtime.station.Await;
import io.nowcast.runtime.station.Mosquitto;
import io.nowcast.runtime.station.Subscriber;
import io.nowcast.runtime.station.outbox.Outbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message the broker will not take does not block the queue. What Mosquitto (2.0) really does
 * with such messages from an MQTT 3.1.1 client, measured here:
 * <ul>
 * <li>a PUBLISH larger than {@code max_packet_size}: it closes the connection ("disconnected due to
 *     oversize packet"), every time: a poison message, dead-lettered after {@link MqttPublisher#MAX_ATTEMPTS};
 * <li>a payload larger than {@code message_size_limit}: it acknowledges the PUBLISH (PUBACK) and
 *     drops it ("Dropped too large PUBLISH"); the publisher cannot tell, the message leaves the outbox;
 * <li>a PUBLISH the ACL denies: the same, acknowledged and dropped ("Denied PUBLISH"); MQTT 3.1.1's
 *     PUBACK has no reason code to say otherwise.
 * </ul>
 */
class PoisonMessageTest {
    private static final StationTopics TOPICS = new StationTopics("test");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static byte[] payload(long seq, int size) {
        String head = "{\"seq\":" + seq + ",\"pad\":\"";
        return (head + "x".repeat(Math.max(0, size - head.length() - 2)) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static BrokerSettings settings(String uri, String clientId) {
        return new BrokerSettings(uri, clientId, 1, null, null, null, null, null, 30, 1, 2);
    }

    private static List<Long> seqs(Subscriber sub) {
        return sub.on("/forecast").stream().map(r -> {
            try {
                return JSON.readTree(r.payload()).get("seq").asLong();
            } catch (java.io.IOException e) {
                throw new AssertionError(r.payload(), e);
            }
        }).distinct().toList();
    }

    @Test
    void aMessageTheBrokerDisconnectsOnIsDeadLetteredAfterGrowingWaitsAndTheQueueGoesOn() throws Exception {
        Path deadLetters = tmp.resolve("data").resolve(MqttPublisher.DEAD_LETTER_FILE);
        Files.createDirectories(deadLetters.getParent());
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"), List.of("allow_anonymous true", "max_packet_size 2048"));
                Subscriber sub = new Subscriber(broker.tcpUri(), "sub", "nowcast/test/#");
                Outbox box = Outbox.open(tmp.resolve("outbox"), 1 << 20)) {
            box.append(TOPICS.forecast(), 0, payload(0, 100));
            box.append(TOPICS.forecast(), 1, payload(1, 4000)); // larger than the broker's max_packet_size
            box.append(TOPICS.forecast(), 2, payload(2, 100));
            MqttPublisher pub = new MqttPublisher(settings(broker.tcpUri(), "poisoned"), TOPICS, box, List.of(), List.of(),
                    "homeassistant/status", deadLetters);
            long t0 = System.nanoTime();
            pub.start();
            Await.until("the poison message to be given up on", 60, () -> pub.stats().deadLettered() == 1);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Await.until("the message after it", 20, () -> seqs(sub).contains(2L));
            assertEquals(List.of(0L, 2L), seqs(sub));
            assertEquals(0, box.pending());
            MqttPublisher.Stats s = pub.stats();
            assertEquals(MqttPublisher.MAX_ATTEMPTS, s.connectionLosses(), s.toString());
            assertEquals(0, s.restarts());
            // Waits of 1, 2, 2, 2 s between the five attempts (min 1, max 2): a fixed 1 s would take 4 s.
            assertTrue(seconds >= 6.5, "five attempts took " + seconds + " s");
            assertTrue(broker.log().contains("disconnected due to oversize packet"), "what Mosquitto did");

            List<String> lines = Files.readAllLines(deadLetters);
            assertEquals(1, lines.size(), lines.toString());
            JsonNode dead = JSON.readTree(lines.get(0));
            assertEquals("nowcast/test/forecast", dead.get("topic").asText());
            assertEquals(1, dead.get("seq").asLong());
            assertEquals(1, dead.get("outbox_index").asLong());
            assertEquals(MqttPublisher.MAX_ATTEMPTS, dead.get("attempts").asInt());
            assertTrue(dead.get("reason").asText().startsWith("its sending failed 5 times in a row on connections the "
                    + "broker had accepted; the last time: connection lost"), dead.toString());
            assertEquals(new String(payload(1, 4000), StandardCharsets.UTF_8), dead.get("payload").asText());
            assertTrue(Instant.parse(dead.get("time").asText()).isAfter(Instant.now().minusSeconds(120)));
            assertTrue(s.lastError().contains("gave up on nowcast/test/forecast seq 1"), s.lastError());
            pub.close();
        }
    }

    @Test
    void aTopicTheClientRefusesIsDeadLetteredAtOnce() throws Exception {
        Path deadLetters = tmp.resolve(MqttPublisher.DEAD_LETTER_FILE);
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Subscriber sub = new Subscriber(broker.tcpUri(), "sub", "nowcast/test/#");
                Outbox box = Outbox.open(tmp.resolve("outbox"), 1 << 20)) {
            box.append("nowcast/test/+", 0, payload(0, 50)); // no topic a message can be published to
            box.append(TOPICS.forecast(), 1, payload(1, 50));
            MqttPublisher pub = new MqttPublisher(settings(broker.tcpUri(), "wildcard"), TOPICS, box, List.of(), List.of(),
                    "homeassistant/status", deadLetters);
            pub.start();
            Await.until("the next message", 20, () -> seqs(sub).contains(1L));
            assertEquals(1, pub.stats().deadLettered());
            assertEquals(1, pub.stats().connections(), "the connection was never at stake");
            JsonNode dead = JSON.readTree(Files.readAllLines(deadLetters).get(0));
            assertEquals("nowcast/test/+", dead.get("topic").asText());
            assertEquals(1, dead.get("attempts").asInt());
            assertTrue(dead.get("reason").asText().startsWith("the MQTT client refuses it"), dead.toString());
            pub.close();
        }
    }

    @Test
    void mosquittoAcknowledgesAndDropsAPayloadOverItsMessageSizeLimit() throws Exception {
        Path deadLetters = tmp.resolve(MqttPublisher.DEAD_LETTER_FILE);
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"),
                List.of("allow_anonymous true", "message_size_limit 1000"));
                Subscriber sub = new Subscriber(broker.tcpUri(), "sub", "nowcast/test/#");
                Outbox box = Outbox.open(tmp.resolve("outbox"), 1 << 20)) {
            box.append(TOPICS.forecast(), 0, payload(0, 4000));
            box.append(TOPICS.forecast(), 1, payload(1, 100));
            MqttPublisher pub = new MqttPublisher(settings(broker.tcpUri(), "oversize"), TOPICS, box, List.of(), List.of(),
                    "homeassistant/status", deadLetters);
            pub.start();
            Await.until("the second message", 20, () -> seqs(sub).contains(1L));
            Await.until("both acknowledged", 20, () -> pub.delivered() >= 2); // counted after the subscriber sees it
            assertEquals(List.of(1L), seqs(sub), "the broker dropped the first");
            assertEquals(2, pub.delivered(), "and acknowledged it: to the publisher it was delivered");
            assertEquals(0, pub.stats().deadLettered());
            assertEquals(0, pub.stats().connectionLosses());
            assertFalse(Files.exists(deadLetters));
            assertTrue(broker.log().contains("Dropped too large PUBLISH"), "what Mosquitto did");
            pub.close();
        }
    }

    @Test
    void mosquittoAcknowledgesAndDropsAPublishItsAclDenies() throws Exception {
        Path acl = Files.createDirectories(tmp.resolve("broker")).resolve("acl");
        Files.write(acl, List.of("topic read nowcast/#", "topic readwrite nowcast/test/status",
                "topic readwrite nowcast/test/observation")); // not nowcast/test/forecast
        Path deadLetters = tmp.resolve(MqttPublisher.DEAD_LETTER_FILE);
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"), List.of("allow_anonymous true", "acl_file " + acl));
                Subscriber sub = new Subscriber(broker.tcpUri(), "sub", "nowcast/test/#");
                Outbox box = Outbox.open(tmp.resolve("outbox"), 1 << 20)) {
            box.append(TOPICS.forecast(), 0, payload(0, 50));
            box.append(TOPICS.observation(), 0, payload(0, 50));
            MqttPublisher pub = new MqttPublisher(settings(broker.tcpUri(), "denied"), TOPICS, box, List.of(), List.of(),
                    "homeassistant/status", deadLetters);
            pub.start();
            Await.until("the observation", 20, () -> !sub.on("/observation").isEmpty());
            // The subscriber may see the observation before the publisher counts its PUBACK: wait for both.
            Await.until("both acknowledged", 20, () -> pub.delivered() >= 2);
            assertEquals(List.of(), seqs(sub), "the broker dropped the forecast");
            assertEquals(2, pub.delivered(), "and acknowledged it");
            assertEquals(0, pub.stats().deadLettered());
            assertFalse(Files.exists(deadLetters));
            assertTrue(broker.log().contains("Denied PUBLISH"), "what Mosquitto did");
            pub.close();
        }
    }
}
