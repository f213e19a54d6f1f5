package io.nowcast.sensors.mqtt;

import io.nowcast.history.Durations;
import io.nowcast.history.Quantity;
import io.nowcast.sensors.Channel;
import io.nowcast.sensors.ChannelReading;
import io.nowcast.sensors.Reading;
import io.nowcast.sensors.guard.PhysicalRange;
import org.tinylog.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest state of each channel of one MQTT-fed source. Messages are decoded on the MQTT client's
 * thread into scratch arrays owned by that thread, then applied under a lock in a few array writes;
 * {@link #read} takes the same lock only to copy the state out, so the station never waits on a
 * payload being parsed. Decoding and applying allocate nothing beyond what the JSON reader builds.
 *
 * <p>Per channel: LEVEL keeps the latest good value; AMOUNT adds each message's amount until a reading
 * takes the sum; TOTAL turns each running total into the increase over the one before (the first total
 * is the baseline, a decrease is a counter reset whose new total is all new) and adds that up the same
 * way. A reading says MISSING when no message for the channel came within {@code stale}, REJECTED when
 * the latest one could not be used (until a good one arrives), else OK. An amount not yet taken stays
 * until an OK reading takes it: rain is neither lost nor counted twice across MISSING and REJECTED.
 */
final class ChannelStates implements Updates {
    private static final long NEVER = Long.MIN_VALUE;
    private static final byte NOTHING = 0;
    private static final byte GOOD = 1;
    private static final byte BAD = 2;

    private final String sourceId;
    private final List<Channel> channels;
    private final ChannelKind[] kind;       // [channel]
    private final PhysicalRange[] range;    // [channel], null: any value
    private final String[] expected;        // [channel], for reasons
    private final Clock clock;
    private final long staleMillis;
    private final long startMillis;

    // The message being applied: written on the MQTT client's thread only.
    private final byte[] update;            // [channel]: NOTHING, GOOD or BAD
    private final double[] updateValue;     // [channel], station unit
    private final String[] updateReason;    // [channel]
    private final String[] logRejected;     // [channel]: a channel that starts being rejected, to log
    private final boolean[] logRecovered;   // [channel]
    private final double[] logReset;        // [channel]: the total before a reset, NaN for none

    // Shared state, guarded by lock.
    private final Object lock = new Object();
    private final long[] lastMessage;       // [channel] epoch ms of the latest message for it, NEVER
    private final double[] level;           // [channel] LEVEL: latest good value
    private final double[] amount;          // [channel] AMOUNT, TOTAL: not yet taken by a reading
    private final double[] total;           // [channel] TOTAL: latest total, NaN before the first
    private final String[] rejected;        // [channel] why the latest message was refused; null if it was good
    private final int[] resets;             // [channel] TOTAL: counter resets seen

    ChannelStates(String sourceId, List<Channel> channels, MessageDecoder decoder, Duration stale, Clock clock) {
        this.sourceId = sourceId;
        this.channels = List.copyOf(channels);
        int n = channels.size();
        this.kind = new ChannelKind[n];
        this.range = new PhysicalRange[n];
        this.expected = new String[n];
        for (int c = 0; c < n; c++) {
            kind[c] = decoder.kind(c);
            range[c] = PlausibleRange.of(channels.get(c).quantity());
            expected[c] = decoder.expected(c);
        }
        this.clock = clock;
        this.staleMillis = stale.toMillis();
        this.startMillis = clock.millis();
        this.update = new byte[n];
        this.updateValue = new double[n];
        this.updateReason = new String[n];
        this.logRejected = new String[n];
        this.logRecovered = new boolean[n];
        this.logReset = new double[n];
        this.lastMessage = new long[n];
        this.level = new double[n];
        this.amount = new double[n];
        this.total = new double[n];
        this.rejected = new String[n];
        this.resets = new int[n];
        java.util.Arrays.fill(lastMessage, NEVER);
        java.util.Arrays.fill(total, Double.NaN);
    }

    /** Decodes and applies one message; on the MQTT client's thread. Never throws for any payload. */
    void message(MessageDecoder decoder, String topic, String payload, boolean retained) {
        java.util.Arrays.fill(update, NOTHING);
        decoder.decode(topic, payload, this);
        long now = clock.millis();
        synchronized (lock) {
            for (int c = 0; c < update.length; c++) {
                if (update[c] != NOTHING) {
                    apply(c, now, retained);
                }
            }
            lock.notifyAll();
        }
        log();
    }

    @Override
    public void value(int c, double v, String field) {
        Quantity q = channels.get(c).quantity();
        if (!Double.isFinite(v)) {
            rejected(c, field + " is not a finite number");
        } else if (range[c] != null && !range[c].contains(v)) {
            String unit = q.unit().isEmpty() ? "" : " " + q.unit();
            rejected(c, field + ": " + PayloadValues.format(v) + unit + " is outside the range of "
                    + q.channelName() + ", " + range[c] + unit);
        } else {
            update[c] = GOOD;
            updateValue[c] = v;
        }
    }

    @Override
    public void rejected(int c, String reason) {
        update[c] = BAD;
        updateReason[c] = reason;
    }

    @Override
    public void rejectedAll(String reason) {
        for (int c = 0; c < update.length; c++) {
            rejected(c, reason);
        }
    }

    /** Applies the update of channel c; holding the lock. */
    private void apply(int c, long now, boolean retained) {
        logRejected[c] = null;
        logRecovered[c] = false;
        logReset[c] = Double.NaN;
        if (retained && kind[c] == ChannelKind.AMOUNT) {
            return; // the broker's stored copy of an amount already counted, or of unknown age
        }
        if (update[c] == BAD) {
            if (rejected[c] == null) {
                logRejected[c] = updateReason[c];
            }
            rejected[c] = updateReason[c];
            lastMessage[c] = now;
            return;
        }
        double v = updateValue[c];
        switch (kind[c]) {
            case LEVEL -> level[c] = v;
            case AMOUNT -> amount[c] += v;
            case TOTAL -> {
                if (Double.isNaN(total[c])) {
                    // the first total: a baseline; when its rain fell is unknown
                } else if (v >= total[c]) {
                    amount[c] += v - total[c];
                } else {
                    amount[c] += v; // a counter reset (new batteries, a restart): it counted v since
                    resets[c]++;
                    logReset[c] = total[c];
                }
                total[c] = v;
            }
        }
        logRecovered[c] = rejected[c] != null;
        rejected[c] = null;
        lastMessage[c] = now;
    }

    /** Logs what the last message changed (state changes only); outside the lock. */
    private void log() {
        for (int c = 0; c < update.length; c++) {
            String name = channels.get(c).name();
            if (logRejected[c] != null) {
                Logger.warn("Sensor {}: channel {} rejected: {}", sourceId, name, logRejected[c]);
            } else if (logRecovered[c]) {
                Logger.info("Sensor {}: channel {} good again", sourceId, name);
            }
            if (!Double.isNaN(logReset[c])) {
                Logger.info("Sensor {}: the {} total fell from {} to {}: a counter reset, counting from there",
                        sourceId, name, PayloadValues.format(logReset[c]), PayloadValues.format(updateValue[c]));
            }
            logRejected[c] = null;
            logRecovered[c] = false;
            logReset[c] = Double.NaN;
        }
    }

    /**
     * The channels now; takes the amounts of OK rain channels.
     *
     * @param trouble why no message can arrive now (not connected...), or null
     */
    Reading read(String trouble) {
        long now = clock.millis();
        List<ChannelReading> out = new ArrayList<>(channels.size());
        synchronized (lock) {
            for (int c = 0; c < channels.size(); c++) {
                out.add(channel(c, now, trouble));
            }
        }
        return new Reading(clock.instant(), out);
    }

    private ChannelReading channel(int c, long now, String trouble) {
        Channel ch = channels.get(c);
        String note = trouble == null ? "" : "; " + trouble;
        if (lastMessage[c] == NEVER) {
            return ChannelReading.missing(ch.name(), ch.quantity(), "no message yet ("
                    + age(now - startMillis) + " since the start), waiting for " + expected[c] + note);
        }
        if (now - lastMessage[c] > staleMillis) {
            return ChannelReading.missing(ch.name(), ch.quantity(), "no message for " + age(now - lastMessage[c])
                    + " (stale after " + Durations.format(Duration.ofMillis(staleMillis)) + "), waiting for "
                    + expected[c] + note);
        }
        if (rejected[c] != null) {
            return ChannelReading.rejected(ch.name(), ch.quantity(), rejected[c]);
        }
        if (kind[c] == ChannelKind.LEVEL) {
            return ChannelReading.ok(ch.name(), ch.quantity(), level[c]);
        }
        double sum = amount[c];
        amount[c] = 0;
        return ChannelReading.ok(ch.name(), ch.quantity(), sum);
    }

    private static String age(long millis) {
        return Durations.format(Duration.ofSeconds(Math.max(0, millis / 1000)));
    }

    /** Waits until every channel has had a message (good or bad), at most {@code timeout}; true if all have. */
    boolean awaitAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                boolean all = true;
                for (long t : lastMessage) {
                    all &= t != NEVER;
                }
                long left = deadline - System.nanoTime();
                if (all || left <= 0) {
                    return all;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Counter resets seen on channel c (TOTAL channels). */
    int resets(int c) {
        synchronized (lock) {
            return resets[c];
        }
    }
}
