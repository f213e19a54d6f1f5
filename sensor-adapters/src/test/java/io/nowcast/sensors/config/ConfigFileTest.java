package io.nowcast.sensors.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigFileTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("station.conf"), text);
    }

    @Test
    void keepsEachEntrysLineAndSkipsCommentsAndBlankLines() throws Exception {
        Path p = write("# a station\n! also a comment\n\n  station.id =  garden  \nsensor.s.channels = a:b, c = d\n");
        ConfigFile f = ConfigFile.read(p);
        List<ConfigFile.Entry> all = new ArrayList<>();
        f.entries().forEach(all::add);
        assertEquals(List.of(new ConfigFile.Entry("station.id", "garden", 4),
                new ConfigFile.Entry("sensor.s.channels", "a:b, c = d", 5)), all, "the value is all after the first =");
        assertEquals(p + ":5: sensor.s.channels", f.where(f.get("sensor.s.channels")));
        assertNull(f.get("model.file"));
    }

    @Test
    void aKeyGivenTwiceNamesBothLines() throws Exception {
        Path p = write("sensor.s.type = simulated\n# again\nsensor.s.type = bme280\n");
        assertEquals(p + ":3: sensor.s.type is already set on line 1",
                assertThrows(ConfigException.class, () -> ConfigFile.read(p)).getMessage());
    }

    @Test
    void aLineThatIsNoEntryOrAFileThatIsNotThereIsOneLine() throws Exception {
        Path p = write("station.id = a\n= nothing before\n");
        assertEquals(p + ":2: expected 'key = value', found '= nothing before'",
                assertThrows(ConfigException.class, () -> ConfigFile.read(p)).getMessage());
        Path none = dir.resolve("none.conf");
        assertEquals(none + ": no such configuration file",
                assertThrows(ConfigException.class, () -> ConfigFile.read(none)).getMessage());
    }
}
