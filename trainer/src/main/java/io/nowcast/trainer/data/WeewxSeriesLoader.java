package io.nowcast.trainer.data;

import io.nowcast.history.weewx.WeewxArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Loads station channels from a weewx archive ({@link WeewxArchive}: the {@code archive} table,
 * each row converted from its own {@code usUnits} to the station's units, NULL as NaN). Rows come
 * in {@code dateTime} order. {@code <dir>_sin}/{@code <dir>_cos} are served by the direction
 * channel, as from a CSV ({@link Resampler#sourceColumn}).
 */
public final class WeewxSeriesLoader {
    /** @return the series of {@link Resampler#sourceColumns} of {@code wanted} */
    public RawSeries load(Path file, List<String> wanted) throws IOException {
        try (WeewxArchive archive = WeewxArchive.open(file)) {
            List<String> channels = archive.channels();
            List<String> columns = Resampler.sourceColumns(wanted,
                    name -> channels.stream().anyMatch(ch -> ch.equalsIgnoreCase(name)));
            Collector rows = new Collector(columns.size());
            archive.read(columns, rows);
            return new RawSeries(file.toString(), Arrays.copyOf(rows.millis, rows.n), List.copyOf(columns),
                    Arrays.copyOf(rows.values, rows.n));
        }
    }

    /** Rows as they come, in arrays that double when full. */
    private static final class Collector implements WeewxArchive.RecordSink {
        private final int columns;
        private long[] millis = new long[1024]; // [rows]
        private double[][] values = new double[1024][]; // [rows][columns]
        private int n;
        private long lastMillis = Long.MIN_VALUE;

        Collector(int columns) {
            this.columns = columns;
        }

        @Override
        public void record(long epochSeconds, double[] row) {
            if (n == millis.length) {
                millis = Arrays.copyOf(millis, 2 * n);
                values = Arrays.copyOf(values, 2 * n);
            }
            long ms = epochSeconds * 1000;
            if (ms < lastMillis) {
                throw new IllegalStateException("archive rows out of dateTime order"); // ORDER BY dateTime
            }
            lastMillis = ms;
            millis[n] = ms;
            values[n] = Arrays.copyOf(row, columns);
            n++;
        }
    }
}
