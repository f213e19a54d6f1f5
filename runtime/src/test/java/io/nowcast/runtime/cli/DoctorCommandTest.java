package io.nowcast.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.cli.CliErrors;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.runtime.doctor.NtpStatus;
import io.nowcast.runtime.doctor.UserGroups;
import io.nowcast.runtime.station.Mosquitto;
import io.nowcast.runtime.station.TestModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The whole {@code nowcast doctor}: one line per check, exit 1 when one fails, 0 on a healthy station. */
class DoctorCommandTest {
    private static final String[] SUBJECTS = {"java", "config", "clock", "model", "sensor sim", "groups", "broker",
        "data dir", "outbox"};
    /** A broker address nothing listens on. */
    private static final String NO_BROKER = "tcp://127.0.0.1:1";

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path station(String broker) throws IOException {
        ModelWriter.write(TestModels.weather(3, 600), tmp.resolve("model.ncm"));
        return Files.writeString(tmp.resolve("station.conf"), "station.id = garden\nstation.data_dir = data\n"
                + "model.file = model.ncm\nmqtt.broker = " + broker + "\nsensor.sim.type = simulated\n");
    }

    /** nowcast doctor under the real command line, with the clock synchronised (this machine may have no systemd). */
    private int doctor(NtpStatus ntp, String... args) {
        CommandLine cli = NowcastCli.commandLine().addSubcommand("doctor-under-test",
                new DoctorCommand(null, ntp, UserGroups.current()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "doctor-under-test";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    private String[] lines() {
        return out.toString().split("\\R");
    }

    @Test
    void aHealthyStationPassesEveryCheckWithOneLineEachAndExitsZero() throws IOException {
        try (Mosquitto m = Mosquitto.start(tmp.resolve("broker"))) {
            assertEquals(0, doctor(() -> "yes", "--config", station(m.tcpUri()).toString()), out + "\n" + err);
        }
        String[] lines = lines();
        assertEquals(SUBJECTS.length, lines.length, out.toString());
        for (int i = 0; i < lines.length; i++) {
            assertTrue(lines[i].matches("[✔⚠] " + SUBJECTS[i] + ": .*"), lines[i]);
        }
        assertEquals("", err.toString());
    }

    @Test
    void aWarningDoesNotFailButAFailedCheckExitsOne() throws IOException {
        Path config = station(NO_BROKER);
        assertEquals(CliErrors.FAILED, doctor(() -> null, "--config", config.toString()));
        String[] lines = lines();
        assertEquals(SUBJECTS.length, lines.length, out.toString());
        assertTrue(lines[2].startsWith("⚠ clock: systemd does not run here"), lines[2]);
        assertTrue(lines[6].startsWith("✘ broker: " + NO_BROKER + " anonymously: cannot reach the broker"),
                lines[6]);
        assertTrue(lines[6].contains(" — fix: start the broker"), lines[6]);
        assertEquals(1, out.toString().chars().filter(c -> c == '✘').count(), out.toString());
    }

    @Test
    void aMissingConfigurationFileIsOneLineOnStderr() {
        Path gone = tmp.resolve("nope.conf");
        assertEquals(CliErrors.FAILED, NowcastCli.commandLine().setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute("doctor", "--config", gone.toString()));
        assertEquals("nowcast doctor: " + gone + ": no such file (give --config FILE, the station's configuration)\n",
                err.toString());
        assertEquals("", out.toString());
    }
}
