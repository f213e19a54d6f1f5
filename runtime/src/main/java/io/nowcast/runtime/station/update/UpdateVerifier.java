package io.nowcast.runtime.station.update;

import io.nowcast.engine.Engine;
import io.nowcast.engine.EngineKind;
import io.nowcast.runtime.station.Channel;
import io.nowcast.runtime.station.ModelInfo;
import io.nowcast.runtime.station.ModelInputs;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Every check an update passes before it is stored, cheapest first, so that a forged or oversized
 * message costs no more than its header and one signature check: size and layout; the station it is
 * for; the key and the signature; the model's SHA-256; the version; the model file (the engine's
 * reader and validator); its interval; its inputs against the station's channels; an engine built
 * for it.
 */
final class UpdateVerifier {
    /** A verified update, with its model read and an engine built for it. */
    record Candidate(SignedUpdate update, ModelInfo info, Engine engine) {
    }

    /** The highest version taken so far and its model's SHA-256 (version 0, null: none). */
    record Floor(long version, String sha256) {
    }

    private final String stationId;
    private final TrustedKeys keys;
    private final int maxModelBytes;
    private final List<Channel> channels;
    private final long intervalSeconds;
    private final String engine;

    /**
     * @param intervalSeconds the running model's Δ, which an update must keep
     * @param engine          {@code float} or {@code q16} ({@code model.engine})
     */
    UpdateVerifier(String stationId, TrustedKeys keys, int maxModelBytes, List<Channel> channels, long intervalSeconds,
            String engine) {
        this.stationId = stationId;
        this.keys = keys;
        this.maxModelBytes = maxModelBytes;
        this.channels = List.copyOf(channels);
        this.intervalSeconds = intervalSeconds;
        this.engine = engine;
    }

    /**
     * @return the candidate, or empty when the update is the one already taken at {@code floor}
     *         (a retained message sent again on reconnection, a QoS 1 repeat)
     * @throws UpdateRefused naming what is wrong
     */
    Optional<Candidate> verify(byte[] payload, Floor floor) throws UpdateRefused {
        SignedUpdate u = SignedUpdate.decode(payload, maxModelBytes);
        if (!u.stationId().equals(stationId)) {
            throw new UpdateRefused(Refusal.WRONG_STATION, "signed for station '" + u.stationId() + "', this is '"
                    + stationId + "'");
        }
        keys.verify(u);
        String sha = HexFormat.of().formatHex(TrustedKeys.sha256(u.model()));
        if (!Arrays.equals(HexFormat.of().parseHex(sha), u.modelSha256())) {
            throw new UpdateRefused(Refusal.DIGEST_MISMATCH, "the model's SHA-256 is " + sha.substring(0, 16)
                    + "…, the header says " + HexFormat.of().formatHex(u.modelSha256(), 0, 8) + "…");
        }
        if (u.version() <= floor.version()) {
            if (u.version() == floor.version() && sha.equals(floor.sha256())) {
                return Optional.empty();
            }
            throw new UpdateRefused(Refusal.NOT_NEWER, "version " + u.version() + " is not newer than " + floor.version()
                    + ", the highest this station has taken");
        }
        ModelInfo info;
        try {
            info = ModelInfo.of(ModelStore.fileName(u.version()), u.model(), engine);
        } catch (IOException e) {
            throw new UpdateRefused(Refusal.INVALID_MODEL, e.getMessage());
        }
        if (info.model().intervalSeconds() != intervalSeconds) {
            throw new UpdateRefused(Refusal.WRONG_INTERVAL, "the model's interval is " + info.model().intervalSeconds()
                    + " s, the station's rows are every " + intervalSeconds + " s (a new interval needs a restart with "
                    + "model.file)");
        }
        try {
            ModelInputs.sources(info.model(), channels);
        } catch (IllegalArgumentException e) {
            throw new UpdateRefused(Refusal.WRONG_INPUTS, e.getMessage());
        }
        Engine e;
        try {
            e = EngineKind.of(engine).create(info.model());
        } catch (IllegalArgumentException | ArithmeticException ex) {
            throw new UpdateRefused(Refusal.INVALID_MODEL, "the " + engine + " engine cannot run it: " + ex.getMessage());
        }
        return Optional.of(new Candidate(u, info, e));
    }
}
