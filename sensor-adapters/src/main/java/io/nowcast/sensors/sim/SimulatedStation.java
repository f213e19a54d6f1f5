package io.nowcast.sensors.sim;

import io.nowcast.sensors.Channel;
import io.nowcast.sensors.ChannelReading;
import io.nowcast.history.Quantity;
import io.nowcast.sensors.Reading;
import io.nowcast.sensors.SensorSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A whole weather station in software: temperature, humidity, pressure, rain and wind from
 * {@link SimulatedWeather}, read at the time of an injectable clock (a {@link io.nowcast.sensors.ScaledClock}
 * runs it faster than real time). {@link #history} produces any stretch of readings at once,
 * without waiting, for training data.
 */
public final class SimulatedStation implements SensorSource {
    private final String id;
    private final SimulatedWeather weather;
    private final List<Channel> channels;
    private final Clock clock;
    private final Duration firstWindow;
    private Instant previous;   // time of the previous read; rain is counted from there

    /**
     * @param channels    which quantities to report, under which names
     * @param firstWindow the rain window of the first read (the sample interval)
     */
    public SimulatedStation(String id, SimulatedWeather weather, List<Channel> channels, Clock clock, Duration firstWindow) {
        this.id = Objects.requireNonNull(id, "id");
        this.weather = Objects.requireNonNull(weather, "weather");
        this.channels = List.copyOf(channels);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.firstWindow = Objects.requireNonNull(firstWindow, "firstWindow");
    }

    /** All five quantities under their default names. */
    public static List<Channel> allChannels() {
        List<Channel> all = new ArrayList<>();
        for (Quantity q : List.of(Quantity.TEMPERATURE, Quantity.HUMIDITY, Quantity.PRESSURE, Quantity.RAIN, Quantity.WIND_SPEED)) {
            all.add(Channel.of(q));
        }
        return all;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return "simulated";
    }

    @Override
    public List<Channel> channels() {
        return channels;
    }

    @Override
    public Reading read() {
        Instant now = clock.instant();
        Duration window = previous == null || !now.isAfter(previous) ? firstWindow : Duration.between(previous, now);
        previous = now;
        return readingAt(now, window);
    }

    /**
     * {@code count} readings at {@code start}, {@code start + step}, ..., each with the rain of the
     * step before it; computed on demand, no waiting, independent of this source's clock.
     */
    public Iterator<Reading> history(Instant start, Duration step, long count) {
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive, got " + step);
        }
        return new Iterator<>() {
            private long i;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public Reading next() {
                if (i >= count) {
                    throw new NoSuchElementException();
                }
                return readingAt(start.plus(step.multipliedBy(i++)), step);
            }
        };
    }

    private Reading readingAt(Instant t, Duration window) {
        EnumMap<Quantity, Double> v = weather.at(t, window);
        List<ChannelReading> out = new ArrayList<>(channels.size());
        for (Channel c : channels) {
            out.add(ChannelReading.ok(c.name(), c.quantity(), v.get(c.quantity())));
        }
        return new Reading(t, out);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
