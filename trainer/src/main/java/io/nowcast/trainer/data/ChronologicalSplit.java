package io.nowcast.trainer.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a time-ordered list of segments into consecutive parts holding given fractions of the rows
 * (e.g. 0.7, 0.15, 0.15 for train, validation, test). A segment that straddles a cut is cut in two,
 * so that no window of a later part sees rows of an earlier one.
 */
public final class ChronologicalSplit {
    private ChronologicalSplit() {
    }

    /** @param fractions one per part, each > 0, summing to 1 (the last part takes what is left) */
    public static List<List<Segment>> split(List<Segment> segments, double... fractions) {
        long total = segments.stream().mapToLong(Segment::rowCount).sum();
        List<List<Segment>> parts = new ArrayList<>();
        for (int p = 0; p < fractions.length; p++) {
            parts.add(new ArrayList<>());
        }
        long[] cut = new long[fractions.length]; // cumulative row where part p ends
        double cumulative = 0;
        for (int p = 0; p < fractions.length; p++) {
            cumulative += fractions[p];
            cut[p] = p == fractions.length - 1 ? total : Math.round(cumulative * total);
        }
        long offset = 0; // rows before the current segment
        int part = 0;
        for (Segment seg : segments) {
            int from = 0;
            while (from < seg.rowCount()) {
                while (part < cut.length - 1 && offset + from >= cut[part]) {
                    part++;
                }
                int to = (int) Math.min(seg.rowCount(), cut[part] - offset);
                parts.get(part).add(from == 0 && to == seg.rowCount() ? seg : seg.slice(from, to));
                from = to;
            }
            offset += seg.rowCount();
        }
        return parts;
    }
}
