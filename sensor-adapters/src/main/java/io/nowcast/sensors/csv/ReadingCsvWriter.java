package io.nowcast.sensors.csv;

import io.nowcast.sensors.Channel;
import io.nowcast.sensors.ChannelReading;
import io.nowcast.sensors.Reading;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;

/**
 * Writes readings in the trainer's CSV format: a header {@code timestamp,<channel>,...}, one row
 * per reading, times as UTC instants ({@code 2026-01-01T00:00:00Z}), values in plain decimal,
 * an empty field where a channel is not OK. {@link CsvHistory} reads it back.
 */
public final class ReadingCsvWriter {
    private final Writer out;
    private final List<Channel> channels;

    /** Writes the header at once. */
    public ReadingCsvWriter(Writer out, List<Channel> channels) throws IOException {
        this.out = out;
        this.channels = List.copyOf(channels);
        StringBuilder header = new StringBuilder("timestamp");
        for (Channel c : this.channels) {
            header.append(',').append(c.name());
        }
        out.write(header.append('\n').toString());
    }

    public void write(Reading reading) throws IOException {
        StringBuilder row = new StringBuilder(reading.time().toString());
        for (Channel c : channels) {
            row.append(',');
            reading.channel(c.name()).filter(ChannelReading::isOk)
                    .ifPresent(r -> row.append(BigDecimal.valueOf(r.value()).toPlainString()));
        }
        out.write(row.append('\n').toString());
    }

    /** Writes every reading of {@code readings}; returns how many. */
    public long writeAll(Iterator<Reading> readings) throws IOException {
        long n = 0;
        while (readings.hasNext()) {
            write(readings.next());
            n++;
        }
        return n;
    }
}
