package io.nowcast.runtime.station.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.tinylog.Logger;

/**
 * Opening an outbox: reads the cursor file and every segment, steps over damaged records, finds
 * the gaps in the entry indexes (damage, missing segment files), counts what they lost ahead of the
 * cursor, and finds the oldest entry to deliver. With {@code repair} (a station opening it) it also
 * cuts a damaged tail off each segment, deletes the segments already delivered, rewrites the cursor
 * and logs what it found; without (the doctor looking) it changes and logs nothing.
 *
 * <p>The rules, also in the {@link Outbox} class comment:
 * <ul>
 * <li>a gap between good records, or between segment files, is lost: every index in it from the
 *     cursor on is counted in {@code recordsLost}; a gap between segment files whose earlier file
 *     ends cleanly is a missing segment file;</li>
 * <li>a damaged tail of the last segment (usually a record a crash cut short) counts as one record;</li>
 * <li>a cursor file that is missing (while segments of this version exist), damaged, or points
 *     beyond the last entry cannot be trusted: delivery restarts at the oldest entry kept, repeating some (the QoS 1
 *     rule: repeats, never losses);</li>
 * <li>a cursor below the oldest segment means the oldest segment files are missing.</li>
 * </ul>
 */
final class Recovery {
    /** Indexes [lo, hi) lost, with the damaged bytes where they were, found in {@code file}. */
    private record Gap(long lo, long hi, long bytes, boolean missingFile, Path file) {
    }

    /** A good record. */
    record Found(Segment segment, long offset, long index, int length) {
    }

    private final Path dir;
    private final boolean repair;
    private final RecordCodec reader;
    private final LossCounts counts;
    private final List<Gap> gaps = new ArrayList<>();
    final Deque<Segment> segments = new ArrayDeque<>(); // oldest first
    final LostRanges lost = new LostRanges();
    long cursor; // the index of the oldest entry to deliver (head's), or nextIndex when there is none
    long nextIndex;
    long dropped;
    long totalBytes;
    Found head; // the oldest entry to deliver, or null
    private Found first; // the oldest good record
    private Found atSavedCursor; // the oldest good record at or after the saved cursor
    private long lastTail; // damaged bytes at the end of the last segment

    private Recovery(Path dir, boolean repair, RecordCodec reader, LossCounts counts) {
        this.dir = dir;
        this.repair = repair;
        this.reader = reader;
        this.counts = counts;
    }

    static Recovery run(Path dir, boolean repair, RecordCodec reader, LossCounts counts) throws IOException {
        Recovery r = new Recovery(dir, repair, reader, counts);
        CursorFile.Saved saved = CursorFile.read(dir);
        r.scanSegments(saved.next());
        r.settleCursor(saved);
        r.countGaps();
        r.findHead();
        boolean unchanged = saved.state() == CursorFile.State.GOOD && saved.next() == r.cursor
                && saved.dropped() == r.dropped && Files.size(dir.resolve(CursorFile.NAME)) == CursorFile.SIZE;
        if (repair && !unchanged) {
            // Both slots, so that a cursor moved back is not outvoted; not when nothing changed, so that
            // an outbox on a full disk still opens.
            CursorFile.replace(dir, r.cursor, r.dropped);
        }
        return r;
    }

    private void scanSegments(long savedCursor) throws IOException {
        List<Segment> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                Segment s = Segment.named(p);
                if (s != null) {
                    files.add(s);
                } else if (repair && Segment.looksLikeSegment(p)) {
                    Logger.warn("Outbox {}: ignoring a file whose name is not a segment's", p);
                }
            }
        }
        files.sort(Comparator.comparingLong(s -> s.base));
        Segment prev = null;
        long prevTail = 0;
        for (Segment s : files) {
            long expected = s.base;
            if (prev != null) {
                expected = Math.max(s.base, prev.end);
                if (prev.end < s.base || prevTail > 0) {
                    // Either the end of the earlier file is damaged, or whole files are missing.
                    gaps.add(new Gap(prev.end, s.base, prevTail, prevTail == 0, prev.file));
                }
            }
            prevTail = scan(s, expected, savedCursor);
            segments.addLast(s);
            totalBytes += s.bytes;
            prev = s;
        }
        lastTail = prevTail;
        if (prev != null) {
            prev.oldLayoutBefore = Math.min(prev.oldLayoutBefore, prev.bytes); // appends use the new layout
        }
    }

    /** Reads the good records of s, noting its gaps; returns the damaged bytes at its end (cut when repairing). */
    private long scan(Segment s, long expected, long savedCursor) throws IOException {
        try (FileChannel ch = repair ? FileChannel.open(s.file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(s.file, StandardOpenOption.READ)) {
            long size = ch.size();
            reader.start(ch, 0, size, expected, s.oldLayoutBefore);
            long goodEnd = 0;
            long next = expected;
            while (reader.next()) {
                if (reader.skipped() > 0) {
                    gaps.add(new Gap(next, reader.index(), reader.skipped(), false, s.file));
                }
                Found f = new Found(s, reader.offset(), reader.index(), reader.length());
                first = Objects.requireNonNullElse(first, f);
                if (atSavedCursor == null && f.index() >= savedCursor) {
                    atSavedCursor = f;
                }
                next = f.index() + 1;
                goodEnd = f.offset() + f.length();
            }
            s.end = next;
            s.bytes = goodEnd;
            s.oldLayoutBefore = reader.oldLayoutBefore();
            long tail = size - goodEnd;
            if (tail > 0 && repair) { // logged by countGaps
                ch.truncate(goodEnd);
                ch.force(true);
            }
            return tail;
        }
    }

    private void settleCursor(CursorFile.Saved saved) {
        Segment last = segments.peekLast();
        nextIndex = last == null ? saved.next() : last.end;
        long oldest = segments.isEmpty() ? nextIndex : segments.peekFirst().base;
        cursor = saved.next();
        dropped = saved.dropped();
        // An outbox of this version writes its cursor when it is opened, before any append; one of
        // an earlier version (its oldest segment starts with an old-layout record) did not until
        // the first acknowledgement, so there a missing cursor means nothing was delivered yet.
        boolean cursorAlwaysWritten = !segments.isEmpty() && segments.peekFirst().oldLayoutBefore == 0;
        String distrust = switch (saved.state()) {
            case MISSING -> cursorAlwaysWritten ? "is missing" : null;
            case DAMAGED -> "is damaged";
            case GOOD -> saved.next() > nextIndex ? "points beyond the last entry (" + saved.next() + " > " + nextIndex + ")"
                    : null;
        };
        if (distrust != null || saved.state() == CursorFile.State.MISSING) {
            cursor = oldest;
            atSavedCursor = first;
        }
        if (distrust != null) {
            counts.cursorResets++;
            if (repair) {
                Logger.warn("Outbox {}: the cursor file {}; delivering again from the oldest entry kept ({}), "
                        + "so some messages may be sent twice", dir, distrust, oldest);
            }
        } else if (cursor < oldest) {
            gaps.add(0, new Gap(cursor, oldest, 0, true, dir));
        }
    }

    private void countGaps() {
        for (Gap g : gaps) {
            if (g.hi() <= cursor) {
                continue; // all delivered before the damage
            }
            long from = Math.max(g.lo(), cursor);
            long n = Math.max(0, g.hi() - from);
            lost.add(from, g.hi());
            counts.recordsLost += n;
            counts.bytesLost += g.bytes();
            if (g.missingFile()) {
                counts.segmentsMissing++;
            }
            if (repair && g.missingFile()) {
                Logger.warn("Outbox {}: the segment files of entries {} to {} are missing: {} undelivered message(s) lost",
                        dir, g.lo(), g.hi() - 1, n);
            } else if (repair) {
                Logger.warn("Outbox {}: stepped over {} damaged bytes before entry {}: {} undelivered message(s) lost",
                        g.file(), g.bytes(), g.hi(), n);
            }
        }
        if (lastTail > 0) {
            counts.recordsLost++;
            counts.bytesLost += lastTail;
            if (repair) {
                Logger.warn("Outbox {}: cut off the last record, damaged or cut short by a crash ({} bytes): 1 message lost",
                        segments.peekLast().file, lastTail);
            }
        }
    }

    /** Moves the cursor onto the oldest good record at or after it and deletes (repairing) the segments before. */
    private void findHead() throws IOException {
        head = atSavedCursor;
        cursor = head == null ? Math.max(cursor, nextIndex) : head.index();
        lost.forgetBelow(cursor);
        Segment keep = head == null ? segments.peekLast() : head.segment();
        while (repair && segments.size() > 1 && segments.peekFirst() != keep) {
            Segment done = segments.removeFirst();
            Files.deleteIfExists(done.file);
            totalBytes -= done.bytes;
        }
    }
}
