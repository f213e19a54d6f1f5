package io.nowcast.history;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * Writes a history in the station's CSV format, the one {@link HistoryReader} reads: a header
 * {@code timestamp,<column>,...}, then one row per time: the time as an ISO-8601 UTC instant
 * ({@code 2026-01-01T00:10:00Z}), each value in plain decimal rounded to {@value #DECIMALS}
 * places ({@code 21.5}, {@code 1013.2534}, never an exponent), an empty field where a value is
 * missing (NaN). The one writer of the project: the station's history files and the demo's
 * training data are written through it.
 */
public final class HistoryWriter {
    /** Decimal places kept: 0.0001 of any unit the station uses is below its sensors' resolution. */
    public static final int DECIMALS = 4;
    private static final long SCALE = 10_000; // 10^DECIMALS

    private final Writer out;
    private final int columns;
    private final StringBuilder line = new StringBuilder(128);

    private HistoryWriter(Writer out, int columns) {
        this.out = out;
        this.columns = columns;
    }

    /** A writer that starts with the header row for {@code columns}. */
    public static HistoryWriter withHeader(Writer out, List<String> columns) throws IOException {
        out.write(header(columns));
        out.write('\n');
        return new HistoryWriter(out, columns.size());
    }

    /** A writer that appends rows to a file whose header ({@link #header}) is already written. */
    public static HistoryWriter appending(Writer out, List<String> columns) {
        return new HistoryWriter(out, columns.size());
    }

    /** The header line for {@code columns}, without its line end. */
    public static String header(List<String> columns) {
        return HistoryReader.TIMESTAMP + (columns.isEmpty() ? "" : "," + String.join(",", columns));
    }

    /**
     * Writes one row.
     *
     * @param values [columns]; NaN where there is no value
     */
    public void row(Instant time, double[] values) throws IOException {
        if (values.length != columns) {
            throw new IllegalArgumentException(values.length + " values for " + columns + " columns");
        }
        line.setLength(0);
        line.append(time);
        for (double v : values) {
            line.append(',');
            if (!Double.isNaN(v)) {
                appendDecimal(line, v);
            }
        }
        line.append('\n');
        out.append(line);
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Appends {@code v} rounded half away from zero to {@value #DECIMALS} places, trailing zeros dropped. */
    static void appendDecimal(StringBuilder to, double v) {
        if (!Double.isFinite(v) || Math.abs(v) >= 9e14) { // beyond exact long arithmetic at this scale
            throw new IllegalArgumentException("cannot write " + v + " to a history");
        }
        long scaled = Math.round(Math.abs(v) * SCALE);
        if (v < 0 && scaled != 0) {
            to.append('-');
        }
        to.append(scaled / SCALE);
        long fraction = scaled % SCALE;
        if (fraction != 0) {
            to.append('.');
            for (long digit = SCALE / 10; fraction != 0; digit /= 10) {
                to.append((char) ('0' + fraction / digit));
                fraction %= digit;
            }
        }
    }
}
