package io.nowcast.runtime.station.mqtt;

import io.nowcast.broker.BrokerSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.runtime.station.Await;
import io.nowcast.runtime.station.Mosquitto;
import io.nowcast.runtime.station.Subscriber;
import io.nowcast.runtime.station.outbox.Outbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher's thread never dies quietly: whatever escapes its loop is counted and the loop
 * starts again after a growing back-off, except an error that breaks the JVM, which stops it in
 * plain view (status offline through the last will). The faults are real throws on the publisher's
 * own thread, from its acknowledgement listener, against a real Mosquitto.
 */
class PublisherSupervisorTest {
    private static final StationTopics TOPICS = new StationTopics("test");

    @TempDir
    Path tmp;

    private static void appendAll(Outbox box, int from, int to) throws Exception {
        for (int seq = from; seq < to; seq++) {
            box.append(TOPICS.forecast(), seq, ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static BrokerSettings settings(String uri, String clientId) {
        return new BrokerSettings(uri, clientId, 1, null, null, null, null, null, 30, 1, 2);
    }

    @Test
    void anExceptionOrAnErrorInTheLoopIsCountedAndTheLoopStartsAgain() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Outbox box = Outbox.open(tmp.resolve("outbox"), 1 << 20)) {
            MqttPublisher pub = new MqttPublisher(settings(broker.tcpUri(), "supervised"), TOPICS, box, List.of(),
                    List.of(), "homeassistant/status");
            AtomicInteger acks = new AtomicInteger();
            pub.onAck((entry, nanos) -> {
                int n = acks.incrementAndGet();
                if (n == 1) {
                    throw new IllegalStateException("test: a bug after the first acknowledgement");
                }
                if (n == 2) {
                    throw new LinkageError("test: an error that does not break the JVM");
                }
            });
            appendAll(box, 0, 5);
            pub.start();
            Await.until("all 5 delivered despite two failures", 30, () -> pub.delivered() == 5);
            MqttPublisher.Stats s = pub.stats();
            assertEquals(2, s.restarts(), s.toString());
            assertTrue(s.running(), "the publisher runs on");
            assertTrue(s.lastError().contains("LinkageError"), s.lastError());
            assertTrue(s.lastErrorAt() != null);
            assertEquals(0, box.pending());
            assertEquals(0, s.deadLettered(), "the failures came after the acknowledgements: no message is to blame");
            pub.close();
            assertFalse(pub.stats().running());
        }
    }

    @Test
    void restartsComeAfterAGrowingBackOff() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Outbox box = Outbox.open(tmp.resolve("outbox"), 1 << 20)) {
            MqttPublisher pub = new MqttPublisher(settings(broker.tcpUri(), "always-failing"), TOPICS, box, List.of(),
                    List.of(), "homeassistant/status");
            pub.onAck((entry, nanos) -> {
                throw new IllegalStateException("test: every acknowledgement fails");
            });
            appendAll(box, 0, 20);
            pub.start();
            TimeUnit.MILLISECONDS.sleep(6500);
            long restarts = pub.stats().restarts();
            pub.close();
            // Waits of 1, 2, 2, 2 s: restarts at about 0, 1, 3, 5 s (a fixed 1 s would make 7, none at all 20).
            assertTrue(restarts >= 3 && restarts <= 5, restarts + " restarts in 6.5 s");
            long afterClose = pub.stats().restarts();
            assertTrue(pub.delivered() == afterClose || pub.delivered() == afterClose + 1, // the last one as close() came
                    "each restart lost nothing, the queue moved on by one message: " + pub.stats());
        }
    }

    @Test
    void anErrorThatBreaksTheJvmStopsThePublisherInPlainView() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Subscriber sub = new Subscriber(broker.tcpUri(), "watcher", "nowcast/test/status");
                Outbox box = Outbox.open(tmp.resolve("outbox"), 1 << 20)) {
            MqttPublisher pub = new MqttPublisher(settings(broker.tcpUri(), "doomed"), TOPICS, box, List.of(), List.of(),
                    "homeassistant/status");
            pub.onAck((entry, nanos) -> {
                throw new OutOfMemoryError("test: the heap is full");
            });
            appendAll(box, 0, 3);
            pub.start();
            Await.until("the publisher to stop", 20, () -> !pub.stats().running());
            Await.until("the broker to publish the last will", 20, () -> sub.on("/status").stream()
                    .map(Subscriber.Received::payload).toList().equals(List.of("online", "offline")));
            MqttPublisher.Stats s = pub.stats();
            assertEquals(0, s.restarts());
            assertTrue(s.lastError().startsWith("publisher stopped: java.lang.OutOfMemoryError"), s.lastError());
            assertFalse(s.connected());
            assertEquals(2, box.pending(), "the outbox keeps what was not delivered");
            pub.close();
        }
    }
}
