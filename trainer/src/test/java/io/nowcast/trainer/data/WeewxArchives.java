package io.nowcast.trainer.data;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * Makes weewx archives for tests: the {@code archive} table with the columns of weewx's schema that
 * Nowcast reads (as weewx 3/4 declare them), rows as given or a synthetic year.
 */
public final class WeewxArchives {
    /** The value columns, in the order {@link #create} takes them per row. */
    public static final String[] COLUMNS = {"outTemp", "outHumidity", "pressure", "barometer", "windSpeed", "windGust",
        "windDir", "rain", "rainRate", "radiation", "UV", "dewpoint"};

    private static final String SCHEMA = "CREATE TABLE archive (dateTime INTEGER NOT NULL UNIQUE PRIMARY KEY, "
            + "usUnits INTEGER NOT NULL, interval INTEGER NOT NULL, barometer REAL, pressure REAL, altimeter REAL, "
            + "inTemp REAL, outTemp REAL, inHumidity REAL, outHumidity REAL, windSpeed REAL, windDir REAL, "
            + "windGust REAL, windGustDir REAL, rainRate REAL, rain REAL, dewpoint REAL, windchill REAL, "
            + "heatindex REAL, ET REAL, radiation REAL, UV REAL)";

    private WeewxArchives() {
    }

    /** One row: its time, unit system and {@link #COLUMNS} values (null: NULL). */
    public record Row(long dateTime, int usUnits, Double... values) {
    }

    /** A weewx archive at {@code file} holding {@code rows}. */
    public static Path create(Path file, Row... rows) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(SCHEMA);
            }
            try (PreparedStatement insert = c.prepareStatement(insertSql())) {
                for (Row r : rows) {
                    insert.setLong(1, r.dateTime());
                    insert.setInt(2, r.usUnits());
                    insert.setInt(3, 5);
                    for (int k = 0; k < COLUMNS.length; k++) {
                        Double v = k < r.values().length ? r.values()[k] : null;
                        if (v == null) {
                            insert.setNull(4 + k, Types.REAL);
                        } else {
                            insert.setDouble(4 + k, v);
                        }
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
        return file;
    }

    /**
     * A year of 5-minute records in US units from 2025-01-01T00:00:00Z (105,120 rows), as a
     * Raspberry Pi running weewx would have kept them: a daily and a yearly temperature cycle, humidity
     * against it, slow pressure waves, veering wind, a shower now and then; every 97th outTemp NULL.
     */
    public static Path year(Path file) throws SQLException {
        long t0 = 1735689600L; // 2025-01-01T00:00:00Z
        int rows = 365 * 288;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(SCHEMA);
            }
            try (PreparedStatement insert = c.prepareStatement(insertSql())) {
                for (int i = 0; i < rows; i++) {
                    double day = 2 * Math.PI * i / 288;
                    double season = 2 * Math.PI * i / rows;
                    double tempF = 50 - 18 * Math.cos(season) + 9 * Math.sin(day);
                    double wind = 6 + 4 * Math.sin(i / 700.0);
                    double rain = (i % 1000) < 12 ? 0.01 : 0;
                    double[] v = {tempF, 70 - 15 * Math.sin(day), 29.4 + 0.3 * Math.sin(i / 3000.0),
                        29.9 + 0.3 * Math.sin(i / 3000.0), wind, wind * 1.6, (i * 0.7) % 360, rain, rain * 12,
                        Math.max(0, 600 * Math.sin(day)), Math.max(0, 6 * Math.sin(day)), tempF - 12};
                    insert.setLong(1, t0 + 300L * i);
                    insert.setInt(2, 1);
                    insert.setInt(3, 5);
                    for (int k = 0; k < v.length; k++) {
                        if (k == 0 && i % 97 == 0) {
                            insert.setNull(4, Types.REAL);
                        } else {
                            insert.setDouble(4 + k, v[k]);
                        }
                    }
                    insert.addBatch();
                    if (i % 10_000 == 9_999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
        }
        return file;
    }

    private static String insertSql() {
        return "INSERT INTO archive (dateTime, usUnits, interval, " + String.join(", ", COLUMNS) + ") VALUES (?, ?, ?"
                + ", ?".repeat(COLUMNS.length) + ")";
    }
}
