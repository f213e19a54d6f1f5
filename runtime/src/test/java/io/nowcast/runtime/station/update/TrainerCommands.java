package io.nowcast.runtime.station.update;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The workstation's command, {@code nowcast-train}, from the trainer module's build
 * ({@code ../trainer/target/classes} and {@code lib/}), in a class loader of its own: the runtime
 * does not depend on the trainer. In the reactor ({@code bin/test}) the trainer is built before the
 * runtime's tests run; alone, build it first (the failure says how).
 */
public final class TrainerCommands implements AutoCloseable {
    /** One run of {@code nowcast-train}: exit code, and what it printed on its command line's out and err. */
    public record Run(int code, String out, String err) {
    }

    private final URLClassLoader loader;

    private TrainerCommands(URLClassLoader loader) {
        this.loader = loader;
    }

    /** The trainer's classes and libraries, or a test failure that says how to build them. */
    public static TrainerCommands load() throws Exception {
        Path target = Path.of("..", "trainer", "target").toAbsolutePath().normalize();
        Path classes = target.resolve("classes");
        assertTrue(Files.isDirectory(classes.resolve("io/nowcast/trainer/cli")) && Files.isDirectory(target.resolve("lib")),
                "build the trainer first: bin/mvn-jdk -B -q install -DskipTests -pl runtime,trainer -am");
        List<URL> urls = new ArrayList<>(List.of(classes.toUri().toURL()));
        try (Stream<Path> jars = Files.list(target.resolve("lib"))) {
            for (Path j : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(j.toUri().toURL());
            }
        }
        return new TrainerCommands(new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader()));
    }

    /**
     * {@code nowcast-train ARGS} ({@code NowcastTrainCli.commandLine().execute(args)}, by reflection),
     * e.g. {@code run("keygen", "--out", dir)}. A command that prints to {@code System.out} itself
     * ({@code train}'s table) prints there, not into {@link Run#out}.
     */
    public Run run(String... args) throws Exception {
        Class<?> cliClass = loader.loadClass("picocli.CommandLine");
        Object cli = loader.loadClass("io.nowcast.trainer.cli.NowcastTrainCli").getMethod("commandLine").invoke(null);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cliClass.getMethod("setOut", PrintWriter.class).invoke(cli, new PrintWriter(out, true));
        cliClass.getMethod("setErr", PrintWriter.class).invoke(cli, new PrintWriter(err, true));
        int code = (int) cliClass.getMethod("execute", String[].class).invoke(cli, (Object) args);
        return new Run(code, out.toString(), err.toString());
    }

    @Override
    public void close() throws Exception {
        loader.close();
    }
}
