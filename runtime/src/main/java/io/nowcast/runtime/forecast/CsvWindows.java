package io.nowcast.runtime.forecast;

import io.nowcast.runtime.model.DerivedFeature;
import io.nowcast.runtime.model.InputSpec;
import io.nowcast.runtime.model.Model;
import io.nowcast.sensors.csv.TimestampParser;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Sliding windows of a model's raw inputs over the rows of a CSV file. The header names the
 * model's inputs in any order; other columns are ignored; a {@code timestamp} column feeds the
 * derived time features when the model has them. A header with fewer names than a row has fields
 * names the last fields (as in files that start each row with an unnamed row number).
 */
public final class CsvWindows {
    /** The column that holds each row's time. */
    public static final String TIMESTAMP_COLUMN = "timestamp";

    private final CsvReader csv;
    private final TimestampParser times;
    private final int inputCount; // I
    private final int window; // T
    private final int headerSize;
    private final int[] columnOfInput; // [I]: header index of input k, or -1 for a derived feature
    private final DerivedFeature[] derivedOfInput; // [I]: the derived feature of input k, or null
    private final String[] inputNames; // [I]
    private final int timestampColumn; // header index, or -1
    private final float[][] ring; // [T][I]: the last T rows, row (rowsRead - 1) % T is the newest
    private long rowsRead;
    private Instant newestTime; // time of the newest row read, or null without a timestamp column

    public CsvWindows(Model model, CsvReader csv, ZoneId zoneForLocalTimes) throws IOException {
        this.csv = csv;
        this.times = new TimestampParser(null, zoneForLocalTimes);
        this.inputCount = model.inputCount();
        this.window = model.window();
        List<String> header = csv.next();
        if (header == null) {
            throw new CsvFormatException(csv.source() + ": the file is empty; it needs a header naming the model's inputs");
        }
        this.headerSize = header.size();
        this.timestampColumn = header.indexOf(TIMESTAMP_COLUMN);
        this.columnOfInput = new int[inputCount];
        this.derivedOfInput = new DerivedFeature[inputCount];
        this.inputNames = new String[inputCount];
        for (int k = 0; k < inputCount; k++) {
            InputSpec in = model.inputs().get(k);
            inputNames[k] = in.name();
            columnOfInput[k] = header.indexOf(in.name());
            if (columnOfInput[k] >= 0) {
                continue;
            }
            derivedOfInput[k] = DerivedFeature.byInputName(in.name());
            if (derivedOfInput[k] == null) {
                throw new CsvFormatException(csv.source() + ":1: no column '" + in.name() + "', an input of the model"
                        + " (columns found: " + String.join(", ", header) + ")");
            }
            if (timestampColumn < 0) {
                throw new CsvFormatException(csv.source() + ":1: the model's input '" + in.name() + "' is computed from"
                        + " time, so the file needs a '" + TIMESTAMP_COLUMN + "' column");
            }
        }
        this.ring = new float[window][inputCount];
    }

    /**
     * Reads rows until the next full window and copies it into {@code out} [T·I], row-major,
     * oldest row first. Returns false at the end of the file.
     */
    public boolean next(float[] out) throws IOException {
        do {
            List<String> fields = csv.next();
            if (fields == null) {
                return false;
            }
            parseRow(fields, ring[(int) (rowsRead % window)]);
            rowsRead++;
        } while (rowsRead < window);
        int oldest = (int) (rowsRead % window);
        for (int t = 0; t < window; t++) {
            System.arraycopy(ring[(oldest + t) % window], 0, out, t * inputCount, inputCount);
        }
        return true;
    }

    /** Whether the file has a {@value #TIMESTAMP_COLUMN} column. */
    public boolean hasTimes() {
        return timestampColumn >= 0;
    }

    /** The time of the last window's newest row (its "now"), or null without a timestamp column. */
    public Instant newestTime() {
        return newestTime;
    }

    /** Data rows read so far (the header not counted). */
    public long rowsRead() {
        return rowsRead;
    }

    private void parseRow(List<String> fields, float[] row) throws CsvFormatException {
        int shift = fields.size() - headerSize;
        if (shift < 0) {
            throw error("has " + fields.size() + " fields, the header names " + headerSize);
        }
        Instant time = null;
        if (timestampColumn >= 0) {
            String text = fields.get(timestampColumn + shift);
            try {
                time = times.parse(text);
            } catch (IllegalArgumentException e) {
                throw error("column '" + TIMESTAMP_COLUMN + "': " + e.getMessage());
            }
            newestTime = time;
        }
        for (int k = 0; k < inputCount; k++) {
            if (derivedOfInput[k] != null) {
                row[k] = (float) derivedOfInput[k].at(time);
                continue;
            }
            String text = fields.get(columnOfInput[k] + shift);
            row[k] = number(text, inputNames[k]);
        }
    }

    private float number(String text, String column) throws CsvFormatException {
        if (text.isEmpty()) {
            throw error("column '" + column + "' is empty; every row of a window needs a value");
        }
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw error("column '" + column + "': '" + text + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw error("column '" + column + "': '" + text + "' is not a finite number");
        }
        return (float) v;
    }

    private CsvFormatException error(String what) {
        return new CsvFormatException(csv.source() + ":" + csv.lineNumber() + ": " + what);
    }
}
