package io.nowcast.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.RandomModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/nowcast as scripts outside the project call it: a real process, with JAVA_HOME unset (unless
 * a test sets it) and only the system's PATH, where the default java may be older than 17. Runs
 * after packaging, so the launcher finds a fresh build and does not rebuild.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "nowcast").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    private static Result run(Map<String, String> variables, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.remove("JAVA_HOME");
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.putAll(variables);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "launcher did not finish");
        return new Result(p.exitValue(), out, err);
    }

    @Test
    void passesArgumentsAndExitStatusThrough() throws Exception {
        Path file = dir.resolve("a model with spaces.ncm");
        ModelWriter.write(RandomModels.model(1, new RandomModels.Shape(2, new int[] {3}, 1, 4), WeightType.F32,
                CellActivation.TANH, GateActivation.SIGMOID), file);

        Result ok = run("inspect", file.toString());
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains("file         " + file), ok.out());

        Result missing = run("inspect", dir.resolve("absent.ncm").toString());
        assertEquals(1, missing.exitCode());
        assertEquals("nowcast inspect: " + dir.resolve("absent.ncm") + ": no such file\n", missing.err());

        Result usage = run("no-such-command");
        assertEquals(2, usage.exitCode(), usage.err());
    }

    @Test
    void runsOnTheJdkInJavaHome() throws Exception {
        String home = Path.of(System.getProperty("java.home")).toRealPath().toString(); // the JDK running this test
        Result v = run(Map.of("JAVA_HOME", home, "NOWCAST_JAVA_OPTS", "-XshowSettings:properties"), "--version");
        assertEquals(0, v.exitCode(), v.err());
        assertTrue(v.err().contains("java.home = " + home), v.err());
    }

    @Test
    void saysWhatIsWrongWithJavaHome() throws Exception {
        Result r = run(Map.of("JAVA_HOME", dir.toString()), "--version");
        assertEquals(1, r.exitCode());
        assertEquals("nowcast: JAVA_HOME=" + dir + " is not a JDK 17 or newer (no bin/java); point it at one,"
                + " or unset it to let the scripts look on PATH and in /usr/lib/jvm\n", r.err());
    }

    @Test
    void versionComesFromTheBuild() throws Exception {
        Result v = run("--version");
        assertEquals(0, v.exitCode(), v.err());
        assertTrue(v.out().startsWith("nowcast 0.1.0"), v.out());
    }
}
