package io.nowcast.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.cli.CliErrors;
import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.RandomModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * keygen and publish-model given bad input: exit 1 and one line saying what is wrong and where,
 * before anything is sent. (A real publication, received and taken by a station, is the runtime's
 * {@code PublishToStationTest}.)
 */
class PublishModelCommandTest {
    record Run(int code, String out, String err) {
    }

    static Run run(Callable<Integer> command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CliErrors.install(new CommandLine(command));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void assertOneLine(Run r, String expected) {
        assertEquals(1, r.code(), r.err());
        assertEquals(expected + System.lineSeparator(), r.err());
    }

    private static Path model(Path dir) throws Exception {
        Path m = dir.resolve("m.ncm");
        ModelWriter.write(RandomModels.model(1, new RandomModels.Shape(2, new int[] {4}, 1, 6), WeightType.F32,
                CellActivation.ISRU, GateActivation.ISRU_SIGMOID), m);
        return m;
    }

    private static String closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void keygenThenRefusesToOverwrite(@TempDir Path dir) {
        Run first = run(new KeygenCommand(), "--out", dir.toString(), "--name", "ws");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().startsWith("wrote " + dir.resolve("ws.key") + " (private"), first.out());
        assertOneLine(run(new KeygenCommand(), "--out", dir.toString(), "--name", "ws"),
                "keygen: " + dir.resolve("ws.key") + ": refusing to overwrite a key");
    }

    @Test
    void missingKey(@TempDir Path dir) throws Exception {
        Path m = model(dir);
        assertOneLine(run(new PublishModelCommand(), "--model", m.toString(), "--key", dir.resolve("none.key").toString(),
                "--broker", closedPort(), "--station", "s1"), "publish-model: " + dir.resolve("none.key") + ": no such file");
    }

    @Test
    void wrongKeyType(@TempDir Path dir) throws Exception {
        Path m = model(dir);
        Path rsa = dir.resolve("rsa.key");
        Files.writeString(rsa, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        assertOneLine(run(new PublishModelCommand(), "--model", m.toString(), "--key", rsa.toString(), "--broker",
                closedPort(), "--station", "s1"), "publish-model: " + rsa
                        + ": an RSA private key, not an Ed25519 private key (make one with 'nowcast-train keygen')");
    }

    @Test
    void unreachableBroker(@TempDir Path dir) throws Exception {
        Path m = model(dir);
        run(new KeygenCommand(), "--out", dir.toString(), "--name", "k");
        String broker = closedPort();
        Run r = run(new PublishModelCommand(), "--model", m.toString(), "--key", dir.resolve("k.key").toString(),
                "--broker", broker, "--station", "s1");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("publish-model: broker " + broker + ": cannot reach the broker: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void notAModel(@TempDir Path dir) throws Exception {
        run(new KeygenCommand(), "--out", dir.toString(), "--name", "k");
        Path csv = Files.writeString(dir.resolve("history.csv"), "timestamp,temperature\n2024-01-01T00:00:00Z,3.5\n");
        Run r = run(new PublishModelCommand(), "--model", csv.toString(), "--key", dir.resolve("k.key").toString(),
                "--broker", closedPort(), "--station", "s1");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("publish-model: " + csv + ": "), r.err());
        assertTrue(r.err().contains("magic"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void badStationAndBroker(@TempDir Path dir) throws Exception {
        Path m = model(dir);
        assertOneLine(run(new PublishModelCommand(), "--model", m.toString(), "--key", "k.key", "--broker", closedPort(),
                "--station", "a/b"), "publish-model: --station 'a/b' is not a station id (1..64 of A-Z a-z 0-9 - _)");
        assertOneLine(run(new PublishModelCommand(), "--model", m.toString(), "--key", "k.key", "--broker",
                "http://x:1", "--station", "s1"), "publish-model: --broker 'http://x:1': tcp://HOST:PORT or ssl://HOST:PORT");
    }
}
