package io.nowcast.runtime.station;

import io.nowcast.runtime.cli.NowcastCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code nowcast run --config FILE --clock-speed X} in a JVM of its own, as {@code bin/nowcast} starts
 * it (the tests' class path: the runtime's classes and libraries), its console in a log file; stopped
 * as systemd stops it, with SIGTERM.
 */
final class NowcastRunProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private NowcastRunProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static NowcastRunProcess start(Path config, double clockSpeed, Path log) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-XX:+UseSerialGC", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                NowcastCli.class.getName(), "run", "--config", config.toString(), "--clock-speed", Double.toString(clockSpeed));
        return new NowcastRunProcess(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start(),
                log);
    }

    /** What the station logged so far. */
    String log() throws IOException {
        return Files.readString(log);
    }

    /** Fails with the station's log when it is no longer running (for the conditions of {@link Await}). */
    void assertRunning() throws IOException {
        if (!process.isAlive()) {
            throw new AssertionError("nowcast run exited with " + process.exitValue() + ":\n" + log());
        }
    }

    /** SIGTERM, then waits at most 30 s for the station to deliver what is in flight and exit; its exit status. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("nowcast run did not exit within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }
}
