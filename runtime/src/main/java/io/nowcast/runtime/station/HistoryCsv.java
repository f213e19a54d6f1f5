package io.nowcast.runtime.station;

import io.nowcast.history.HistoryWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
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
 *
 * <p><b>Faults.</b> A row is written whole or not at all: when a write fails (a full disk, a
 * read-only file system, a file that may not be written) what it wrote is cut off again, and the
 * row waits in memory, with the rows after it, until a later {@link #append} can write them, in
 * order; at most {@value #MAX_WAITING_ROWS} rows wait (about four weeks of 10-minute rows), the
 * oldest are dropped beyond that and counted. A row cut short by a crash is cut off when the file is
 * opened again. Each row is forced to the device, so that a fault shows at once.
 */
final class HistoryCsv implements AutoCloseable {
    static final int MAX_WAITING_ROWS = 4096;

    private final Path dir;
    private final List<String> columns;
    private final String header;
    private final int keepMonths;
    private final ArrayDeque<Row> waiting = new ArrayDeque<>();
    private final StringWriter text = new StringWriter(256);
    private final HistoryWriter rows; // into text
    private long dropped;
    private YearMonth month;
    private FileChannel file;
    private long size; // bytes of whole rows in file

    private record Row(Instant start, double[] values) {
    }

    HistoryCsv(Path dir, List<Channel> channels, int keepMonths) throws IOException {
        this.dir = dir;
        this.columns = channels.stream().map(Channel::name).toList();
        this.header = HistoryWriter.header(columns);
        this.keepMonths = keepMonths;
        this.rows = HistoryWriter.appending(text, columns);
        Files.createDirectories(dir);
    }

    static String fileName(YearMonth month) {
        return "history-" + month + ".csv";
    }

    /**
     * Appends the row of the interval labelled {@code start}, after any rows still waiting;
     * {@code measured[c]} NaN = no value.
     *
     * @throws IOException when a row could not be written: it waits, with the rows after it, for the
     *                     next call
     */
    void append(Instant start, double[] measured) throws IOException {
        if (waiting.size() == MAX_WAITING_ROWS) {
            waiting.removeFirst();
            dropped++;
        }
        waiting.addLast(new Row(start, measured.clone()));
        while (!waiting.isEmpty()) {
            write(waiting.peekFirst());
            waiting.removeFirst();
        }
    }

    /** Rows waiting in memory for the file to take them. */
    int waiting() {
        return waiting.size();
    }

    /** Rows dropped since start because too many were waiting. */
    long dropped() {
        return dropped;
    }

    private void write(Row r) throws IOException {
        YearMonth m = YearMonth.from(r.start().atZone(ZoneOffset.UTC));
        if (file == null || !m.equals(month)) {
            openMonth(m);
        }
        text.getBuffer().setLength(0);
        rows.row(r.start(), r.values());
        writeWhole(text.toString());
    }

    /** Writes {@code s} at the end of the rows, forced; on failure cuts off what was written, and closes the file. */
    private void writeWhole(String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
        long at = size;
        try {
            long position = at;
            while (b.hasRemaining()) {
                position += file.write(b, position);
            }
            file.force(false);
            size = position;
        } catch (IOException e) {
            try {
                file.truncate(at);
            } catch (IOException again) {
                e.addSuppressed(again); // the next open cuts the partial row off
            }
            close();
            throw e;
        }
    }

    private void openMonth(YearMonth m) throws IOException {
        close();
        Path path = dir.resolve(fileName(m));
        if (Files.isDirectory(path)) {
            throw new java.nio.file.FileSystemException(path.toString(), null,
                    "a directory, where the month's history file should be");
        }
        if (Files.exists(path) && Files.size(path) > 0 && !startsWithHeader(path)) {
            Path old = dir.resolve("history-" + m + ".until-" + Instant.now().getEpochSecond() + ".csv");
            Files.move(path, old);
            Logger.warn("History: the channels changed; {} was renamed to {}", path.getFileName(), old.getFileName());
        }
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            size = wholeRows(ch);
            if (size < ch.size()) {
                ch.truncate(size);
                Logger.warn("History {}: cut off a row written only in part", path.getFileName());
            }
            file = ch;
            month = m;
            if (size == 0) {
                writeWhole(header + "\n");
            }
        } catch (IOException e) {
            ch.close();
            file = null;
            throw e;
        }
        deleteOlderThan(m.minusMonths(keepMonths));
    }

    /** True when the file begins with this station's header line (read no further than that). */
    private boolean startsWithHeader(Path path) throws IOException {
        byte[] expected = (header + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(expected.length);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // until full or at the end
            }
            return !b.hasRemaining() && java.util.Arrays.equals(b.array(), expected);
        }
    }

    /** The length of the file up to its last line end (0 for a file without one). */
    private static long wholeRows(FileChannel ch) throws IOException {
        long end = ch.size();
        ByteBuffer b = ByteBuffer.allocate(4096);
        while (end > 0) {
            long from = Math.max(0, end - b.capacity());
            b.clear().limit((int) (end - from));
            long position = from;
            while (b.hasRemaining()) {
                int n = ch.read(b, position);
                if (n < 0) {
                    break;
                }
                position += n;
            }
            for (int i = b.position() - 1; i >= 0; i--) {
                if (b.get(i) == '\n') {
                    return from + i + 1;
                }
            }
            end = from;
        }
        return 0;
    }

    /** Deletes the months before {@code oldestKept}; a failure is logged, and tried again next month. */
    private void deleteOlderThan(YearMonth oldestKept) {
        String oldestMonth = "history-" + oldestKept; // history-YYYY-MM: names sort by month
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("history-") && n.endsWith(".csv") && n.length() >= oldestMonth.length()
                        && n.substring(0, oldestMonth.length()).compareTo(oldestMonth) < 0) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            Logger.warn("History: cannot delete the months before {} (history.keep_months): {}", oldestKept, e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            FileChannel f = file;
            file = null;
            month = null;
            f.close();
        }
    }
}
