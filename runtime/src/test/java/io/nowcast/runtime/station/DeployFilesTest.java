package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.sensors.config.ConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** deploy/ and docs/station.md agree with the code (tests run in runtime/, the repository is one up). */
class DeployFilesTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theDefaultConfigurationIsValidAndItsSensorsParse() throws Exception {
        Path conf = REPO.resolve("deploy/station.conf");
        StationConfig c = StationConfig.load(conf, Map.of());
        assertEquals("my-station", c.stationId());
        assertEquals(Path.of("/var/lib/nowcast"), c.dataDir(), "the unit's StateDirectory");
        assertEquals(1, c.sensors().size());
        assertEquals(c.sensors().size(), StationConfig.sensors(conf).size(), "nowcast sensors reads the same sensors");
    }

    @Test
    void everyKeyIsDocumentedAndShownInTheDefaultConfiguration() throws Exception {
        String doc = Files.readString(REPO.resolve("docs/station.md"));
        String conf = Files.readString(REPO.resolve("deploy/station.conf"));
        for (String key : StationConfig.KEYS) {
            assertTrue(doc.contains("| `" + key + "` |"), "docs/station.md has a row for " + key);
            assertTrue(conf.contains(key + " = "), "deploy/station.conf shows " + key);
        }
    }

    @Test
    void theUnitRunsWhatInstallShInstallsWithTheConfigurationItInstalls() throws Exception {
        List<String> unit = Files.readAllLines(REPO.resolve("deploy/nowcast.service"));
        String install = Files.readString(REPO.resolve("deploy/install.sh"));
        assertTrue(unit.contains("ExecStart=/opt/nowcast/bin/nowcast run --config /etc/nowcast/station.conf"));
        assertTrue(install.contains("install -m 0755 \"$src/deploy/nowcast\" \"$opt/bin/nowcast\""));
        assertTrue(install.contains("opt=$root/opt/nowcast"));
        assertTrue(unit.contains("StateDirectory=nowcast"), "systemd creates /var/lib/nowcast for the nowcast user");
        assertTrue(unit.contains("KillSignal=SIGTERM"));
        assertFalse(ConfigFile.read(REPO.resolve("deploy/station.conf")).get("station.id").value().isEmpty());
    }
}
