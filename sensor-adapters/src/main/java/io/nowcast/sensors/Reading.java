package io.nowcast.sensors;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one source reported at one moment: a time and its channels, in the source's channel order.
 *
 * @param time     when the sample was taken (for CSV replay: the recorded timestamp)
 * @param channels one entry per configured channel, each with its own status
 */
public record Reading(Instant time, List<ChannelReading> channels) {

    public Reading {
        Objects.requireNonNull(time, "time");
        channels = List.copyOf(channels);
    }

    /** The channel called {@code name}, if this reading has one. */
    public Optional<ChannelReading> channel(String name) {
        for (ChannelReading c : channels) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The value of channel {@code name}, or NaN when it is absent, missing or rejected. */
    public double valueOrNaN(String name) {
        return channel(name).filter(ChannelReading::isOk).map(ChannelReading::value).orElse(Double.NaN);
    }

    /** True when every channel is OK. */
    public boolean allOk() {
        return channels.stream().allMatch(ChannelReading::isOk);
    }
}
