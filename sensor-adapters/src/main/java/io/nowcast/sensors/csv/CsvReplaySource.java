package io.nowcast.sensors.csv;

import io.nowcast.sensors.Channel;
import io.nowcast.sensors.ChannelReading;
import io.nowcast.sensors.Quantity;
import io.nowcast.sensors.Reading;
import io.nowcast.sensors.SensorSource;
import org.tinylog.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Plays a recorded CSV history back as if it were a sensor. The first read starts the replay at
 * the first row; after that the replay position is {@code firstRowTime + elapsed × speed} on the
 * injected clock, and each read returns the latest row at or before that position, with the
 * row's own recorded time. A row stays current for one step (its distance to the previous row);
 * after the last row has expired every channel is MISSING ("the recording ended").
 *
 * <p>Empty (or NA) fields are MISSING, non-numeric ones REJECTED; malformed rows (wrong field
 * count, bad time, time going backwards) are skipped with a warning.
 */
public final class CsvReplaySource implements SensorSource {
    private final String id;
    private final CsvHistory history;
    private final List<Channel> channels;
    private final int[] column;              // [channel] -> index into a row's values
    private final Clock clock;
    private final double speed;

    private Instant startedAt;               // clock time of the first read
    private Instant origin;                  // recorded time of the first row
    private CsvHistory.Row current;          // latest row at or before the replay position
    private CsvHistory.Row upcoming;         // the row after it, read ahead
    private Duration step = Duration.ZERO;   // time between the last two rows
    private String failure;                  // set when the file cannot be read any more

    /**
     * @param channels channels whose {@link Channel#source()} names value columns of {@code history}
     * @param speed    recorded seconds played per clock second (> 0)
     */
    public CsvReplaySource(String id, CsvHistory history, List<Channel> channels, Clock clock, double speed) {
        this.id = Objects.requireNonNull(id, "id");
        this.history = Objects.requireNonNull(history, "history");
        this.channels = List.copyOf(channels);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite number > 0, got " + speed);
        }
        this.speed = speed;
        this.column = new int[this.channels.size()];
        for (int i = 0; i < column.length; i++) {
            column[i] = indexOf(history.valueColumns(), this.channels.get(i).source());
        }
    }

    /** The channels a history offers: columns named like a weather channel get its quantity. */
    public static List<Channel> channelsOf(CsvHistory history) {
        List<Channel> out = new ArrayList<>();
        for (String c : history.valueColumns()) {
            out.add(new Channel(c, c, Quantity.byChannelName(c).orElse(Quantity.OTHER)));
        }
        return out;
    }

    private static int indexOf(List<String> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column '" + name + "' in " + columns);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return "csv-replay";
    }

    @Override
    public List<Channel> channels() {
        return channels;
    }

    @Override
    public Reading read() {
        Instant now = clock.instant();
        if (startedAt == null) {
            startedAt = now;
            upcoming = nextGoodRow();
            origin = upcoming == null ? null : upcoming.time();
        }
        if (origin == null) {
            return allMissing(now, failure != null ? failure : "the recording " + history.file() + " has no data rows");
        }
        double recordedNanos = Duration.between(startedAt, now).toNanos() * speed;
        Instant position = origin.plus(Duration.ofNanos(Math.round(recordedNanos)));
        while (upcoming != null && !upcoming.time().isAfter(position)) {
            if (current != null) {
                step = Duration.between(current.time(), upcoming.time());
            }
            current = upcoming;
            upcoming = nextGoodRow();
        }
        if (upcoming == null && position.isAfter(current.time().plus(step))) {
            return allMissing(position, failure != null ? failure : "the recording ended at " + current.time());
        }
        return rowReading(current);
    }

    private CsvHistory.Row nextGoodRow() {
        while (true) {
            try {
                Optional<CsvHistory.Row> row = history.next();
                if (row.isEmpty()) {
                    return null;
                }
                CsvHistory.Row r = row.get();
                Instant last = upcoming != null ? upcoming.time() : current != null ? current.time() : null;
                if (last != null && !r.time().isAfter(last)) {
                    Logger.warn("replay {}: {} line {}: time {} does not come after {}; row skipped",
                            id, history.file(), r.line(), r.time(), last);
                    continue;
                }
                return r;
            } catch (CsvFormatException e) {
                Logger.warn("replay {}: {}; row skipped", id, e.getMessage());
            } catch (IOException e) {
                failure = "reading " + history.file() + " failed: " + e.getMessage();
                Logger.warn("replay {}: {}", id, failure);
                return null;
            }
        }
    }

    private Reading rowReading(CsvHistory.Row row) {
        List<ChannelReading> out = new ArrayList<>(channels.size());
        for (int i = 0; i < channels.size(); i++) {
            Channel c = channels.get(i);
            String field = row.values().get(column[i]);
            try {
                Optional<Double> v = CsvHistory.parseValue(field);
                if (v.isEmpty()) {
                    out.add(ChannelReading.missing(c.name(), c.quantity(), "no value recorded (line " + row.line() + ")"));
                } else if (!Double.isFinite(v.get())) {
                    out.add(ChannelReading.rejected(c.name(), c.quantity(), "line " + row.line() + ": '" + field + "' is not finite"));
                } else {
                    out.add(ChannelReading.ok(c.name(), c.quantity(), v.get()));
                }
            } catch (NumberFormatException e) {
                out.add(ChannelReading.rejected(c.name(), c.quantity(), "line " + row.line() + ": '" + field + "' is not a number"));
            }
        }
        return new Reading(row.time(), out);
    }

    private Reading allMissing(Instant time, String reason) {
        List<ChannelReading> out = new ArrayList<>(channels.size());
        for (Channel c : channels) {
            out.add(ChannelReading.missing(c.name(), c.quantity(), reason));
        }
        return new Reading(time, out);
    }

    @Override
    public void close() {
        try {
            history.close();
        } catch (IOException e) {
            Logger.debug("replay {}: closing {} failed: {}", id, history.file(), e.getMessage());
        }
    }
}
