package io.nowcast.trainer.data;

/**
 * One model output: the value of {@code column} {@code horizonSeconds} after the last step of the
 * window, absolute or (delta) as a change from that column's last value in the window (the column
 * must then be an input: it becomes the output's baseInput).
 */
public record TargetSpec(String column, long horizonSeconds, boolean delta) {
}
