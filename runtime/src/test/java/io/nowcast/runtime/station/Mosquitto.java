package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker for tests, on a free loopback port, in its own directory (config, log,
 * persistence). It can be stopped and started again on the same port with its persistent
 * sessions kept, like a broker restarted by its owner.
 */
public final class Mosquitto implements AutoCloseable {
    public static final String MISSING = "mosquitto not found: apt-get install -y mosquitto mosquitto-clients";

    private final Path dir;
    private final int port;
    private final List<String> extraConfig;
    private Process process;

    private Mosquitto(Path dir, int port, List<String> extraConfig) {
        this.dir = dir;
        this.port = port;
        this.extraConfig = extraConfig;
    }

    /** The broker binary, or a test failure that says how to install it. */
    public static Path binary() {
        for (String p : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto",
                "/usr/local/bin/mosquitto"}) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return fail(MISSING);
    }

    /** An anonymous broker with persistence, started. */
    public static Mosquitto start(Path dir) throws IOException {
        return start(dir, List.of("allow_anonymous true"));
    }

    /**
     * A broker with these extra lines in its listener's configuration (e.g. password_file,
     * cafile/certfile/keyfile), started.
     */
    public static Mosquitto start(Path dir, List<String> listenerConfig) throws IOException {
        Files.createDirectories(dir);
        Mosquitto m = new Mosquitto(dir, freePort(), listenerConfig);
        m.start();
        return m;
    }

    /**
     * The listener lines of a broker that admits only {@code user} with {@code password}, its
     * password file (made with mosquitto_passwd) in {@code dir}.
     */
    public static List<String> passwordListener(Path dir, String user, String password)
            throws IOException, InterruptedException {
        Path file = dir.resolve("passwd");
        Process p = new ProcessBuilder("mosquitto_passwd", "-b", "-c", file.toString(), user, password)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            fail("mosquitto_passwd failed: " + out);
        }
        return List.of("allow_anonymous false", "password_file " + file);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String tcpUri() {
        return "tcp://127.0.0.1:" + port;
    }

    public String sslUri() {
        return "ssl://localhost:" + port;
    }

    /** Starts the broker and waits (bounded) until it accepts connections. */
    public void start() throws IOException {
        List<String> conf = new ArrayList<>();
        conf.add("per_listener_settings false");
        conf.add("user " + System.getProperty("user.name")); // as root, keep root: the test owns the files
        conf.add("persistence true");
        conf.add("persistence_location " + dir.toAbsolutePath() + "/");
        conf.add("log_dest file " + dir.resolve("mosquitto.log").toAbsolutePath());
        conf.add("log_type all");
        conf.add("listener " + port + " 127.0.0.1");
        conf.addAll(extraConfig);
        Path file = dir.resolve("mosquitto.conf");
        Files.write(file, conf);
        process = new ProcessBuilder(binary().toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Await.until("mosquitto to listen on port " + port, 20, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("stdout.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Stops the broker as its owner would (SIGTERM: it saves its persistent sessions). */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    public String log() throws IOException {
        Path log = dir.resolve("mosquitto.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
