package io.nowcast.runtime.station.outbox;

import java.nio.file.Path;

/** One segment file {@code seg-<base>.log}: a run of records (see {@link RecordCodec}). */
final class Segment {
    private static final String PREFIX = "seg-";
    private static final String SUFFIX = ".log";

    final long base; // the index of its first entry (from the file name)
    final Path file;
    long end; // the index after its last good record: base when it has none
    long bytes; // where its last good record ends, where the next append goes
    long oldLayoutBefore; // records of the old layout (no index) may only lie before this offset

    Segment(long base, Path file) {
        this.base = base;
        this.file = file;
        this.end = base;
    }

    /** A new, empty segment for entries from {@code base}, written in the current layout only. */
    static Segment create(Path dir, long base) {
        Segment s = new Segment(base, dir.resolve(String.format("%s%020d%s", PREFIX, base, SUFFIX)));
        s.oldLayoutBefore = 0;
        return s;
    }

    /** The segment named by {@code file}, or null when the name is not a segment's. */
    static Segment named(Path file) {
        String n = file.getFileName().toString();
        if (!n.startsWith(PREFIX) || !n.endsWith(SUFFIX)) {
            return null;
        }
        try {
            Segment s = new Segment(Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length())), file);
            s.oldLayoutBefore = Long.MAX_VALUE;
            return s.base < 0 ? null : s;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean looksLikeSegment(Path file) {
        String n = file.getFileName().toString();
        return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
    }
}
