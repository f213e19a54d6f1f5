package io.nowcast.runtime.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowcast.runtime.station.outbox.Outbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the soak run proved, from what the subscriber received, the station's {@code seq} file and
 * history, its last health and its log.
 *
 * <p><b>Which forecasts were due.</b> Every closed interval gives one observation; its channels say
 * which model inputs had no value ({@code missing}) and which were gap-filled. A forecast is due for
 * an interval exactly when the window of the last T intervals (T = 24) has a value of every model
 * input (docs/station.md, "What happens each interval"), and it is {@code degraded} exactly when one
 * of those values was filled. So the observations, all delivered, say which forecasts had to come;
 * a due forecast that did not arrive is lost, whatever its reason.
 */
final class Tally {
    private static final Pattern SEQ_SLOT = Pattern.compile(
            "seq-v2 gen=([0-9]{19}) epoch=(\\S{20}) observation=([0-9]{19}) forecast=([0-9]{19}) crc=");

    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean failed;

    Tally(Recorder rec, Path dataDir, Outbox.Backlog left, List<long[]> heap, long heapStart, long heapEnd, Soak.Events ev,
            Path stationLog, boolean drained, int exitStatus, String diskOff) throws IOException {
        List<Recorder.Delivery> obs = rec.deliveries("observation");
        List<Recorder.Delivery> fcs = rec.deliveries("forecast");
        Map<String, Integer> epochs = new TreeMap<>();
        obs.forEach(d -> epochs.merge(d.epoch, 1, Integer::sum));
        fcs.forEach(d -> epochs.merge(d.epoch, 1, Integer::sum));
        String epoch = epochs.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("?");
        obs.removeIf(d -> !d.epoch.equals(epoch));
        fcs.removeIf(d -> !d.epoch.equals(epoch));
        obs.sort(Comparator.comparingLong(d -> d.seq));
        fcs.sort(Comparator.comparingLong(d -> d.seq));
        long[] seqFile = seqFile(dataDir.resolve("seq"));
        long historyRows = historyRows(dataDir.resolve("history"));

        // The intervals: one observation each, labels Δ apart.
        Instant firstTime = obs.isEmpty() ? null : Instant.parse(obs.get(0).first.path("time").asText());
        Instant lastTime = obs.isEmpty() ? null : Instant.parse(obs.get(obs.size() - 1).first.path("time").asText());
        long twice = 0;
        long skipped = 0;
        for (int i = 1; i < obs.size(); i++) {
            long step = Duration.between(time(obs.get(i - 1), "time"), time(obs.get(i), "time")).toSeconds();
            if (step <= 0) {
                twice++;
            } else if (step > Soak.INTERVAL_S) {
                skipped += step / Soak.INTERVAL_S - 1;
            }
        }
        long intervals = firstTime == null ? 0 : Duration.between(firstTime, lastTime).toSeconds() / Soak.INTERVAL_S + 1;
        long obsMissing = missingSeqs(obs, seqFile[0]);

        // Which forecasts were due, from the observations.
        Set<String> inputs = new HashSet<>();
        JsonNode model = rec.model();
        if (model != null) {
            model.path("inputs").forEach(n -> inputs.add(n.path("name").asText()));
        }
        Map<Instant, Boolean> due = new LinkedHashMap<>(); // window end → degraded
        int missingRun = 0; // rows in a row, up to this one, with every input
        int filledAt = -1_000_000; // index of the newest row with a filled input
        long suspensions = 0;
        boolean whole = false;
        long degradedDue = 0;
        for (int i = 0; i < obs.size(); i++) {
            boolean rowMissing = false;
            boolean rowFilled = false;
            for (JsonNode c : obs.get(i).first.path("channels")) {
                if (inputs.contains(c.path("name").asText())) {
                    rowMissing |= c.path("status").asText().equals("missing");
                    rowFilled |= c.path("status").asText().equals("filled");
                }
            }
            boolean contiguous = i == 0 || obs.get(i).seq == obs.get(i - 1).seq + 1;
            missingRun = rowMissing ? 0 : contiguous ? missingRun + 1 : 1;
            if (rowFilled) {
                filledAt = i;
            }
            boolean nowWhole = missingRun >= Soak.WINDOW;
            if (whole && !nowWhole) {
                suspensions++;
            }
            whole = nowWhole;
            if (whole) {
                boolean degraded = i - filledAt < Soak.WINDOW;
                due.put(time(obs.get(i), "time"), degraded);
                degradedDue += degraded ? 1 : 0;
            }
        }
        Map<Instant, Integer> made = new HashMap<>();
        long extra = 0;
        long twoForOneWindow = 0;
        long degradedWrong = 0;
        long degradedDelivered = 0;
        for (Recorder.Delivery d : fcs) {
            Instant w = time(d, "window_end");
            if (made.merge(w, 1, Integer::sum) > 1) {
                twoForOneWindow++;
            }
            boolean degraded = d.first.path("degraded").asBoolean();
            degradedDelivered += degraded ? 1 : 0;
            Boolean expected = due.get(w);
            if (expected == null) {
                extra++;
            } else if (expected != degraded) {
                degradedWrong++;
            }
        }
        long fcLost = due.keySet().stream().filter(w -> !made.containsKey(w)).count();
        long fcMissing = missingSeqs(fcs, seqFile[1]);
        long[] obsRepeats = repeats(obs);
        long[] fcRepeats = repeats(fcs);
        JsonNode h = rec.health();

        // The table.
        String span = firstTime == null ? "-" : String.format(Locale.ROOT, "%.2f days (%s .. %s)",
                Duration.between(firstTime, lastTime).toSeconds() / 86400.0, firstTime, lastTime);
        section("simulated time");
        row("span of the observations", span);
        row("intervals elapsed (600 s)", intervals);
        row("intervals closed twice / passed over", twice + " / " + skipped);
        row("stream epochs seen", epochs.size() + " (" + String.join(", ", epochs.keySet()) + ")");
        section("observations");
        row("made (seq file)", seqFile[0]);
        row("history rows written", historyRows);
        row("delivered (distinct seq)", obs.size());
        row("lost (made, never delivered)", obsMissing);
        row("repeats, same payload (of them with DUP flag)", obsRepeats[0] + " (" + obsRepeats[2] + ")");
        row("repeats, another payload (must be 0)", obsRepeats[1]);
        section("forecasts");
        row("due (window of 24 whole)", due.size());
        row("made (seq file)", seqFile[1]);
        row("delivered (distinct seq)", fcs.size());
        row("lost (due, none delivered)", fcLost);
        row("made but never delivered", fcMissing);
        row("made for a window not whole / twice for one", extra + " / " + twoForOneWindow);
        row("degraded: due / delivered / flag wrong", degradedDue + " / " + degradedDelivered + " / " + degradedWrong);
        row("intervals without a forecast (filling, suspended)", intervals - due.size());
        row("suspensions (window broken by a long gap)", suspensions);
        row("repeats, same payload (of them with DUP flag)", fcRepeats[0] + " (" + fcRepeats[2] + ")");
        row("repeats, another payload (must be 0)", fcRepeats[1]);
        section("faults injected");
        row("broker kills: SIGKILL / SIGTERM, time down",
                ev.brokerKills.get() + " / " + ev.brokerTerms.get() + ", " + seconds(ev.brokerDownMillis.get()));
        row("disk-full spells, time full", diskOff == null ? ev.diskSpells.get() + ", " + seconds(ev.diskFullMillis.get())
                : "none, " + diskOff);
        row("sensor faults", ev.sensorFaults() + ", " + seconds(ev.sensorFaultMillis.get()) + " faulty");
        row("  unplugged: short / long", ev.unplugShort.get() + " / " + ev.unplugLong.get());
        row("  not a number: short / long", ev.notANumberShort.get() + " / " + ev.notANumberLong.get());
        row("  out of range: short / long", ev.outOfRangeShort.get() + " / " + ev.outOfRangeLong.get());
        row("  replugged under another number", ev.renumbered.get());
        section("the station says (last health)");
        if (h != null) {
            row("state", h.path("state").asText() + ", forecasting " + h.path("forecasting").asText());
            row("outbox: dropped at the bound / backlog", h.path("outbox").path("dropped").asLong() + " / "
                    + h.path("outbox").path("backlog").asLong());
            row("memory: published / dropped", h.path("memory").path("published").asLong() + " / "
                    + h.path("memory").path("dropped").asLong());
            row("history rows dropped", h.path("history").path("rows_dropped").asLong());
            row("connection losses / publisher restarts / dead-lettered", h.path("publisher").path("connection_losses").asLong()
                    + " / " + h.path("publisher").path("restarts").asLong() + " / "
                    + h.path("publisher").path("dead_lettered").asLong());
            row("clock: state / steps of the wall clock seen", h.path("clock").path("state").asText() + " / "
                    + h.path("clock").path("steps").asLong());
            row("write failures: outbox / history / seq", h.path("errors").path("outbox").path("count").asLong() + " / "
                    + h.path("errors").path("history").path("count").asLong() + " / "
                    + h.path("errors").path("seq").path("count").asLong());
        }
        row("left in the outbox after SIGTERM", left.pending() + " (dropped " + left.dropped() + ")");
        row("exit status after SIGTERM", exitStatus < 0 ? "did not exit within 60 s"
                : exitStatus + (exitStatus == 143 ? " (128 + SIGTERM: the JVM's status after its stop hook ran)" : ""));
        section("heap (live after a full GC, -Xmx64m)");
        row("start / end", kib(heapStart) + " / " + kib(heapEnd) + String.format(Locale.ROOT, " (%+.1f KiB)",
                (heapEnd - heapStart) / 1024.0));
        long max = heap.stream().mapToLong(s -> s[1]).max().orElse(-1);
        row("samples / largest", heap.size() + " / " + kib(max));
        StringBuilder series = new StringBuilder();
        for (long[] s : heap) {
            series.append(series.length() == 0 ? "" : ", ").append(kib(s[1]).replace(" KiB", ""));
        }
        row("series (KiB)", series);

        Map<String, Integer> warnings = logLines(stationLog);
        if (!drained) {
            notes.add("the backlog did not drain within 600 s after the faults stopped");
        }
        if (rec.malformed() > 0) {
            notes.add(rec.malformed() + " message(s) were not JSON");
        }
        long lost = obsMissing + fcLost + fcMissing;
        failed = lost > left.pending() || obsRepeats[1] > 0 || fcRepeats[1] > 0 || extra > 0 || twoForOneWindow > 0 || degradedWrong > 0
                || twice > 0 || seqFile[0] != obs.size() + obsMissing;
        StringBuilder verdict = new StringBuilder();
        verdict.append(String.format(Locale.ROOT, "lost: %d observation(s), %d forecast(s) (target 0)", obsMissing,
                fcLost + fcMissing));
        verdict.append(String.format(Locale.ROOT, "; seqs with two payloads: %d (target 0)", obsRepeats[1] + fcRepeats[1]));
        verdict.append(failed ? " — FAILED" : " — passed");
        notes.add(0, verdict.toString());
        warningsTable = warnings;
    }

    private Map<String, Integer> warningsTable;

    boolean failed() {
        return failed;
    }

    String table(int days, double speed, long seed) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%nsoak tally: %d simulated days asked, clock %.0fx, seed %d%n", days, speed, seed));
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(10);
        for (String[] r : rows) {
            if (r[1] == null) {
                b.append(r[0]).append('\n');
            } else {
                b.append("  ").append(r[0]).append(" ".repeat(width - r[0].length() + 2)).append(r[1]).append('\n');
            }
        }
        b.append("station log, warnings and errors by kind (numbers as #):\n");
        warningsTable.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(20)
                .forEach(e -> b.append(String.format(Locale.ROOT, "  %5d  %s%n", e.getValue(), e.getKey())));
        notes.forEach(n -> b.append(n).append('\n'));
        return b.toString();
    }

    private void section(String name) {
        rows.add(new String[] {name, null});
    }

    private void row(String what, Object value) {
        rows.add(new String[] {what, String.valueOf(value)});
    }

    private static Instant time(Recorder.Delivery d, String field) {
        return Instant.parse(d.first.path(field).asText());
    }

    /** Seqs in [0, next) that were not delivered. */
    private static long missingSeqs(List<Recorder.Delivery> delivered, long next) {
        Set<Long> seqs = new HashSet<>();
        delivered.forEach(d -> seqs.add(d.seq));
        long missing = 0;
        for (long s = 0; s < next; s++) {
            missing += seqs.contains(s) ? 0 : 1;
        }
        return missing;
    }

    /**
     * {repeats with the same payload, seqs delivered with more than one payload, of the repeats those
     * the broker sent again itself (DUP flag)}.
     */
    private static long[] repeats(List<Recorder.Delivery> delivered) {
        long same = 0;
        long other = 0;
        long dup = 0;
        for (Recorder.Delivery d : delivered) {
            if (d.hashes.size() > 1) {
                other++;
            } else {
                same += d.count - 1;
            }
            dup += d.dupFlagged;
        }
        return new long[] {same, other, dup};
    }

    /** {next observation seq, next forecast seq} of the newest valid slot; {−1, −1} when none. */
    static long[] seqFile(Path file) throws IOException {
        long[] best = {-1, -1};
        long gen = -1;
        if (!Files.exists(file)) {
            return best;
        }
        Matcher m = SEQ_SLOT.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            if (Long.parseLong(m.group(1)) > gen) {
                gen = Long.parseLong(m.group(1));
                best = new long[] {Long.parseLong(m.group(3)), Long.parseLong(m.group(4))};
            }
        }
        return best;
    }

    private static long historyRows(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long rows = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                rows += Math.max(0, Files.readAllLines(f).size() - 1);
            }
        }
        return rows;
    }

    /** WARN and ERROR lines of the station's log, digits and times made alike so that kinds group. */
    private static Map<String, Integer> logLines(Path log) throws IOException {
        Map<String, Integer> kinds = new HashMap<>();
        if (!Files.exists(log)) {
            return kinds;
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            int at = line.indexOf(" WARN: ");
            if (at < 0) {
                at = line.indexOf(" ERROR: ");
            }
            if (at < 0) {
                continue;
            }
            String kind = line.substring(at + 1)
                    .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "TIME")
                    .replaceAll("\\d+", "#");
            if (kind.length() > 150) {
                kind = kind.substring(0, 150) + "…";
            }
            kinds.merge(kind, 1, Integer::sum);
        }
        return kinds;
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String kib(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
}
