package io.nowcast.runtime.station.update;

import io.nowcast.runtime.station.json.JsonWriter;
import java.time.Instant;
import java.util.Locale;

/**
 * What became of the last model update, for the health topic ({@code model_update} in
 * {@code nowcast/<id>/health}, docs/updates.md).
 *
 * @param refusal null unless {@code outcome} is REFUSED
 * @param detail  one line: why it was refused, failed, rolled back or kept; null when accepted
 * @param version the update's version (for a rollback: the version rolled back from; kept: the one kept)
 * @param sha256  its model's SHA-256, or null when the message could not be read that far
 * @param key     the signing key's id (first 8 bytes, hex), or null
 */
public record UpdateResult(Outcome outcome, Refusal refusal, String detail, long version, String sha256, String key,
        Instant time) {
    /** Longest detail kept (the health payload stays small). */
    static final int MAX_DETAIL = 300;

    public enum Outcome {
        /** Verified and stored; runs from the next interval. */
        ACCEPTED,
        /** Refused; nothing changed. */
        REFUSED,
        /** Verified, but storing it failed (disk full, read-only); nothing changed. */
        FAILED,
        /** The station went back to the previous model. */
        ROLLED_BACK,
        /** Judged against the previous model after the rollback period: it stays for good. */
        KEPT;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public UpdateResult {
        if (detail != null && detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL - 1) + "…";
        }
    }

    /**
     * Writes {@code "model_update":{...}} into an object being written:
     * {@code {"result":"refused","code":"bad_signature","reason":"…","version":6,"sha256":"…","key":"…",
     * "time":"…","running_version":5}}.
     *
     * @param runningVersion the version the station runs now
     */
    public void writeTo(JsonWriter w, long runningVersion) {
        w.name("model_update").beginObject()
                .name("result").value(outcome.word())
                .name("code").value(refusal == null ? null : refusal.code())
                .name("reason").value(detail)
                .name("version").value(version)
                .name("sha256").value(sha256)
                .name("key").value(key)
                .name("time").value(time.toString())
                .name("running_version").value(runningVersion)
                .endObject();
    }
}
