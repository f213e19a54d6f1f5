package io.nowcast.sensors.csv;

import io.nowcast.history.CsvFormatException;
import io.nowcast.history.HistoryReader;
import io.nowcast.sensors.Channel;
import io.nowcast.sensors.ChannelReading;
import io.nowcast.history.Quantity;
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

/**
 * Plays a recorded CSV history back as if it were a sensor. The first read starts the replay at
 * the first row; after that the replay position is {@code firstRowTime + elapsed × speed} on the
 * injected clock, and each read returns the latest row at or before that position, with the
 * row's own recorded time. A row stays current for one step (its distance to the previous row);
 * after the last row has expired every channel is MISSING ("the recording ended").
 *
 * <p>Missing values ({@link HistoryReader#isMissing}) are MISSING, non-numeric ones REJECTED; malformed rows (wrong field
 * count, bad time, time going backwards) are skipped with a warning.
 */
public final class CsvReplaySource implements SensorSource {
    private final String id;
    private final HistoryReader history;
    private final List<Channel> channels;
    private final int[] column;              // [channel] -> index into a row's values
    private final Clock clock;
    private final double speed;

    private Instant startedAt;               // clock time of the first read
    private Instant origin;                  // recorded time of the first row
    private HistoryReader.Row current;          // latest row at or before the replay position
    private HistoryReader.Row upcoming;         // the row after it, read ahead
    private Duration step = Duration.ZERO;   // time between the last two rows
    private String failure;                  // set when the file cannot be read any more

    /**
     * @param channels channels whose {@link Channel#source()} names value columns of {@code history}
     * @param speed    recorded seconds played per clock second (> 0)
     */
    public CsvReplaySource(String id, HistoryReader history, List<Channel> channels, Clock clock, double speed) {
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
            String source = this.channels.get(i).source();
            column[i] = history.columnOrMinusOne(source);
            if (column[i] < 0) {
                throw new IllegalArgumentException("no column '" + source + "' in " + history.valueColumns());
            }
        }
    }

    /** The channels a history offers: columns named like a weather channel get its quantity. */
    public static List<Channel> channelsOf(HistoryReader history) {
        List<Channel> out = new ArrayList<>();
        for (String c : history.valueColumns()) {
            out.add(new Channel(c, c, Quantity.byChannelName(c).orElse(Quantity.OTHER)));
        }
        return out;
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
            return allMissing(now, failure != null ? failure : "the recording " + history.source() + " has no data rows");
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

    private HistoryReader.Row nextGoodRow() {
        while (true) {
            try {
                HistoryReader.Row r = history.next();
                if (r == null) {
                    return null;
                }
                Instant last = upcoming != null ? upcoming.time() : current != null ? current.time() : null;
                if (last != null && !r.time().isAfter(last)) {
                    Logger.warn("replay {}: {}:{}: time {} does not come after {}; row skipped",
                            id, history.source(), r.line(), r.time(), last);
                    continue;
                }
                return r;
            } catch (CsvFormatException e) {
                Logger.warn("replay {}: {}; row skipped", id, e.getMessage());
            } catch (IOException e) {
                failure = "reading " + history.source() + " failed: " + e.getMessage();
                Logger.warn("replay {}: {}", id, failure);
                return null;
            }
        }
    }

    private Reading rowReading(HistoryReader.Row row) {
        List<ChannelReading> out = new ArrayList<>(channels.size());
        for (int i = 0; i < channels.size(); i++) {
            Channel c = channels.get(i);
            try {
                double v = history.value(row, column[i]);
                out.add(Double.isNaN(v)
                        ? ChannelReading.missing(c.name(), c.quantity(), "no value recorded (line " + row.line() + ")")
                        : ChannelReading.ok(c.name(), c.quantity(), v));
            } catch (CsvFormatException e) {
                out.add(ChannelReading.rejected(c.name(), c.quantity(), e.getMessage()));
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
            Logger.debug("replay {}: closing {} failed: {}", id, history.source(), e.getMessage());
        }
    }
}
