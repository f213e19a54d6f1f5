package io.nowcast.runtime.station;

import io.nowcast.engine.model.DerivedFeature;
import io.nowcast.engine.model.Model;
import io.nowcast.history.Aggregation;
import io.nowcast.history.DirectionInput;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where each model input comes from: the station channel of the same name; else the sine or cosine
 * of a direction channel ({@link DirectionInput}: {@code wind_dir_sin}); else a derived time
 * feature ({@link DerivedFeature}). The one rule for the station ({@link InputWindow}),
 * {@code nowcast predict} and {@code nowcast doctor}.
 */
public final class ModelInputs {
    private ModelInputs() {
    }

    /**
     * What serves one model input: a channel as it is ({@code direction} and {@code feature} null),
     * a direction channel's component ({@code direction} set), or a time feature ({@code channel} -1).
     */
    public record Source(int channel, DirectionInput direction, DerivedFeature feature) {
        /** True when a station channel (as it is, or as a direction component) serves the input. */
        public boolean measured() {
            return channel >= 0;
        }

        /** The input's value for a row at {@code time} whose channel values are {@code channelValues}. */
        public double value(Instant time, double[] channelValues) {
            if (feature != null) {
                return feature.at(time);
            }
            return direction != null ? direction.valueOf(channelValues[channel]) : channelValues[channel];
        }
    }

    /**
     * What serves each model input.
     *
     * @return [input]
     * @throws IllegalArgumentException naming the first model input that nothing serves
     */
    public static Source[] sources(Model model, List<Channel> channels) {
        Source[] sources = new Source[model.inputCount()];
        for (int k = 0; k < sources.length; k++) {
            String name = model.inputs().get(k).name();
            sources[k] = source(name, channels).orElseThrow(() -> new IllegalArgumentException("model input '"
                    + name + "' is neither a sensor channel (" + channels.stream().map(Channel::name).toList()
                    + "), nor the _sin/_cos of a direction channel, nor a derived feature"));
        }
        return sources;
    }

    private static Optional<Source> source(String name, List<Channel> channels) {
        int c = indexOf(name, channels);
        if (c >= 0) {
            return Optional.of(new Source(c, null, null));
        }
        Optional<DirectionInput> direction = DirectionInput.parse(name);
        if (direction.isPresent()) {
            int d = indexOf(direction.get().channel(), channels);
            if (d >= 0 && channels.get(d).aggregation() == Aggregation.DIRECTION) {
                return Optional.of(new Source(d, direction.get(), null));
            }
        }
        DerivedFeature feature = DerivedFeature.byInputName(name);
        return feature == null ? Optional.empty() : Optional.of(new Source(-1, null, feature));
    }

    private static int indexOf(String name, List<Channel> channels) {
        for (int c = 0; c < channels.size(); c++) {
            if (channels.get(c).name().equals(name)) {
                return c;
            }
        }
        return -1;
    }
}
