package io.nowcast.runtime.station;

import io.nowcast.engine.model.Model;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last T resampled rows in the model's input order, with what is needed to decide whether a
 * forecast may be made from them and whether it is degraded. Each model input is served as
 * {@link ModelInputs} says: a station channel, a direction channel's sine or cosine, or a derived
 * time feature computed from the row's UTC time. All arrays are sized once.
 */
final class InputWindow {
    private final int window; // T
    private final int inputs; // I
    private final ModelInputs.Source[] sources; // [input]
    private final float[] rows; // ring [T][I], row-major; row r holds the (r - head)th oldest row after wrap
    private final boolean[] filled; // ring [T][I]
    private final boolean[] missing; // ring [T]: the row lacks a value a model input needs
    private final int[] filledCount; // [input]: rows of the window where it was filled
    private int missingRows; // rows of the window with a missing input
    private int head; // ring slot the next row goes to
    private int size; // rows held, <= T

    /**
     * @throws IllegalArgumentException when nothing serves a model input
     */
    InputWindow(Model model, List<Channel> channels) {
        this.window = model.window();
        this.inputs = model.inputCount();
        this.sources = ModelInputs.sources(model, channels);
        this.rows = new float[window * inputs];
        this.filled = new boolean[window * inputs];
        this.missing = new boolean[window];
        this.filledCount = new int[inputs];
    }

    /** Adds the newest row (values per station channel after gap filling), dropping the oldest. */
    void push(Instant time, double[] channelValues, GapFiller.Status[] status) {
        if (size == window) {
            drop(head);
        } else {
            size++;
        }
        int base = head * inputs;
        boolean rowMissing = false;
        for (int k = 0; k < inputs; k++) {
            ModelInputs.Source source = sources[k];
            rows[base + k] = (float) source.value(time, channelValues);
            int c = source.channel();
            if (!source.measured() || source.direction() != null) {
                // A time feature is always there; no direction (calm, or a gap) is a value of its own: 0 and 0.
                filled[base + k] = false;
            } else {
                filled[base + k] = status[c] == GapFiller.Status.FILLED;
                rowMissing |= status[c] == GapFiller.Status.MISSING;
                if (filled[base + k]) {
                    filledCount[k]++;
                }
            }
        }
        missing[head] = rowMissing;
        if (rowMissing) {
            missingRows++;
        }
        head = (head + 1) % window;
    }

    private void drop(int slot) {
        int base = slot * inputs;
        for (int k = 0; k < inputs; k++) {
            if (filled[base + k]) {
                filledCount[k]--;
            }
        }
        if (missing[slot]) {
            missingRows--;
        }
    }

    /** True when the window is full and every value in it is measured or filled. */
    boolean ready() {
        return size == window && missingRows == 0;
    }

    /** Rows still needed before a forecast can be made (0 when ready). */
    int rowsUntilReady() {
        if (missingRows > 0) {
            // The newest missing row must leave the window: find how far back it is.
            for (int age = 0; age < size; age++) {
                if (missing[Math.floorMod(head - 1 - age, window)]) {
                    return window - age;
                }
            }
        }
        return window - size;
    }

    /** Copies the window, oldest row first, into {@code out} [T][I] row-major (the engine's layout). */
    void copyTo(float[] out) {
        int oldest = size == window ? head : 0;
        int firstPart = (window - oldest) * inputs;
        System.arraycopy(rows, oldest * inputs, out, 0, firstPart);
        System.arraycopy(rows, 0, out, firstPart, oldest * inputs);
    }

    /** Why a forecast from this window is degraded: one reason per input that was filled; empty if none. */
    List<String> degradedReasons(Model model) {
        List<String> reasons = new ArrayList<>();
        for (int k = 0; k < inputs; k++) {
            if (filledCount[k] > 0) {
                reasons.add(model.inputs().get(k).name() + ": " + filledCount[k] + " of " + window
                        + " intervals had no valid reading and use the last good value");
            }
        }
        return reasons;
    }
}
