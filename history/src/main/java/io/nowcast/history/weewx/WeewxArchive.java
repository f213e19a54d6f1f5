package io.nowcast.history.weewx;

import io.nowcast.history.Quantity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the {@code archive} table of a weewx database ({@code weewx.sdb}, SQLite): one record per
 * archive interval, {@code dateTime} in Unix epoch seconds (UTC), each row's values in the unit
 * system its {@code usUnits} names ({@link UnitSystem}), converted here to the station's units and
 * named as the station's channels ({@link ArchiveField}). A NULL is a missing value (NaN).
 *
 * <p>Plain JDBC ({@code java.sql}): this module has no compile dependency on a driver. The SQLite
 * driver ({@code org.xerial:sqlite-jdbc}) is found at run time through {@link DriverManager}; a
 * program that reads archives puts it on its class path (the trainer does). The file is opened
 * read-only.
 *
 * <p>Every problem is a {@link WeewxArchiveException} whose message starts with the file's name.
 */
public final class WeewxArchive implements AutoCloseable {
    /** The table weewx writes one row per archive interval to. */
    public static final String TABLE = "archive";
    /** The time column: Unix epoch seconds, UTC, the end of the archive interval. */
    public static final String DATE_TIME = "dateTime";
    /** The unit system column, per row. */
    public static final String US_UNITS = "usUnits";

    /** The first 16 bytes of every SQLite 3 database file (sqlite.org/fileformat.html, 1.3). */
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** sqlite-jdbc's open flags: SQLITE_OPEN_READONLY (0x01). */
    private static final String READ_ONLY = "1";

    private final Path file;
    private final Connection connection;
    private final Map<String, String> columns; // lower-case name → name as declared, table order

    /** What {@link #read} hands over, one call per row in time order. */
    @FunctionalInterface
    public interface RecordSink {
        /**
         * @param epochSeconds the row's {@code dateTime}
         * @param values       [channels] in the order asked for, station units, NaN where NULL; the
         *                     same array on every call: copy what is kept
         */
        void record(long epochSeconds, double[] values);
    }

    private WeewxArchive(Path file, Connection connection, Map<String, String> columns) {
        this.file = file;
        this.connection = connection;
        this.columns = columns;
    }

    /** True when {@code file} starts with the SQLite 3 header, whatever its name; false for a shorter file. */
    public static boolean isSqlite(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(SQLITE_HEADER.length), SQLITE_HEADER);
        }
    }

    /**
     * Opens {@code file} read-only and checks that it has an {@code archive} table with
     * {@code dateTime} and {@code usUnits} columns.
     */
    public static WeewxArchive open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        try {
            DriverManager.getDriver(url);
        } catch (SQLException noDriver) {
            throw new WeewxArchiveException(file + ": an SQLite database (a weewx archive?); reading it needs the "
                    + "SQLite JDBC driver (org.xerial:sqlite-jdbc) on the class path");
        }
        Properties properties = new Properties();
        properties.setProperty("open_mode", READ_ONLY);
        Connection connection = null;
        try {
            connection = DriverManager.getConnection(url, properties);
            Map<String, String> columns = columns(connection.getMetaData());
            if (columns.isEmpty()) {
                throw new WeewxArchiveException(file + ": no table '" + TABLE + "', so not a weewx archive (tables: "
                        + tables(connection.getMetaData()) + ")");
            }
            for (String required : List.of(DATE_TIME, US_UNITS)) {
                if (!columns.containsKey(required.toLowerCase(Locale.ROOT))) {
                    throw new WeewxArchiveException(file + ": table '" + TABLE + "' has no column '" + required
                            + "', which every weewx archive has");
                }
            }
            return new WeewxArchive(file, connection, columns);
        } catch (SQLException e) {
            throw closing(connection, failure(file, e));
        } catch (IOException e) {
            throw closing(connection, e);
        } catch (RuntimeException e) {
            throw closing(connection, e);
        }
    }

    /** The station channels whose fields the table has, in {@link ArchiveField} order. */
    public List<String> channels() {
        List<String> out = new ArrayList<>();
        for (ArchiveField f : ArchiveField.values()) {
            if (columns.containsKey(f.column().toLowerCase(Locale.ROOT))) {
                out.add(f.channel());
            }
        }
        return out;
    }

    /**
     * Reads every row, in {@code dateTime} order, handing the values of {@code channels} (station
     * channel names, any case) to {@code sink} in station units.
     *
     * @throws WeewxArchiveException naming the channel the table does not have, or the
     *                               {@code dateTime} of a row whose {@code usUnits} is none of weewx's
     */
    public void read(List<String> channels, RecordSink sink) throws IOException {
        ArchiveField[] field = new ArchiveField[channels.size()];
        Quantity[] quantity = new Quantity[field.length];
        StringBuilder sql = new StringBuilder("SELECT ").append(quote(DATE_TIME)).append(", ").append(quote(US_UNITS));
        for (int c = 0; c < field.length; c++) {
            String name = channels.get(c);
            field[c] = ArchiveField.byChannel(name).orElseThrow(() -> new WeewxArchiveException(file + ": '" + name
                    + "' is not a channel of a weewx archive (channels of this one: " + String.join(", ", channels())
                    + ")"));
            String column = columns.get(field[c].column().toLowerCase(Locale.ROOT));
            if (column == null) {
                throw new WeewxArchiveException(file + ": table '" + TABLE + "' has no column '" + field[c].column()
                        + "' for channel '" + name + "' (channels of this one: " + String.join(", ", channels()) + ")");
            }
            quantity[c] = field[c].quantity();
            sql.append(", ").append(quote(column));
        }
        sql.append(" FROM ").append(quote(TABLE)).append(" ORDER BY ").append(quote(DATE_TIME));
        double[] values = new double[field.length]; // [channels], reused for every row
        UnitSystem system = null;
        long systemCode = Long.MIN_VALUE;
        try (PreparedStatement statement = connection.prepareStatement(sql.toString());
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long time = rows.getLong(1);
                if (rows.wasNull()) {
                    throw new WeewxArchiveException(file + ": a row of table '" + TABLE + "' has no " + DATE_TIME);
                }
                long code = rows.getLong(2);
                boolean noUnits = rows.wasNull();
                if (noUnits || code != systemCode) {
                    system = noUnits ? null : UnitSystem.byCode(code).orElse(null);
                    if (system == null) {
                        throw new WeewxArchiveException(file + ": row " + DATE_TIME + "=" + time + " ("
                                + Instant.ofEpochSecond(time) + "): " + US_UNITS + " " + (noUnits ? "NULL" : code)
                                + " is not a weewx unit system (known: " + UnitSystem.known() + ")");
                    }
                    systemCode = code;
                }
                for (int c = 0; c < values.length; c++) {
                    double v = rows.getDouble(3 + c);
                    values[c] = rows.wasNull() ? Double.NaN : system.toStation(quantity[c], v);
                }
                sink.record(time, values);
            }
        } catch (SQLException e) {
            throw failure(file, e);
        }
    }

    /** The rows of the table. */
    public long rowCount() throws IOException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM " + quote(TABLE));
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw failure(file, e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure(file, e);
        }
    }

    private static Map<String, String> columns(DatabaseMetaData meta) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (ResultSet rs = meta.getColumns(null, null, TABLE, null)) {
            while (rs.next()) {
                String name = rs.getString("COLUMN_NAME");
                columns.put(name.toLowerCase(Locale.ROOT), name);
            }
        }
        return columns;
    }

    private static String tables(DatabaseMetaData meta) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        if (names.isEmpty()) {
            return "none";
        }
        return names.size() <= 8 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 8)) + " and " + (names.size() - 8) + " more";
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static WeewxArchiveException failure(Path file, SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ');
        WeewxArchiveException w = new WeewxArchiveException(file + ": " + message);
        w.initCause(e);
        return w;
    }

    /** Closes {@code connection} (if open) after {@code failure}; a failure to close is added to it. */
    private static <E extends Exception> E closing(Connection connection, E failure) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
        return failure;
    }
}
