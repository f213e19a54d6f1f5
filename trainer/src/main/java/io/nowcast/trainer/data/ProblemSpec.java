package io.nowcast.trainer.data;

import io.nowcast.engine.model.DerivedFeature;
import io.nowcast.history.Aggregation;
import io.nowcast.history.DirectionInput;
import io.nowcast.history.Quantity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What is forecast from what: input names (CSV columns or station channels, the {@code _sin}/{@code _cos}
 * of a direction channel such as {@code wind_dir_sin}, or derived time features by their runtime
 * names such as {@code time_of_day_sin}), targets, window length T and the interval between steps.
 * A direction itself ({@link Aggregation#DIRECTION}, e.g. {@code wind_dir}) is neither an input nor
 * a target: its jump from 359° to 0° means nothing to a model.
 */
public record ProblemSpec(List<String> inputs, List<TargetSpec> targets, int window, long intervalSeconds) {
    public ProblemSpec {
        inputs = List.copyOf(inputs);
        targets = List.copyOf(targets);
        if (inputs.isEmpty() || targets.isEmpty()) {
            throw new IllegalArgumentException("need at least one input and one target");
        }
        if (window < 1 || intervalSeconds < 1) {
            throw new IllegalArgumentException("window and interval must be positive");
        }
        for (String in : inputs) {
            if (isDirection(in)) {
                throw new IllegalArgumentException("input " + in + " is a direction in degrees, whose jump from 359° to 0° "
                        + "means nothing to a model: use " + String.join(",", DirectionInput.inputNames(in)) + " instead");
            }
        }
        if (Set.copyOf(inputs).size() != inputs.size()) {
            throw new IllegalArgumentException("an input is named twice: " + inputs);
        }
        for (TargetSpec t : targets) {
            if (t.horizonSeconds() < 1 || t.horizonSeconds() % intervalSeconds != 0) {
                throw new IllegalArgumentException("horizon " + t.horizonSeconds() + " s of target " + t.column()
                        + " must be a positive multiple of the interval (" + intervalSeconds + " s)");
            }
            if (isDirection(t.column())) {
                throw new IllegalArgumentException("target " + t.column() + " is a direction in degrees, whose error "
                        + "from 359° to 1° is not 358°: forecast " + String.join(",", DirectionInput.inputNames(t.column()))
                        + " instead");
            }
            if (DerivedFeature.byInputName(t.column()) != null) {
                throw new IllegalArgumentException("target " + t.column() + " is a derived time feature, not a measurement");
            }
            if (t.delta() && !inputs.contains(t.column())) {
                throw new IllegalArgumentException("target " + t.column()
                        + " is a change from its last value (the default), so it must also be an input;"
                        + " give it with --inputs, or --no-delta to forecast its value");
            }
        }
    }

    /**
     * The columns of the resampled series: measured inputs (direction components included), then
     * target columns not among them.
     */
    public List<String> csvColumns() {
        Set<String> cols = new LinkedHashSet<>();
        for (String in : inputs) {
            if (DerivedFeature.byInputName(in) == null) {
                cols.add(in);
            }
        }
        for (TargetSpec t : targets) {
            cols.add(t.column());
        }
        return new ArrayList<>(cols);
    }

    private static boolean isDirection(String name) {
        return Quantity.aggregationOf(name) == Aggregation.DIRECTION;
    }

    /** The largest horizon, in steps. */
    public int maxHorizonSteps() {
        return targets.stream().mapToInt(this::horizonSteps).max().orElseThrow();
    }

    public int horizonSteps(TargetSpec t) {
        return (int) (t.horizonSeconds() / intervalSeconds);
    }

    /** The baseInput of target o: the index of its column among the inputs, or -1. */
    public int baseInput(int o) {
        TargetSpec t = targets.get(o);
        return t.delta() ? inputs.indexOf(t.column()) : -1;
    }
}
