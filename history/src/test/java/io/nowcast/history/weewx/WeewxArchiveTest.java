package io.nowcast.history.weewx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.history.Quantity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What needs no SQLite driver: the field table, header sniffing, and the message when the driver is
 * missing (this module's tests run without one, as nowcast-history ships without one). Reading real
 * and generated archives is tested in the trainer, which has the driver (WeewxArchiveReadTest).
 */
class WeewxArchiveTest {
    @Test
    void fieldsBecomeStationChannels() {
        assertEquals(Optional.of(ArchiveField.OUT_TEMP), ArchiveField.byChannel("temperature"));
        assertEquals(Optional.of(ArchiveField.BAROMETER), ArchiveField.byChannel("Pressure_Sea_Level"));
        assertEquals(Optional.of(ArchiveField.UV), ArchiveField.byChannel("uv"));
        assertTrue(ArchiveField.byChannel("wind_dir_sin").isEmpty());
        assertTrue(ArchiveField.byChannel("light").isEmpty()); // a quantity weewx's archive has no field for
        for (ArchiveField f : ArchiveField.values()) {
            assertEquals(Optional.of(f.quantity()), Quantity.byChannelName(f.channel()), f.column());
        }
    }

    @Test
    void anSqliteFileIsKnownByItsHeaderNotItsName(@TempDir Path dir) throws Exception {
        byte[] header = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
        Path sqlite = Files.write(dir.resolve("history.csv"), Arrays.copyOf(header, 4096));
        assertTrue(WeewxArchive.isSqlite(sqlite));
        assertFalse(WeewxArchive.isSqlite(Files.writeString(dir.resolve("weewx.sdb"), "timestamp,temperature\n")));
        assertFalse(WeewxArchive.isSqlite(Files.writeString(dir.resolve("short.sdb"), "SQLite format 3")));
        assertFalse(WeewxArchive.isSqlite(Files.writeString(dir.resolve("empty.sdb"), "")));
        assertThrows(NoSuchFileException.class, () -> WeewxArchive.isSqlite(dir.resolve("missing.sdb")));
    }

    @Test
    void withoutTheDriverTheMessageSaysWhichOneToAdd(@TempDir Path dir) throws Exception {
        Path sqlite = Files.write(dir.resolve("weewx.sdb"),
                Arrays.copyOf("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), 4096));
        WeewxArchiveException e = assertThrows(WeewxArchiveException.class, () -> WeewxArchive.open(sqlite));
        assertEquals(sqlite + ": an SQLite database (a weewx archive?); reading it needs the SQLite JDBC driver "
                + "(org.xerial:sqlite-jdbc) on the class path", e.getMessage());
    }
}
