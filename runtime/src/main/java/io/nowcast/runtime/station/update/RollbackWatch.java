package io.nowcast.runtime.station.update;

import io.nowcast.engine.model.OutputSpec;
import io.nowcast.runtime.station.skill.Figures;
import io.nowcast.runtime.station.skill.SkillRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The judgement of the model last taken over the air, from its swap to the verdict of the
 * {@link RollbackRule}: the version judged, when it began to run, and the previous model's figures
 * per output over the rule's period before the swap, read from that model's live skill record at
 * the swap. Kept in {@code <data>/models/judging}, written whole, forced and renamed, so that a
 * restart during the period goes on judging from the same start against the same figures; deleted
 * at the verdict.
 *
 * <p>{@code judging} (text, one {@code key = value} a line):
 * <pre>
 * version = 3                         the version judged (the store's current one)
 * since = 2026-04-01T02:00:00Z        its first interval
 * before = RMSE COUNT NAME            the previous model's RMSE (output unit; NaN: none), scored count
 *                                     over the period, and the output's name; one line per output
 * </pre>
 */
final class RollbackWatch {
    static final String FILE = "judging";
    private static final Pattern VERSION = Pattern.compile("(?m)^version = ([0-9]{1,19})$");
    private static final Pattern SINCE = Pattern.compile("(?m)^since = (\\S+)$");
    private static final Pattern BEFORE = Pattern.compile("(?m)^before = (\\S+) ([0-9]{1,19}) (.+)$");

    /** The previous model's figures for one output over the period before the swap. */
    record Before(String output, double rmse, long count) {
    }

    private final long version;
    private final Instant since;
    private final List<Before> before;
    private Instant nextLook; // no verdict is asked before it

    private RollbackWatch(long version, Instant since, List<Before> before, Duration period) {
        this.version = version;
        this.since = since;
        this.before = List.copyOf(before);
        this.nextLook = since.plus(period);
    }

    /**
     * The judgement of {@code version}, running from {@code since}, against the previous model's
     * figures over the {@code rule}'s period up to the swap.
     */
    static RollbackWatch begin(long version, Instant since, SkillRecord previous, RollbackRule rule) {
        List<Before> before = new ArrayList<>();
        List<OutputSpec> outputs = previous.outputs();
        for (int k = 0; k < outputs.size(); k++) {
            Figures f = previous.figures(k, hours(rule));
            before.add(new Before(outputs.get(k).name(), f.rmse(), f.count()));
        }
        return new RollbackWatch(version, since, before, rule.period());
    }

    /** The rule's period in whole hours of the skill record (rounded up), at least 1. */
    private static int hours(RollbackRule rule) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (rule.period().toSeconds() + 3599) / 3600));
    }

    long version() {
        return version;
    }

    /** True when a verdict may be asked at {@code now}. Allocates nothing. */
    boolean due(Instant now) {
        return !now.isBefore(nextLook);
    }

    /** Asks again no sooner than {@code seconds} after {@code now} (a WAIT verdict). */
    void lookAgain(Instant now, long seconds) {
        nextLook = now.plusSeconds(seconds);
    }

    /**
     * The verdict at {@code now}, the new model's figures read from its live skill record
     * {@code current} over the rule's period, output by output where the previous model had the
     * same output (same name).
     */
    RollbackRule.Decision decide(Instant now, SkillRecord current, RollbackRule rule) {
        List<RollbackRule.OutputSkill> outputs = new ArrayList<>();
        List<OutputSpec> specs = current.outputs();
        for (Before b : before) {
            for (int k = 0; k < specs.size(); k++) {
                if (specs.get(k).name().equals(b.output())) {
                    Figures f = current.figures(k, hours(rule));
                    outputs.add(new RollbackRule.OutputSkill(b.output(), f.rmse(), f.count(), b.rmse(), b.count()));
                }
            }
        }
        return rule.decide(Duration.between(since, now), outputs);
    }

    /** Writes {@code dir/judging} durably. */
    void save(Path dir) throws IOException {
        StringBuilder text = new StringBuilder("# nowcast: the judgement of the model last taken (docs/updates.md)\n")
                .append("version = ").append(version).append('\n')
                .append("since = ").append(since).append('\n');
        for (Before b : before) {
            text.append("before = ").append(b.rmse()).append(' ').append(b.count()).append(' ').append(b.output())
                    .append('\n');
        }
        ModelStore.writeDurably(dir.resolve(FILE), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The judgement kept in {@code dir/judging} when it is of {@code currentVersion}; otherwise (none,
     * another version, unreadable) null, and the file is deleted.
     */
    static RollbackWatch resume(Path dir, long currentVersion, RollbackRule rule) throws IOException {
        Path file = dir.resolve(FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        RollbackWatch w = parse(text, rule);
        if (w == null || w.version != currentVersion) {
            Files.deleteIfExists(file);
            return null;
        }
        return w;
    }

    private static RollbackWatch parse(String text, RollbackRule rule) {
        Matcher v = VERSION.matcher(text);
        Matcher s = SINCE.matcher(text);
        if (!v.find() || !s.find()) {
            return null;
        }
        try {
            List<Before> before = new ArrayList<>();
            Matcher b = BEFORE.matcher(text);
            while (b.find()) {
                before.add(new Before(b.group(3), Double.parseDouble(b.group(1)), Long.parseLong(b.group(2))));
            }
            return new RollbackWatch(Long.parseLong(v.group(1)), Instant.parse(s.group(1)), before, rule.period());
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    /** Deletes {@code dir/judging}: the verdict is given. */
    static void end(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(FILE));
    }
}
