package io.nowcast.runtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nowcast.runtime.station.config.StationConfig;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/nowcast.service: the sandbox settings that matter (docs/deploy.md, "Hardening"), the data
 * directory it lets the station write against deploy/station.conf's {@code station.data_dir}, the
 * wait for a synchronized clock, and systemd's own rating of it when {@code systemd-analyze} is
 * installed. Tests run in runtime/, the repository is one up.
 */
class ServiceUnitTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path UNIT = REPO.resolve("deploy/nowcast.service");
    /** The highest overall exposure systemd-analyze security may give the unit (issue 13: 3.0). */
    private static final double MAX_EXPOSURE = 3.0;

    /** The unit's settings: key to every value it is given, in order (comments and sections dropped). */
    private static Map<String, List<String>> settings(Path unit) throws IOException {
        Map<String, List<String>> s = new LinkedHashMap<>();
        for (String line : Files.readAllLines(unit, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";") || l.startsWith("[")) {
                continue;
            }
            int eq = l.indexOf('=');
            assertTrue(eq > 0, "a unit line is key=value: " + l);
            s.computeIfAbsent(l.substring(0, eq).strip(), k -> new ArrayList<>()).add(l.substring(eq + 1).strip());
        }
        return s;
    }

    private static List<String> words(Map<String, List<String>> s, String key) {
        List<String> w = new ArrayList<>();
        for (String v : s.getOrDefault(key, List.of())) {
            w.addAll(Arrays.asList(v.split("\\s+")));
        }
        w.removeIf(String::isEmpty);
        return w;
    }

    private static String last(Map<String, List<String>> s, String key) {
        List<String> v = s.get(key);
        return v == null ? null : v.get(v.size() - 1);
    }

    @Test
    void logsGoStraightToTheJournal() throws Exception {
        Map<String, List<String>> s = settings(UNIT);
        String exec = last(s, "ExecStart");
        assertNotNull(exec);
        assertFalse(exec.contains("|") || exec.contains("logger") || exec.contains("/bin/sh"),
                "ExecStart runs the launcher itself, no pipe and no shell: " + exec);
        for (String key : List.of("StandardOutput", "StandardError")) {
            String v = last(s, key);
            assertTrue(v == null || v.equals("journal") || v.equals("inherit"), key + " goes to the journal: " + v);
        }
        // The launcher's filter of the JVM's incubator notice is a process between the JVM and its
        // stderr: only on a terminal, never under systemd, where a stop could end it first.
        List<String> launcher = Files.readAllLines(REPO.resolve("deploy/nowcast"));
        int tty = launcher.indexOf("    if [ -t 2 ]; then");
        assertTrue(tty >= 0, "deploy/nowcast filters only when stderr is a terminal");
        int fi = launcher.subList(tty, launcher.size()).indexOf("    fi") + tty;
        for (int i = 0; i < launcher.size(); i++) {
            if (launcher.get(i).contains(">(") || launcher.get(i).matches(".*\\bexec\\b.*\\|.*")) {
                assertTrue(i > tty && i < fi, "deploy/nowcast line " + (i + 1) + " pipes stderr outside the terminal case");
            }
        }
        assertTrue(launcher.contains("    exec \"$java\" \"$@\""), "deploy/nowcast execs the JVM with its own stderr");
    }

    @Test
    void theSandboxHasWhatMattersAndWhatTheJvmNeeds() throws Exception {
        Map<String, List<String>> s = settings(UNIT);
        assertEquals("0027", last(s, "UMask"));
        assertEquals(List.of(""), s.get("CapabilityBoundingSet"), "no capabilities at all");
        assertEquals("yes", last(s, "NoNewPrivileges"));
        assertEquals("strict", last(s, "ProtectSystem"));
        assertEquals("native", last(s, "SystemCallArchitectures"));
        List<String> filters = s.get("SystemCallFilter");
        assertNotNull(filters, "a system-call filter");
        assertEquals("@system-service", filters.get(0), "an allow list a JVM lives in");
        assertTrue(filters.stream().anyMatch(f -> f.startsWith("~")
                && Set.of(f.substring(1).split("\\s+")).contains("@privileged")), "privileged calls are refused: " + filters);
        assertEquals("EPERM", last(s, "SystemCallErrorNumber"), "a refused call fails, it does not kill the JVM");
        String mdwe = last(s, "MemoryDenyWriteExecute");
        assertTrue(mdwe == null || Set.of("no", "false", "0", "off").contains(mdwe),
                "the JIT writes the code it runs: MemoryDenyWriteExecute stays off, not " + mdwe);
        for (String key : List.of("PrivateUsers", "PrivateDevices")) {
            String v = last(s, key);
            assertTrue(v == null || Set.of("no", "false", "0", "off").contains(v),
                    key + " would hide /dev/i2c-*, /dev/gpiochip* or the groups that open them: " + v);
        }
        assertEquals("closed", last(s, "DevicePolicy"));
        assertTrue(s.get("DeviceAllow").contains("char-i2c rw"), "I2C buses");
        assertTrue(s.get("DeviceAllow").contains("char-gpiochip rw"), "GPIO chips");
        assertEquals(Set.of("AF_UNIX", "AF_INET", "AF_INET6"), Set.copyOf(words(s, "RestrictAddressFamilies")));
        assertEquals("yes", last(s, "RestrictNamespaces"));
        assertEquals("yes", last(s, "ProtectKernelTunables"));
        assertEquals("yes", last(s, "ProtectControlGroups"));
        assertEquals("yes", last(s, "PrivateTmp"), "Pi4J unpacks its native libraries into java.io.tmpdir");
        assertFalse("pid".equals(last(s, "ProcSubset")), "the JVM reads /proc/cpuinfo and /proc/meminfo");
    }

    @Test
    void theStationMayWriteItsDataDirectory() throws Exception {
        Map<String, List<String>> s = settings(UNIT);
        Path dataDir = StationConfig.load(REPO.resolve("deploy/station.conf"), Map.of()).dataDir();
        List<Path> writable = new ArrayList<>();
        for (String d : words(s, "StateDirectory")) {
            writable.add(Path.of("/var/lib", d));
        }
        for (String d : words(s, "ReadWritePaths")) {
            writable.add(Path.of(d.startsWith("-") ? d.substring(1) : d));
        }
        assertTrue(writable.stream().anyMatch(dataDir::startsWith),
                "station.data_dir " + dataDir + " of deploy/station.conf is writable in the unit: " + writable);
        // Every other data_dir: the drop-in that `nowcast unit-data-dir` writes, run by both installers.
        String postinst = Files.readString(REPO.resolve("deploy/debian/postinst"));
        String install = Files.readString(REPO.resolve("deploy/install.sh"));
        assertTrue(postinst.contains("/opt/nowcast/bin/nowcast unit-data-dir --config /etc/nowcast/station.conf"));
        assertTrue(install.contains("\"$opt/bin/nowcast\" unit-data-dir --config /etc/nowcast/station.conf"));
        String control = Files.readString(REPO.resolve("deploy/debian/control.in"));
        assertTrue(control.matches("(?s).*\nDepends: [^\n]*\\badduser\\b.*"),
                "postinst calls adduser, so the package depends on it");
    }

    @Test
    void unitDataDirWritesADropInThatFollowsTheConfiguration(@TempDir Path tmp) throws Exception {
        Path bash = onPath("bash");
        assumeTrue(bash != null, "no bash on PATH: deploy/nowcast unit-data-dir not run");
        Path root = tmp.resolve("root");
        Path dropIn = root.resolve("etc/systemd/system/nowcast.service.d/data-dir.conf");
        Path conf = tmp.resolve("station.conf");

        Files.writeString(conf, "station.id = x\nstation.data_dir = /srv/nowcast-data \n");
        assertEquals(0, unitDataDir(bash, root, conf));
        assertTrue(Files.readAllLines(dropIn).containsAll(List.of("[Service]", "ReadWritePaths=-/srv/nowcast-data")));
        assertTrue(Files.isDirectory(root.resolve("srv/nowcast-data")), "the directory is made for the station");

        Files.writeString(conf, "station.id = x\nstation.data_dir = /var/lib/nowcast/station-2\n");
        assertEquals(0, unitDataDir(bash, root, conf));
        assertFalse(Files.exists(dropIn), "under the StateDirectory no drop-in is needed, and an old one goes");

        Files.writeString(conf, "station.id = x\nstation.data_dir = /home/pi/nowcast\n");
        assertEquals(1, unitDataDir(bash, root, conf), "ProtectHome hides /home: refused");
        Files.writeString(conf, "station.id = x\n");
        assertEquals(0, unitDataDir(bash, root, conf), "the default, /var/lib/nowcast");
        assertFalse(Files.exists(dropIn));
    }

    private static int unitDataDir(Path bash, Path root, Path conf) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(bash.toString(), REPO.resolve("deploy/nowcast").toString(), "unit-data-dir",
                "--config", conf.toString()).redirectErrorStream(true);
        pb.environment().put("ROOT", root.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        System.out.print(out);
        return p.exitValue();
    }

    @Test
    void theUnitWaitsForASynchronizedClockOnRaspberryPiOs() throws Exception {
        Map<String, List<String>> s = settings(UNIT);
        // time-sync.target means nothing while systemd-time-wait-sync.service (off on Raspberry Pi
        // OS) is not started: the unit pulls it in and orders itself after it.
        assertTrue(words(s, "Wants").containsAll(List.of("time-sync.target", "systemd-time-wait-sync.service")));
        assertTrue(words(s, "After").containsAll(List.of("time-sync.target", "systemd-time-wait-sync.service")));
        // That start can wait for the clock, so the upgrade paths do not block on it.
        assertTrue(Files.readString(REPO.resolve("deploy/debian/postinst")).contains("systemctl restart --no-block nowcast"));
        assertTrue(Files.readString(REPO.resolve("deploy/install.sh")).contains("systemctl restart --no-block nowcast"));
    }

    @Test
    void systemdRatesTheUnitAtMostThree() throws Exception {
        Path analyze = onPath("systemd-analyze");
        if (analyze == null) {
            System.out.println("ServiceUnitTest: systemd-analyze is not on PATH; the exposure rating is not checked");
        }
        assumeTrue(analyze != null, "systemd-analyze is not on PATH");
        ProcessBuilder pb = new ProcessBuilder(analyze.toString(), "security", "--offline=true", UNIT.toString())
                .redirectErrorStream(true);
        pb.environment().put("SYSTEMD_COLORS", "0");
        pb.environment().put("SYSTEMD_PAGER", "cat");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "systemd-analyze security finished");
        Matcher m = Pattern.compile("Overall exposure level for nowcast\\.service: (\\d+(?:\\.\\d+)?)").matcher(out);
        if (!m.find() && (out.contains("--offline") || out.contains("nrecognized option"))) {
            System.out.println("ServiceUnitTest: this systemd-analyze has no security --offline (systemd < 250): " + out.strip());
            assumeTrue(false, "systemd-analyze security --offline is not supported here");
        }
        assertTrue(m.find(0), "systemd-analyze security printed an overall exposure:\n" + out);
        double exposure = Double.parseDouble(m.group(1));
        System.out.println("ServiceUnitTest: systemd-analyze security --offline=true deploy/nowcast.service: " + exposure);
        assertTrue(exposure <= MAX_EXPOSURE, "exposure " + exposure + " > " + MAX_EXPOSURE + ":\n" + out);
    }

    private static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, command);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }
}
