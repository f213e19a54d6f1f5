package io.nowcast.sensors.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the problems of a configuration file, so that one reading reports every wrong line,
 * not just the first: each key is checked in a {@link #check} that records its problem and goes on
 * with a fallback; {@link #throwIfAny} ends the reading, with the problems in the order of their
 * lines (problems without a line, such as a missing key, last).
 */
public final class ConfigProblems {
    private static final Pattern LINE = Pattern.compile(":(\\d{1,9}): ");

    /** One check, which may find the file wrong. */
    @FunctionalInterface
    public interface Step<T> {
        T run() throws ConfigException;
    }

    private final List<String> problems = new ArrayList<>();

    /** The step's value, or {@code fallback} after recording what it found wrong. */
    public <T> T check(Step<T> step, T fallback) {
        try {
            return step.run();
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return fallback;
        }
    }

    public void add(ConfigException e) {
        problems.addAll(e.problems());
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** @throws ConfigException holding every problem recorded, in line order, when there is any */
    public void throwIfAny() throws ConfigException {
        if (!problems.isEmpty()) {
            List<String> inLineOrder = new ArrayList<>(problems);
            inLineOrder.sort(Comparator.comparingInt(ConfigProblems::lineOf)); // stable: equal lines keep their order
            throw new ConfigException(inLineOrder);
        }
    }

    /** The line a problem names ({@code FILE:LINE: ...}), or Integer.MAX_VALUE when it names none. */
    private static int lineOf(String problem) {
        Matcher m = LINE.matcher(problem);
        return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }
}
