package io.nowcast.runtime.forecast;

import io.nowcast.engine.model.DerivedFeature;
import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.Model;
import io.nowcast.history.CsvFormatException;
import io.nowcast.history.HistoryReader;
import java.io.IOException;
import java.time.Instant;

/**
 * Sliding windows of a model's raw inputs over the rows of a history ({@link HistoryReader}). The
 * header names the model's inputs in any order; other columns are ignored; the time column feeds
 * the derived time features when the model has them.
 */
public final class CsvWindows {
    private final HistoryReader csv;
    private final int inputCount; // I
    private final int window; // T
    private final int[] columnOfInput; // [I]: value column of input k, or -1 for a derived feature
    private final DerivedFeature[] derivedOfInput; // [I]: the derived feature of input k, or null
    private final float[][] ring; // [T][I]: the last T rows, row (rowsRead - 1) % T is the newest
    private long rowsRead;
    private Instant newestTime; // time of the newest row read, or null without a time column

    public CsvWindows(Model model, HistoryReader csv) throws CsvFormatException {
        this.csv = csv;
        this.inputCount = model.inputCount();
        this.window = model.window();
        this.columnOfInput = new int[inputCount];
        this.derivedOfInput = new DerivedFeature[inputCount];
        for (int k = 0; k < inputCount; k++) {
            InputSpec in = model.inputs().get(k);
            columnOfInput[k] = csv.columnOrMinusOne(in.name());
            if (columnOfInput[k] >= 0) {
                continue;
            }
            derivedOfInput[k] = DerivedFeature.byInputName(in.name());
            if (derivedOfInput[k] == null) {
                throw new CsvFormatException(csv.source() + ":1: no column '" + in.name() + "', an input of the model"
                        + " (columns: " + String.join(", ", csv.header()) + ")");
            }
            if (!csv.hasTimes()) {
                throw new CsvFormatException(csv.source() + ":1: the model's input '" + in.name() + "' is computed from"
                        + " time, so the file needs a '" + HistoryReader.TIMESTAMP + "' column");
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
            HistoryReader.Row row = csv.next();
            if (row == null) {
                return false;
            }
            parseRow(row, ring[(int) (rowsRead % window)]);
            rowsRead++;
        } while (rowsRead < window);
        int oldest = (int) (rowsRead % window);
        for (int t = 0; t < window; t++) {
            System.arraycopy(ring[(oldest + t) % window], 0, out, t * inputCount, inputCount);
        }
        return true;
    }

    /** Whether the file has a time column. */
    public boolean hasTimes() {
        return csv.hasTimes();
    }

    /** The time of the last window's newest row (its "now"), or null without a time column. */
    public Instant newestTime() {
        return newestTime;
    }

    /** Data rows read so far (the header not counted). */
    public long rowsRead() {
        return rowsRead;
    }

    private void parseRow(HistoryReader.Row fields, float[] row) throws CsvFormatException {
        newestTime = fields.time();
        for (int k = 0; k < inputCount; k++) {
            if (derivedOfInput[k] != null) {
                row[k] = (float) derivedOfInput[k].at(newestTime);
                continue;
            }
            double v = csv.value(fields, columnOfInput[k]);
            if (Double.isNaN(v)) {
                throw new CsvFormatException(csv.where(fields, columnOfInput[k]) + "no value; every row of a window needs one");
            }
            row[k] = (float) v;
        }
    }
}
