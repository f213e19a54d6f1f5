package io.nowcast.runtime.station.skill;

import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.OutputSpec;
import io.nowcast.history.Aggregation;
import io.nowcast.runtime.station.Channel;
import java.util.List;

/**
 * Which station channel each model output forecasts, so that it can be scored against that
 * channel's observation: the channel named as the output (the trainer names an output after its
 * target column); else, for an output that is a change from an input, the channel serving that
 * input; else the longest channel name that the output's name starts with, followed by {@code _}
 * ({@code humidity_1h} → {@code humidity}). A direction channel is never a target (its errors
 * would need angles). No channel: the output is not scored.
 */
final class TargetChannels {
    static final int NONE = -1;

    private TargetChannels() {
    }

    /** @return [output] the channel index, or {@link #NONE} */
    static int[] of(Model model, List<Channel> channels) {
        int[] target = new int[model.outputCount()];
        for (int k = 0; k < target.length; k++) {
            OutputSpec o = model.outputs().get(k);
            int c = indexOf(o.name(), channels);
            if (c == NONE && o.isDelta()) {
                c = indexOf(model.inputs().get(o.baseInput()).name(), channels);
            }
            if (c == NONE) {
                int longest = 0;
                for (int i = 0; i < channels.size(); i++) {
                    String name = channels.get(i).name();
                    if (name.length() > longest && o.name().startsWith(name + "_")) {
                        longest = name.length();
                        c = i;
                    }
                }
            }
            target[k] = c != NONE && channels.get(c).aggregation() == Aggregation.DIRECTION ? NONE : c;
        }
        return target;
    }

    private static int indexOf(String name, List<Channel> channels) {
        for (int c = 0; c < channels.size(); c++) {
            if (channels.get(c).name().equals(name)) {
                return c;
            }
        }
        return NONE;
    }
}
