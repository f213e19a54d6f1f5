package io.nowcast.runtime.forecast;

import io.nowcast.history.HistoryReader;
import io.nowcast.history.TimestampParser;
import io.nowcast.history.weewx.WeewxArchive;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A weewx archive ({@code weewx.sdb}) read as a station history: every channel the archive has
 * ({@link WeewxArchive}: weewx fields mapped to channel names, each row's units converted to the
 * station's), one row per archive record at its {@code dateTime}, so that {@code nowcast predict}
 * resamples it like a CSV. Rows are held in memory: a year of 5-minute records is about 10 MB of text.
 */
public final class WeewxHistory {
    private WeewxHistory() {
    }

    /** @throws IOException one line starting with the file's name: no driver, not a weewx archive, … */
    public static HistoryReader open(Path file) throws IOException {
        try {
            DriverManager.getDriver("jdbc:sqlite:");
        } catch (SQLException noDriver) {
            throw new IOException(file + ": a weewx archive (SQLite); reading it needs the SQLite JDBC driver: on "
                    + "Debian or Raspberry Pi OS, sudo apt-get install libxerial-sqlite-jdbc-java");
        }
        StringBuilder csv = new StringBuilder(HistoryReader.TIMESTAMP);
        try (WeewxArchive archive = WeewxArchive.open(file)) {
            List<String> channels = archive.channels();
            channels.forEach(c -> csv.append(',').append(c));
            csv.append('\n');
            archive.read(channels, (epochSeconds, values) -> {
                csv.append(Instant.ofEpochSecond(epochSeconds));
                for (double v : values) {
                    csv.append(',');
                    if (!Double.isNaN(v)) {
                        csv.append(v); // Double.toString: the shortest text that reads back to v
                    }
                }
                csv.append('\n');
            });
        }
        return HistoryReader.open(new BufferedReader(new StringReader(csv.toString())), file.toString(),
                HistoryReader.TIMESTAMP, new TimestampParser(null, ZoneOffset.UTC), false);
    }
}
