package io.nowcast.runtime.station;

import io.nowcast.history.HistoryWriter;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.tinylog.Logger;

/**
 * The station's resampled observations on disk, one CSV file per UTC month
 * ({@code history-2026-11.csv}), in the format the trainer reads: a header {@code
 * timestamp,<channel>,...}, then one row per interval labelled with its grid point (the centre of the
 * interval, as the trainer's resampler labels it) and each channel's measured mean, written by
 * {@link HistoryWriter}; a channel without a good reading in the interval is an
 * empty field (gap-filled values are never written: the history holds only what was measured).
 * Files older than {@code keepMonths} months are deleted when a new month begins. When the month's
 * file exists with another header (the station's channels changed), it is renamed to
 * {@code history-2026-11.until-<epoch seconds>.csv} and a new file is started, so that no file mixes
 * two sets of columns.
 */
final class HistoryCsv implements AutoCloseable {
    private final Path dir;
    private final List<Channel> channels;
    private final int keepMonths;
    private YearMonth month;
    private BufferedWriter file;
    private HistoryWriter out; // rows into file

    HistoryCsv(Path dir, List<Channel> channels, int keepMonths) throws IOException {
        this.dir = dir;
        this.channels = List.copyOf(channels);
        this.keepMonths = keepMonths;
        Files.createDirectories(dir);
    }

    static String fileName(YearMonth month) {
        return "history-" + month + ".csv";
    }

    /** Appends the row of the interval starting at {@code start}; {@code measured[c]} NaN = no value. */
    void append(Instant start, double[] measured) throws IOException {
        YearMonth m = YearMonth.from(start.atZone(ZoneOffset.UTC));
        if (!m.equals(month)) {
            openMonth(m);
        }
        out.row(start, measured);
        out.flush();
    }

    private void openMonth(YearMonth m) throws IOException {
        close();
        month = m;
        Path file = dir.resolve(fileName(m));
        List<String> columns = channels.stream().map(Channel::name).toList();
        String header = HistoryWriter.header(columns);
        if (Files.exists(file) && Files.size(file) > 0 && !header.equals(firstLine(file))) {
            Path old = dir.resolve("history-" + m + ".until-" + Instant.now().getEpochSecond() + ".csv");
            Files.move(file, old);
            Logger.warn("History: the channels changed; {} was renamed to {}", file.getFileName(), old.getFileName());
        }
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        this.file = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        out = fresh ? HistoryWriter.withHeader(this.file, columns) : HistoryWriter.appending(this.file, columns);
        deleteOlderThan(m.minusMonths(keepMonths));
    }

    private static String firstLine(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return r.readLine();
        }
    }

    private void deleteOlderThan(YearMonth oldestKept) throws IOException {
        String oldestMonth = "history-" + oldestKept; // history-YYYY-MM: names sort by month
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("history-") && n.endsWith(".csv") && n.length() >= oldestMonth.length()
                        && n.substring(0, oldestMonth.length()).compareTo(oldestMonth) < 0) {
                    Files.delete(p);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
            file = null;
            out = null;
        }
    }
}
