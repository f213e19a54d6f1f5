package io.nowcast.runtime.forecast;

import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.Model;
import io.nowcast.history.CsvFormatException;
import io.nowcast.history.DirectionInput;
import io.nowcast.history.HistoryReader;
import io.nowcast.runtime.station.Channel;
import io.nowcast.runtime.station.ModelInputs;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sliding windows of a model's raw inputs over a history ({@link HistoryReader}) resampled to the
 * model's interval ({@link IntervalRows}, the station's rule), each input served as on the station
 * ({@link ModelInputs}): a column of the same name, the sine or cosine of a direction column, or a
 * time feature computed from the interval's time. The header names the columns in any order; other
 * columns are ignored. A window is T consecutive intervals that each have a value of every measured
 * input: an interval without one (no row in it, or only missing values) starts the window anew, and
 * is counted ({@link #intervalsWithoutValues()}).
 */
public final class CsvWindows {
    private final HistoryReader csv;
    private final IntervalRows intervals;
    private final ModelInputs.Source[] sources; // [I]
    private final long intervalSeconds; // Δ
    private final int inputCount; // I
    private final int window; // T
    private final double[] channelValues; // [channels] of the interval being read
    private final float[][] ring; // [T][I]: the last T rows, row (run - 1) % T is the newest
    private long run; // consecutive intervals with every value, ending at the newest
    private long lastIndex = Long.MIN_VALUE; // grid index of the newest interval read
    private long intervalsRead;
    private long intervalsWithoutValues;

    /**
     * @throws CsvFormatException naming the file when it has no time column or lacks a column
     *                            that a model input needs
     */
    public CsvWindows(Model model, HistoryReader csv) throws CsvFormatException {
        this.csv = csv;
        this.intervalSeconds = model.intervalSeconds();
        this.inputCount = model.inputCount();
        this.window = model.window();
        if (!csv.hasTimes()) {
            throw new CsvFormatException(csv.source() + ":1: no '" + HistoryReader.TIMESTAMP + "' column: rows are"
                    + " resampled to the model's interval (" + intervalSeconds + " s) by their times");
        }
        List<Channel> channels = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (InputSpec in : model.inputs()) {
            String name = in.name();
            if (csv.columnOrMinusOne(name) < 0) {
                name = DirectionInput.parse(name).map(DirectionInput::channel).filter(c -> csv.columnOrMinusOne(c) >= 0)
                        .orElse(name);
            }
            int column = csv.columnOrMinusOne(name);
            if (column >= 0 && !columns.contains(column)) {
                channels.add(new Channel(name, ""));
                columns.add(column);
            }
        }
        try {
            this.sources = ModelInputs.sources(model, channels);
        } catch (IllegalArgumentException e) {
            throw new CsvFormatException(csv.source() + ":1: " + e.getMessage() + " (columns: "
                    + String.join(", ", csv.header()) + ")");
        }
        this.intervals = new IntervalRows(csv, channels, columns.stream().mapToInt(Integer::intValue).toArray(),
                intervalSeconds);
        this.channelValues = new double[channels.size()];
        this.ring = new float[window][inputCount];
    }

    /**
     * Reads intervals until the next full window and copies it into {@code out} [T·I], row-major,
     * oldest row first. Returns false at the end of the file.
     */
    public boolean next(float[] out) throws IOException {
        do {
            long k = intervals.next(channelValues);
            if (k == Long.MIN_VALUE) {
                return false;
            }
            intervalsRead++;
            if (lastIndex != Long.MIN_VALUE && k > lastIndex + 1) {
                intervalsWithoutValues += k - lastIndex - 1; // a gap: whole intervals without a row
            }
            if (k != lastIndex + 1) {
                run = 0;
            }
            lastIndex = k;
            if (!complete()) {
                intervalsWithoutValues++;
                run = 0;
                continue;
            }
            Instant time = Instant.ofEpochSecond(k * intervalSeconds);
            float[] row = ring[(int) (run % window)];
            for (int i = 0; i < inputCount; i++) {
                row[i] = (float) sources[i].value(time, channelValues);
            }
            run++;
        } while (run < window);
        int oldest = (int) (run % window);
        for (int t = 0; t < window; t++) {
            System.arraycopy(ring[(oldest + t) % window], 0, out, t * inputCount, inputCount);
        }
        return true;
    }

    /** True when every input that a channel serves as it is has a value (no direction: calm, a value of its own). */
    private boolean complete() {
        for (ModelInputs.Source s : sources) {
            if (s.measured() && s.direction() == null && Double.isNaN(channelValues[s.channel()])) {
                return false;
            }
        }
        return true;
    }

    /** The time of the last window's newest interval (its grid point k·Δ, UTC). */
    public Instant newestTime() {
        return Instant.ofEpochSecond(lastIndex * intervalSeconds);
    }

    /** Intervals (with at least one row) read so far. */
    public long intervalsRead() {
        return intervalsRead;
    }

    /** Intervals between the first and the last read without a value of some measured input (or any row). */
    public long intervalsWithoutValues() {
        return intervalsWithoutValues;
    }

    /** The file read. */
    public String source() {
        return csv.source();
    }
}
