package io.nowcast.runtime.station;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Mosquitto broker {@code nowcast demo} starts for itself on a free loopback port: found on the
 * machine, installed with apt-get when running as root on a machine without it, or else a one-line
 * message with the command that installs it.
 */
public final class DemoBroker implements AutoCloseable {
    /** The exact command that installs the broker (and mosquitto_sub). */
    public static final String INSTALL = "apt-get install -y mosquitto mosquitto-clients";
    private static final List<String> PLACES = List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto",
            "/usr/local/sbin/mosquitto", "/usr/local/bin/mosquitto");

    private final Process process;
    private final int port;

    private DemoBroker(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The broker binary, or null. */
    static Path find() {
        for (String p : PLACES) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    /**
     * Finds (or, as root, installs) Mosquitto and starts it in {@code dir}.
     *
     * @throws IllegalStateException with the install command when it is missing and cannot be installed here
     */
    public static DemoBroker start(Path dir, PrintWriter out) throws IOException, InterruptedException {
        Path binary = find();
        if (binary == null) {
            if (!"root".equals(System.getProperty("user.name"))) {
                throw new IllegalStateException("mosquitto is not installed; install it with: sudo " + INSTALL
                        + " (or give --broker tcp://HOST:PORT)");
            }
            out.println("Mosquitto is not installed; running: " + INSTALL);
            out.flush();
            install();
            binary = find();
            if (binary == null) {
                throw new IllegalStateException("'" + INSTALL + "' did not install mosquitto; install it by hand");
            }
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        Files.write(conf, List.of("listener " + port + " 127.0.0.1", "allow_anonymous true", "persistence false",
                "log_dest file " + dir.resolve("mosquitto.log").toAbsolutePath(),
                "user " + System.getProperty("user.name")));
        Process p = new ProcessBuilder(binary.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        DemoBroker broker = new DemoBroker(p, port);
        broker.awaitListening(dir);
        return broker;
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("'" + String.join(" ", cmd) + "' failed with exit status " + p.exitValue());
        }
    }

    private static void install() throws IOException, InterruptedException {
        run("apt-get", "update", "-qq");
        run("apt-get", "install", "-y", "-qq", "mosquitto", "mosquitto-clients");
    }

    private void awaitListening(Path dir) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto stopped at start: " + Files.readString(dir.resolve("mosquitto.out")).strip());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on port " + port + " within 15 s");
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
