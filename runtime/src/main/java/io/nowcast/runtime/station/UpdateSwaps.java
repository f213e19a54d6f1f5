package io.nowcast.runtime.station;

import io.nowcast.runtime.station.skill.SkillRecord;
import io.nowcast.runtime.station.update.ModelUpdates;
import io.nowcast.runtime.station.update.ReadyModel;
import java.time.Instant;

/**
 * Joins a station's model updates to its swap seam, on the station's thread between two intervals
 * (docs/updates.md): a model the updates made current ({@link ModelUpdates#takeReady}) is handed to
 * {@link Station#requestModel}, one at a time, and runs from the next interval the station closes; a
 * model the station refuses is taken back out of the store ({@link ModelUpdates#stationRefused}), so
 * that the store's current model is always the one the station runs. The health is published when an
 * update has a new result.
 */
final class UpdateSwaps implements Station.SwapListener {
    private final Station station;
    private final ModelUpdates updates;
    private ReadyModel requested; // handed to the station, not yet swapped or refused
    private long results;

    UpdateSwaps(Station station, ModelUpdates updates) {
        this.station = station;
        this.updates = updates;
        station.reportUpdates(updates);
    }

    /** One turn of the loop, on the station's thread. */
    void turn(Instant now) {
        if (requested == null) {
            updates.takeReady().ifPresent(r -> {
                requested = r;
                station.requestModel(r.info(), r.engine(), this);
            });
        }
        long n = updates.resultCount();
        if (n != results) {
            results = n;
            station.publishHealth(now, false);
        }
    }

    @Override
    public void swapped(ModelInfo previous, ModelInfo next, SkillRecord previousSkill) {
        requested = null;
    }

    @Override
    public void refused(ModelInfo next, String reason) {
        ReadyModel r = requested;
        requested = null;
        if (r != null) {
            updates.stationRefused(r, reason);
        }
    }
}
