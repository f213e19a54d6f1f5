package io.nowcast.runtime.station.update;

import io.nowcast.engine.Engine;
import io.nowcast.runtime.station.ModelInfo;

/**
 * A model that is stored and current, for the station to run from its next interval on.
 *
 * @param info        the model, named {@code vN.ncm} (or model.file's name after a rollback to it)
 * @param engine      an engine built for it ({@code model.engine})
 * @param version     its version (0: model.file)
 * @param keepsWindow true when the station's input window stays valid: the same inputs, in the same
 *                    order, and the same window length T (the window holds raw channel values;
 *                    normalisation is the engine's), so forecasts go on at once
 */
public record ReadyModel(ModelInfo info, Engine engine, long version, boolean keepsWindow) {
}
