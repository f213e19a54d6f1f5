package io.nowcast.sensors.csv;

import io.nowcast.history.HistoryWriter;
import io.nowcast.sensors.Channel;
import io.nowcast.sensors.ChannelReading;
import io.nowcast.sensors.Reading;

import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;

/**
 * Writes readings as a history ({@link HistoryWriter}): one row per reading, a column per
 * channel, an empty field where a channel is not OK.
 */
public final class ReadingCsvWriter {
    private final HistoryWriter out;
    private final List<Channel> channels;
    private final double[] row; // [channels]

    /** Writes the header at once. */
    public ReadingCsvWriter(Writer out, List<Channel> channels) throws IOException {
        this.channels = List.copyOf(channels);
        this.out = HistoryWriter.withHeader(out, this.channels.stream().map(Channel::name).toList());
        this.row = new double[this.channels.size()];
    }

    public void write(Reading reading) throws IOException {
        for (int c = 0; c < row.length; c++) {
            // a channel that is not OK carries NaN, which the writer leaves empty
            row[c] = reading.channel(channels.get(c).name()).map(ChannelReading::value).orElse(Double.NaN);
        }
        out.row(reading.time(), row);
    }

    /** Writes every reading of {@code readings}; returns how many. */
    public long writeAll(Iterator<Reading> readings) throws IOException {
        long n = 0;
        while (readings.hasNext()) {
            write(readings.next());
            n++;
        }
        out.flush();
        return n;
    }
}
