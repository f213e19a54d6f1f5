package io.nowcast.runtime.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.runtime.doctor.CheckResult.Status;
import io.nowcast.runtime.station.Mosquitto;
import io.nowcast.runtime.station.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker check against real Mosquitto brokers: plain, with passwords, with TLS. */
class DoctorBrokerTest {
    @TempDir
    Path tmp;

    private CheckResult broker(String... lines) throws IOException {
        return DoctorRun.results(new DoctorRun(tmp).config(lines)).get("broker");
    }

    @Test
    void aReachableBrokerPasses() throws IOException {
        try (Mosquitto m = Mosquitto.start(tmp.resolve("broker"))) {
            CheckResult b = broker("mqtt.broker = " + m.tcpUri());
            assertEquals("✔ broker: " + m.tcpUri() + ": connected anonymously without TLS", b.line());
            assertTrue(m.log().contains("nowcast-garden-doctor"), "its own client id, not the station's");
        }
    }

    @Test
    void anUnreachableBrokerFails() throws IOException, InterruptedException {
        Mosquitto m = Mosquitto.start(tmp.resolve("broker"));
        m.stop(); // a broker that was there and is gone: its port refuses
        CheckResult b = broker("mqtt.broker = " + m.tcpUri());
        assertEquals(Status.FAIL, b.status(), b.line());
        assertTrue(b.message().startsWith(m.tcpUri() + " anonymously: cannot reach the broker"), b.message());
        assertEquals("start the broker, or correct mqtt.broker; check that the firewall lets the port through", b.fix());
    }

    @Test
    void aWrongPasswordFails() throws Exception {
        Files.writeString(tmp.resolve("mqtt.secret"), "guess\n");
        Files.writeString(tmp.resolve("right.secret"), "right-password\n");
        try (Mosquitto m = Mosquitto.start(tmp.resolve("broker"), Mosquitto.passwordListener(tmp, "station", "right-password"))) {
            CheckResult wrong = broker("mqtt.broker = " + m.tcpUri(), "mqtt.username = station",
                    "mqtt.password_file = mqtt.secret");
            assertEquals(Status.FAIL, wrong.status(), wrong.line());
            assertTrue(wrong.message().startsWith(m.tcpUri() + " as station: the broker "), wrong.message());
            assertTrue(wrong.fix().startsWith("correct mqtt.username and the password"), wrong.fix());
            assertFalse(wrong.line().contains("guess"), "the password never appears");
            CheckResult right = broker("mqtt.broker = " + m.tcpUri(), "mqtt.username = station",
                    "mqtt.password_file = right.secret");
            assertEquals("✔ broker: " + m.tcpUri() + ": connected as station without TLS", right.line());
        }
    }

    @Test
    void aTlsBrokerWhoseCertificateNamesAnotherHostFailsAndOneThatNamesItPasses() throws Exception {
        TestCertificates localhost = TestCertificates.create(tmp.resolve("pki"));
        TestCertificates elsewhere = TestCertificates.create(tmp.resolve("pki-elsewhere"), "broker.example");
        Files.writeString(tmp.resolve("keystore.secret"), localhost.keystorePassword() + "\n");
        try (Mosquitto m = Mosquitto.start(tmp.resolve("broker"), elsewhere.mosquittoListener())) {
            CheckResult b = broker("mqtt.broker = " + m.sslUri(), "mqtt.tls.ca_file = " + elsewhere.caCert(),
                    "mqtt.tls.client_keystore = " + elsewhere.clientKeystore(),
                    "mqtt.tls.client_keystore_password_file = keystore.secret");
            assertEquals(Status.FAIL, b.status(), b.line());
            // The JDK's own words after "failed: " differ between updates: 17.0.21 puts "(certificate_unknown) "
            // before the reason, 17.0.15 does not.
            assertTrue(b.message().startsWith(m.sslUri() + " anonymously: the TLS handshake failed: "), b.message());
            assertTrue(b.message().endsWith("No subject alternative DNS name matching localhost found."), b.message());
            assertTrue(b.fix().startsWith("connect by a name the broker's certificate holds"), b.fix());
        }
        try (Mosquitto m = Mosquitto.start(tmp.resolve("broker-ok"), localhost.mosquittoListener())) {
            CheckResult b = broker("mqtt.broker = " + m.sslUri(), "mqtt.tls.ca_file = " + localhost.caCert(),
                    "mqtt.tls.client_keystore = " + localhost.clientKeystore(),
                    "mqtt.tls.client_keystore_password_file = keystore.secret");
            assertEquals("✔ broker: " + m.sslUri() + ": connected anonymously over TLS, the certificate valid for the host",
                    b.line());
        }
    }
}
