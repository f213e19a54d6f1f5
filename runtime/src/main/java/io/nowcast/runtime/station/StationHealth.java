package io.nowcast.runtime.station;

import io.nowcast.runtime.station.json.JsonWriter;
import io.nowcast.runtime.station.outbox.Outbox;
import io.nowcast.runtime.station.update.ModelUpdates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tinylog.Logger;

/**
 * The station's health: {@code ok}, or {@code degraded} with one reason per fault, and the counters
 * behind it, as the retained JSON of {@code nowcast/<id>/health} (docs/mqtt.md). Faults are kept by
 * kind: the first failure of a kind is logged (an error), later ones of the same kind only counted,
 * and its clearing logged once; the last error of each kind stays, with its time, after it clears.
 *
 * <p>Used on the station's thread only.
 */
final class StationHealth {
    /** Maximum characters of an error message in the payload. */
    static final int MAX_MESSAGE = 300;

    /** What can fail, each logged once until it clears. */
    enum Kind {
        OUTBOX("outbox", "cannot store messages in the outbox; they wait in memory"),
        HISTORY("history", "cannot write the CSV history; rows wait in memory"),
        SEQ("seq", "cannot record seq in the seq file; messages in memory wait until it can"),
        SKILL("skill", "cannot write the live skill record; its figures wait in memory"),
        CLOCK("clock", "the clock is not trusted");

        final String word;
        final String meaning;

        Kind(String word, String meaning) {
            this.word = word;
            this.meaning = meaning;
        }
    }

    /** Whether the wall clock is trusted, as far as the station can tell. */
    enum ClockState {
        /** systemd says NTPSynchronized=yes. */
        SYNCHRONISED,
        /** systemd says it is not: the station waits before publishing. */
        UNSYNCHRONISED,
        /** nobody can say (no systemd, or timedatectl failed): the station goes on. */
        UNKNOWN,
        /** {@code station.require_clock_sync = false}: not asked. */
        NOT_REQUIRED,
        /** an accelerated clock (--clock-speed): not the wall clock. */
        SIMULATED;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final class Fault {
        String message;
        Instant time; // of the last failure
        Instant since; // of the first failure of the current run of failures
        long count;
        boolean active;
    }

    private final String stationId;
    private final String epoch;
    private final Map<Kind, Fault> faults = new EnumMap<>(Kind.class);
    private ClockState clock = ClockState.UNKNOWN;
    private String clockDetail = "not asked yet";
    private String lastPublished; // payload without its time, as last handed out
    private boolean changed = true;

    StationHealth(String stationId, String epoch) {
        this.stationId = stationId;
        this.epoch = epoch;
    }

    /**
     * Records a failure of {@code kind}; logs it when it is the first since the kind last worked.
     *
     * @return true when the kind was working until now
     */
    boolean fail(Kind kind, Instant now, String message) {
        Fault f = faults.computeIfAbsent(kind, k -> new Fault());
        f.message = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 1) + "…" : message;
        f.time = now;
        f.count++;
        if (f.active) {
            return false;
        }
        f.active = true;
        f.since = now;
        changed = true;
        Logger.error("Station {}: {}: {}; going on, and trying again each interval (logged once until it works again)",
                stationId, kind.meaning, message);
        return true;
    }

    /** Records that {@code kind} works (again); logs it when it had failed. */
    void worked(Kind kind, Instant now) {
        Fault f = faults.get(kind);
        if (f != null && f.active) {
            f.active = false;
            changed = true;
            Logger.info("Station {}: {} works again, after {} failures since {}", stationId, kind.word, f.count, f.since);
        }
    }

    boolean failing(Kind kind) {
        Fault f = faults.get(kind);
        return f != null && f.active;
    }

    void clock(ClockState state, String detail) {
        if (state != clock || !detail.equals(clockDetail)) {
            changed = true;
        }
        clock = state;
        clockDetail = detail;
    }

    /**
     * What goes into the payload besides the faults.
     *
     * @param updates the station's model updates, or null when it takes none
     */
    record Counters(String forecasting, String suspendedBy, boolean catchingUp, long clockSteps, Outbox.Backlog outbox,
            Outbox.Damage damage, int memoryMessages, long memoryBytes, long memoryDropped, long memoryPublished,
            int historyWaiting, long historyDropped, Uplink.Stats publisher, ModelUpdates updates) {
    }

    /** The reasons the station is degraded; empty when it is ok. */
    List<String> reasons(Counters c) {
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<Kind, Fault> e : faults.entrySet()) {
            Fault f = e.getValue();
            if (f.active) {
                reasons.add(e.getKey().word + ": " + e.getKey().meaning + ": " + f.message + " (since " + f.since + ")");
            }
        }
        if (clock == ClockState.UNSYNCHRONISED) {
            reasons.add("clock: " + clockDetail);
        }
        if (c.catchingUp()) {
            reasons.add("clock: the wall clock stepped back; the station's time runs at half speed until it catches up");
        }
        if (!c.publisher().running()) {
            reasons.add("publisher: stopped after an error that broke the JVM: " + c.publisher().lastError());
        }
        if (c.suspendedBy() != null) {
            reasons.add("forecasts suspended: " + c.suspendedBy());
        }
        return reasons;
    }

    /**
     * The health payload for {@code now} when it differs from the last one handed out (apart from its
     * time), or when {@code always}; else null.
     */
    byte[] payloadIfChanged(Instant now, Counters c, boolean always) {
        JsonWriter b = new JsonWriter().beginObject();
        members(b, c);
        String body = b.endObject().toString();
        if (!always && !changed && body.equals(lastPublished)) {
            return null;
        }
        lastPublished = body;
        changed = false;
        JsonWriter w = new JsonWriter().beginObject().name("station").value(stationId).name("time").value(now.toString());
        members(w, c);
        return w.endObject().toBytes();
    }

    /** The payload's members after station and time: "epoch":…,"state":…,… */
    private void members(JsonWriter w, Counters c) {
        List<String> reasons = reasons(c);
        w.name("epoch").value(epoch)
                .name("state").value(reasons.isEmpty() ? "ok" : "degraded")
                .name("reasons").beginArray();
        reasons.forEach(w::value);
        w.endArray()
                .name("forecasting").value(c.forecasting())
                .name("clock").beginObject()
                .name("state").value(clock.word())
                .name("detail").value(clockDetail)
                .name("steps").value(c.clockSteps())
                .name("catching_up").value(c.catchingUp())
                .endObject()
                .name("outbox").beginObject()
                .name("backlog").value(c.outbox().pending())
                .name("bytes").value(c.outbox().bytes())
                .name("dropped").value(c.outbox().dropped())
                .name("lost_to_damage").value(c.damage().recordsLost())
                .name("damaged_bytes").value(c.damage().bytesLost())
                .name("segments_missing").value(c.damage().segmentsMissing())
                .name("cursor_resets").value(c.damage().cursorResets())
                .name("directory_sync_failures").value(c.damage().directorySyncFailures())
                .endObject()
                .name("memory").beginObject()
                .name("messages").value(c.memoryMessages())
                .name("bytes").value(c.memoryBytes())
                .name("dropped").value(c.memoryDropped())
                .name("published").value(c.memoryPublished())
                .endObject()
                .name("history").beginObject()
                .name("rows_waiting").value(c.historyWaiting())
                .name("rows_dropped").value(c.historyDropped())
                .endObject()
                .name("publisher").beginObject()
                .name("connection_losses").value(c.publisher().connectionLosses())
                .name("restarts").value(c.publisher().restarts())
                .name("dead_lettered").value(c.publisher().deadLettered())
                .endObject();
        if (c.updates() != null) {
            c.updates().writeHealth(w);
        }
        w.name("errors").beginObject();
        for (Map.Entry<Kind, Fault> e : faults.entrySet()) {
            Fault f = e.getValue();
            w.name(e.getKey().word).beginObject()
                    .name("message").value(f.message)
                    .name("time").value(f.time.toString())
                    .name("count").value(f.count)
                    .name("active").value(f.active)
                    .endObject();
        }
        if (c.publisher().lastError() != null) {
            w.name("publisher").beginObject()
                    .name("message").value(c.publisher().lastError())
                    .name("time").value(c.publisher().lastErrorTime() == null ? null : c.publisher().lastErrorTime().toString())
                    .endObject();
        }
        w.endObject();
    }
}
