package io.nowcast.runtime.station;

import io.nowcast.runtime.station.skill.SkillRecord;
import io.nowcast.runtime.station.update.ModelUpdates;
import io.nowcast.runtime.station.update.ReadyModel;
import java.time.Instant;
import org.tinylog.Logger;

/**
 * Joins a station's model updates to its swap seam, on the station's thread between two intervals
 * (docs/updates.md): a model the updates made current ({@link ModelUpdates#takeReady}) is handed to
 * {@link Station#requestModel}, one at a time, and runs from the next interval the station closes; a
 * model the station refuses is taken back out of the store ({@link ModelUpdates#stationRefused}), so
 * that the store's current model is always the one the station runs. Once an update runs, its
 * judgement begins ({@link ModelUpdates#judgeFrom}); a verdict to roll back hands the previous model
 * to the same seam ({@link ModelUpdates#judge}). The health is published when an update has a new
 * result.
 */
final class UpdateSwaps implements Station.SwapListener {
    private final Station station;
    private final ModelUpdates updates;
    private ReadyModel requested; // handed to the station, not yet swapped or refused
    private boolean rollingBack; // requested is the previous model, by the verdict of a judgement
    private boolean judgeNext; // the update requested runs: its judgement begins at the turn's time
    private SkillRecord previousSkill; // the record of the model before it, until then
    private long results;

    UpdateSwaps(Station station, ModelUpdates updates) {
        this.station = station;
        this.updates = updates;
        station.reportUpdates(updates);
    }

    /** One turn of the loop, on the station's thread. */
    void turn(Instant now) {
        if (judgeNext) {
            judgeNext = false;
            updates.judgeFrom(now, previousSkill);
            previousSkill = null;
        }
        if (requested == null) {
            updates.takeReady().ifPresentOrElse(r -> request(r, false),
                    () -> updates.judge(now, station.skillRecord()).ifPresent(r -> request(r, true)));
        }
        long n = updates.resultCount();
        if (n != results) {
            results = n;
            station.publishHealth(now, false);
        }
    }

    private void request(ReadyModel r, boolean back) {
        requested = r;
        rollingBack = back;
        station.requestModel(r.info(), r.engine(), this);
    }

    @Override
    public void swapped(ModelInfo previous, ModelInfo next, SkillRecord previousSkill) {
        requested = null;
        if (!rollingBack) {
            judgeNext = true;
            this.previousSkill = previousSkill;
        }
    }

    @Override
    public void refused(ModelInfo next, String reason) {
        ReadyModel r = requested;
        requested = null;
        if (r == null) {
            return;
        }
        if (rollingBack) {
            // The model it ran before: only a fault of this JVM (memory) can bring this about.
            Logger.error("Station: the previous model {} cannot run again: {}; the store names it, a restart runs it",
                    next.name(), reason);
        } else {
            updates.stationRefused(r, reason);
        }
    }
}
