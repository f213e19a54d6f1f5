package io.nowcast.runtime.station.mqtt;

import io.nowcast.broker.BrokerSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.runtime.station.Await;
import io.nowcast.runtime.station.Mosquitto;
import io.nowcast.runtime.station.outbox.Outbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The waits between connection attempts grow after a lost connection too, not only after failed
 * attempts, and a broker that takes the TCP connection but never answers stalls nothing: each wait
 * for an answer ends after the keep-alive, and the attempts back off.
 */
class ReconnectBackoffTest {
    private static final StationTopics TOPICS = new StationTopics("test");

    @TempDir
    Path tmp;

    private static List<RetainedMessage> model(int bytes) {
        return List.of(new RetainedMessage(TOPICS.model(), "m".repeat(bytes).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void afterALostConnectionTheAttemptsAgainstAStoppedBrokerBackOff() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Outbox box = Outbox.open(tmp.resolve("outbox"), 1 << 20)) {
            BrokerSettings s = new BrokerSettings(broker.tcpUri(), "stopped", 1, null, null, null, null, null, 30, 1, 4);
            MqttPublisher pub = new MqttPublisher(s, TOPICS, box, model(10), List.of(), "homeassistant/status");
            pub.start();
            Await.until("connected", 20, pub::connected);
            broker.stop();
            Await.until("the loss noticed", 20, () -> pub.stats().connectionLosses() == 1);
            TimeUnit.MILLISECONDS.sleep(8500);
            long attempts = pub.connectFailures();
            pub.close();
            // Waits of 1, 2, 4, 4 s after the loss: attempts at about 1, 3 and 7 s (a fixed 1 s: 8).
            assertTrue(attempts >= 2 && attempts <= 4, attempts + " attempts in 8.5 s");
            assertTrue(pub.lastError().startsWith("cannot reach the broker"), pub.lastError());
        }
    }

    @Test
    void aConnectionThatBreaksAtOnceEveryTimeIsRetriedEverMoreSlowly() throws Exception {
        // Mosquitto takes the connection and the status, then closes the connection over the retained
        // model message, which is larger than its max_packet_size: a connection that never lasts.
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"), List.of("allow_anonymous true", "max_packet_size 512"));
                Outbox box = Outbox.open(tmp.resolve("outbox"), 1 << 20)) {
            BrokerSettings s = new BrokerSettings(broker.tcpUri(), "flapping", 1, null, null, null, null, null, 30, 1, 4);
            MqttPublisher pub = new MqttPublisher(s, TOPICS, box, model(2000), List.of(), "homeassistant/status");
            pub.start();
            TimeUnit.MILLISECONDS.sleep(8500);
            MqttPublisher.Stats stats = pub.stats();
            pub.close();
            // Connections at about 0, 1, 3 and 7 s (waits 1, 2, 4); a fixed 1 s wait would make 8 or 9.
            assertTrue(stats.connections() >= 3 && stats.connections() <= 5, stats.toString());
            assertEquals(stats.connections(), stats.connectionLosses(), stats.toString());
            assertEquals(0, stats.connectFailures(), stats.toString());
            assertTrue(stats.lastError().endsWith("(while sending the retained nowcast/test/model)"), stats.lastError());
        }
    }

    @Test
    void aBrokerThatNeverAnswersTheConnectIsGivenUpOnAfterTheKeepAliveAndRetried() throws Exception {
        try (SilentBroker silent = new SilentBroker(SilentBroker.Mode.NEVER_ANSWERS);
                Outbox box = Outbox.open(tmp.resolve("outbox"), 1 << 20)) {
            box.append(TOPICS.forecast(), 0, "{\"seq\":0}".getBytes(StandardCharsets.UTF_8));
            BrokerSettings s = new BrokerSettings(silent.uri(), "unanswered", 1, null, null, null, null, null, 2, 1, 2);
            MqttPublisher pub = new MqttPublisher(s, TOPICS, box, List.of(), List.of(), "homeassistant/status");
            pub.start();
            Await.until("two attempts given up on", 20, () -> pub.connectFailures() >= 2);
            assertEquals("no answer from the broker in time", pub.lastError());
            assertFalse(pub.connected());
            assertEquals(1, box.pending());
            Await.until("each given-up connection closed", 10, () -> silent.open() <= 1);
            long t0 = System.nanoTime();
            pub.close();
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3), "close() does not wait out a pending connect");
            Await.until("every connection closed after close()", 10, () -> silent.open() == 0);
        }
    }

    @Test
    void aBrokerThatAcceptsButNeverAcknowledgesStallsNothingAndBlamesNoMessage() throws Exception {
        try (SilentBroker silent = new SilentBroker(SilentBroker.Mode.CONNACK_ONLY);
                Outbox box = Outbox.open(tmp.resolve("outbox"), 1 << 20)) {
            for (int seq = 0; seq < 3; seq++) {
                box.append(TOPICS.forecast(), seq, ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8));
            }
            BrokerSettings s = new BrokerSettings(silent.uri(), "unacknowledged", 1, null, null, null, null, null, 2, 1, 2);
            MqttPublisher pub = new MqttPublisher(s, TOPICS, box, List.of(), List.of(), "homeassistant/status",
                    tmp.resolve(MqttPublisher.DEAD_LETTER_FILE));
            pub.start();
            Await.until("three attempts given up on", 30, () -> pub.connectFailures() >= 3);
            MqttPublisher.Stats stats = pub.stats();
            assertEquals("no answer from the broker in time (while sending the retained nowcast/test/status)",
                    stats.lastError());
            assertEquals(0, stats.connections(), "a connection counts once the broker has answered a PUBLISH on it");
            assertEquals(0, stats.deadLettered());
            assertEquals(3, box.pending(), "nothing leaves the outbox unacknowledged");
            assertTrue(silent.accepted() >= 3);
            pub.close();
        }
    }
}
