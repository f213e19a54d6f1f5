package io.nowcast.runtime.station.mqtt;

import io.nowcast.broker.BrokerException;
import io.nowcast.broker.BrokerSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.runtime.station.Await;
import io.nowcast.runtime.station.Mosquitto;
import io.nowcast.runtime.station.Subscriber;
import io.nowcast.runtime.station.TestCertificates;
import io.nowcast.runtime.station.TmpfsDir;
import io.nowcast.runtime.station.outbox.Outbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher against real Mosquitto brokers: outages, passwords, TLS. */
class MqttPublisherTest {
    private static final StationTopics TOPICS = new StationTopics("test");

    @TempDir
    Path tmp;

    private static List<RetainedMessage> model() {
        return List.of(new RetainedMessage(TOPICS.model(), "{\"name\":\"m\"}".getBytes(StandardCharsets.UTF_8)));
    }

    private static void appendAll(Outbox box, int from, int to) throws Exception {
        for (int seq = from; seq < to; seq++) {
            box.append(TOPICS.forecast(), seq, ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The seqs of the forecasts received, repeats (allowed by QoS 1) dropped, order kept. */
    static List<Long> seqsWithoutRepeats(Subscriber sub) {
        List<Long> seqs = new ArrayList<>();
        for (Subscriber.Received r : sub.on("/forecast")) {
            long seq = Long.parseLong(r.payload().replaceAll("\\D", ""));
            if (seqs.isEmpty() || seq > seqs.get(seqs.size() - 1)) {
                seqs.add(seq);
            } else {
                assertTrue(seqs.contains(seq), "seq " + seq + " arrived out of order, not as a repeat: " + seqs);
            }
        }
        return seqs;
    }

    private static List<Long> range(int n) {
        List<Long> r = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }

    @Test
    void aBrokerOutageLosesNothingAndKeepsTheOrder() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Subscriber sub = new Subscriber(broker.tcpUri(), "test-sub", "nowcast/test/#");
                Outbox box = Outbox.open(tmp.resolve("outbox"), 1 << 20)) {
            MqttPublisher pub = new MqttPublisher(BrokerSettings.plain(broker.tcpUri(), "station"), TOPICS, box, model(),
                    List.of(), "homeassistant/status");
            pub.start();
            appendAll(box, 0, 40);
            Await.until("the first 40 forecasts", 30, () -> seqsWithoutRepeats(sub).size() == 40);
            assertTrue(sub.on("/status").stream().anyMatch(r -> r.payload().equals("online")));
            assertTrue(sub.on("/model").stream().anyMatch(r -> r.payload().equals("{\"name\":\"m\"}")));

            broker.stop();
            appendAll(box, 40, 100); // produced while the broker is down
            Await.until("the publisher to notice the outage", 30, () -> !pub.connected());
            assertTrue(box.pending() > 0, "undelivered messages wait in the outbox");

            broker.start();
            Await.until("all 100 forecasts after the restart", 60, () -> seqsWithoutRepeats(sub).size() == 100);
            assertEquals(range(100), seqsWithoutRepeats(sub));
            Await.until("the outbox to drain", 10, () -> box.pending() == 0);
            pub.close();
        }
    }

    @Test
    void aLongBacklogDrainsOverOneConnection() throws Exception {
        // On tmpfs an acknowledgement costs no disk flush, so the publisher sends as fast as it can:
        // the case where Paho's in-flight count lags behind the acknowledgements it reports.
        try (TmpfsDir scratch = TmpfsDir.create("nowcast-outbox-", tmp.resolve("outbox"));
                Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Outbox box = Outbox.open(scratch.path(), 16 << 20)) {
            appendAll(box, 0, 3000);
            MqttPublisher pub = new MqttPublisher(BrokerSettings.plain(broker.tcpUri(), "backlog"), TOPICS, box, model(),
                    List.of(), "homeassistant/status");
            pub.start();
            Await.until("3000 forecasts acknowledged", 120, () -> pub.delivered() == 3000);
            assertEquals(1, pub.connections(), "reconnected while draining: " + pub.lastError());
            pub.close();
        }
    }

    @Test
    void moreRetainedConfigsThanPahoLetsFlyAtOnceAllArrive() throws Exception {
        List<RetainedMessage> configs = new ArrayList<>();
        for (int i = 0; i < 25; i++) { // Paho's default limit is 10 messages in flight
            configs.add(new RetainedMessage("homeassistant/sensor/nowcast_test/x" + i + "/config",
                    ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Outbox box = Outbox.open(tmp.resolve("outbox"), 1 << 20)) {
            MqttPublisher pub = new MqttPublisher(BrokerSettings.plain(broker.tcpUri(), "many"), TOPICS, box, model(),
                    configs, "homeassistant/status");
            pub.start();
            try (Subscriber late = new Subscriber(broker.tcpUri(), "late", "homeassistant/#")) {
                Await.until("25 retained configs", 20, () -> late.all().size() == 25);
            }
            assertEquals(0, pub.connectFailures());
            pub.close();
        }
    }

    @Test
    void aWrongPasswordIsReportedClearlyAndRetriedWithoutACrash() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"),
                Mosquitto.passwordListener(tmp, "station", "right-password"));
                Outbox wrongBox = Outbox.open(tmp.resolve("wrong"), 1 << 20);
                Outbox rightBox = Outbox.open(tmp.resolve("right"), 1 << 20)) {
            appendAll(wrongBox, 0, 3);
            BrokerSettings wrong = new BrokerSettings(broker.tcpUri(), "wrong", 1, "station", "guess".toCharArray(),
                    null, null, null, 30, 1, 2);
            MqttPublisher bad = new MqttPublisher(wrong, TOPICS, wrongBox, model(), List.of(), "homeassistant/status");
            bad.start();
            Await.until("two refused attempts", 30, () -> bad.connectFailures() >= 2);
            assertTrue(bad.lastError().contains("refused the user name or password")
                    || bad.lastError().contains("not authorised"), bad.lastError());
            assertFalse(bad.lastError().contains("guess"), "the password never appears in messages");
            assertEquals(3, wrongBox.pending(), "nothing leaves the outbox while refused");
            bad.close();

            appendAll(rightBox, 0, 3);
            BrokerSettings right = new BrokerSettings(broker.tcpUri(), "right", 1, "station",
                    "right-password".toCharArray(), null, null, null, 30, 1, 2);
            MqttPublisher good = new MqttPublisher(right, TOPICS, rightBox, model(), List.of(), "homeassistant/status");
            good.start();
            // The publisher acks the outbox before it counts the delivery: wait for both.
            Await.until("delivery with the right password", 30, () -> rightBox.pending() == 0 && good.delivered() >= 3);
            assertEquals(3, good.delivered());
            good.close();
        }
    }

    @Test
    void deliversOverTlsWithACaFileAndAClientCertificate() throws Exception {
        TestCertificates pki = TestCertificates.create(tmp.resolve("pki"));
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"), pki.mosquittoListener());
                Outbox box = Outbox.open(tmp.resolve("outbox"), 1 << 20)) {
            appendAll(box, 0, 5);
            BrokerSettings tls = new BrokerSettings(broker.sslUri(), "tls-station", 1, null, null, pki.caCert(),
                    pki.clientKeystore(), pki.keystorePassword().toCharArray(), 30, 1, 2);
            MqttPublisher pub = new MqttPublisher(tls, TOPICS, box, model(), List.of(), "homeassistant/status");
            pub.start();
            // The publisher acks the outbox before it counts the delivery: wait for both.
            Await.until("delivery over TLS", 30, () -> box.pending() == 0 && pub.delivered() >= 5);
            assertEquals(5, pub.delivered());
            pub.close();
            assertTrue(broker.log().contains("tls-station"), "the broker saw the client over its TLS listener");
        }
    }

    @Test
    void withoutItsClientCertificateTheTlsBrokerRefusesAndThePublisherRetries() throws Exception {
        TestCertificates pki = TestCertificates.create(tmp.resolve("pki"));
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"), pki.mosquittoListener());
                Outbox box = Outbox.open(tmp.resolve("outbox"), 1 << 20)) {
            appendAll(box, 0, 1);
            BrokerSettings noCert = new BrokerSettings(broker.sslUri(), "no-cert", 1, null, null, pki.caCert(), null,
                    null, 30, 1, 2);
            MqttPublisher pub = new MqttPublisher(noCert, TOPICS, box, model(), List.of(), "homeassistant/status");
            pub.start();
            Await.until("two refused attempts", 30, () -> pub.connectFailures() >= 2);
            assertTrue(pub.lastError().startsWith("the TLS handshake failed") || pub.lastError().startsWith("cannot reach the broker")
                    || pub.lastError().contains("connection lost"), pub.lastError());
            assertEquals(1, box.pending());
            pub.close();
        }
    }

    @Test
    void anUnreadableCaFileIsNamed() {
        Path missing = tmp.resolve("no-such-ca.pem");
        BrokerSettings s = new BrokerSettings("ssl://localhost:1", "x", 1, null, null, missing, null, null, 30, 1, 2);
        BrokerException e = org.junit.jupiter.api.Assertions.assertThrows(BrokerException.class,
                () -> new MqttPublisher(s, TOPICS, null, List.of(), List.of(), "homeassistant/status"));
        assertTrue(e.getMessage().startsWith("CA file " + missing), e.getMessage());
        assertFalse(Files.exists(missing));
    }
}
