package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jars the device ships ({@code runtime/target/lib}, which deploy/install.sh and the .deb
 * install as /opt/nowcast/lib): exactly these, so that a jar that creeps in through a transitive
 * dependency fails the build until someone decides it belongs on the station. Runs after
 * packaging (failsafe), on a clean build.
 */
class DeviceLibIT {
    /** Artifact names without versions, each with why the station needs it. */
    private static final Set<String> EXPECTED = Set.of(
            "nowcast-fixedpoint", "nowcast-engine", "nowcast-history", "nowcast-sensors", "nowcast-cli", "nowcast-broker",
            "org.eclipse.paho.client.mqttv3",                 // MQTT
            "picocli",                                        // the nowcast command line
            "tinylog-api", "tinylog-impl",                    // logging, the application's backend
            "pi4j-core", "slf4j-api",                         // Pi4J and the logging API it calls
            "pi4j-plugin-linuxfs", "pi4j-library-linuxfs",    // I2C through /dev/i2c-*
            "pi4j-plugin-gpiod", "pi4j-library-gpiod");       // GPIO pulse counters through libgpiod

    @Test
    void theDeviceShipsExactlyTheJarsItNeeds() throws IOException {
        Path lib = Path.of("target", "lib");
        assertTrue(Files.isDirectory(lib), lib.toAbsolutePath() + " is made by 'package'");
        Set<String> found = new TreeSet<>();
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : jars.toList()) {
                found.add(artifact(jar.getFileName().toString()));
            }
        }
        assertEquals(new TreeSet<>(EXPECTED), found,
                "runtime/target/lib (after 'mvn clean package'); a new jar needs a reason to be on the station");
    }

    /**
     * Pi4J starts from the shipped jars alone (no JNA, no JSch: sensor-adapters/pom.xml says why
     * they are left out): a JVM with the runtime jar and target/lib/* on its class path makes
     * Pi4J's context and gets the I2C and GPIO providers the sensors use. Opening a bus needs
     * /dev/i2c-*, which this machine lacks; getting that far loads the provider's classes.
     */
    @Test
    void pi4jAndItsI2cAndGpioProvidersLoadFromTheShippedJars() throws Exception {
        String classPath = String.join(java.io.File.pathSeparator, "target/test-classes", runtimeJar(), "target/lib/*");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, Pi4jProviders.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the child JVM ends");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("linuxfs-i2c com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProviderImpl"), out);
        assertTrue(out.contains("gpiod-digital-input com.pi4j.plugin.gpiod.provider.gpio.digital."), out);
    }

    private static String runtimeJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.map(Path::toString)
                    .filter(n -> n.matches(".*nowcast-runtime-[^/]*\\.jar") && !n.endsWith("-tests.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no runtime jar in target/: run 'package' first"));
        }
    }

    /** {@code pi4j-core-3.0.3.jar} → {@code pi4j-core}: the name up to the first "-digit". */
    private static String artifact(String fileName) {
        String base = fileName.endsWith(".jar") ? fileName.substring(0, fileName.length() - 4) : fileName;
        List<String> parts = List.of(base.split("-"));
        StringBuilder name = new StringBuilder(parts.get(0));
        for (int i = 1; i < parts.size() && !Character.isDigit(parts.get(i).charAt(0)); i++) {
            name.append('-').append(parts.get(i));
        }
        return name.toString();
    }
}
