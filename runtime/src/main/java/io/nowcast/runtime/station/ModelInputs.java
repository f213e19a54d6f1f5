package io.nowcast.runtime.station;

import io.nowcast.engine.model.DerivedFeature;
import io.nowcast.engine.model.Model;
import java.util.List;

/**
 * Where each model input comes from: the station channel of the same name, or else a derived time
 * feature ({@link DerivedFeature}). The one rule for the station ({@link InputWindow}) and
 * {@code nowcast doctor}.
 */
public final class ModelInputs {
    private ModelInputs() {
    }

    /**
     * The index in {@code channels} of the channel serving each model input, or -1 where a derived
     * feature serves it.
     *
     * @return [input] channel index or -1
     * @throws IllegalArgumentException naming the first model input that neither serves
     */
    public static int[] channelOf(Model model, List<Channel> channels) {
        int[] channelOf = new int[model.inputCount()];
        for (int k = 0; k < channelOf.length; k++) {
            String name = model.inputs().get(k).name();
            channelOf[k] = -1;
            for (int c = 0; c < channels.size(); c++) {
                if (channels.get(c).name().equals(name)) {
                    channelOf[k] = c;
                }
            }
            if (channelOf[k] < 0 && DerivedFeature.byInputName(name) == null) {
                throw new IllegalArgumentException("model input '" + name + "' is neither a sensor channel ("
                        + channels.stream().map(Channel::name).toList() + ") nor a derived feature");
            }
        }
        return channelOf;
    }
}
