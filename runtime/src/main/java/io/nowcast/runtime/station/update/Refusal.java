package io.nowcast.runtime.station.update;

import java.util.Locale;

/** Why a station refuses a model update: the {@code code} of the health topic's {@code model_update}. */
public enum Refusal {
    /** The message or the model in it is larger than {@code model.update.max_bytes}. */
    TOO_LARGE,
    /** Not an update message of format 1 (magic, format, a field out of its range). */
    MALFORMED,
    /** Shorter than its header says (cut off on the way). */
    TRUNCATED,
    /** Signed for another station. */
    WRONG_STATION,
    /** Signed with a key that is not among {@code model.update.public_key}. */
    UNKNOWN_KEY,
    /** The signature does not verify with the key it names: the message was changed, or forged. */
    BAD_SIGNATURE,
    /** The model's SHA-256 is not the one the signed header states. */
    DIGEST_MISMATCH,
    /** Its version is not greater than the highest this station has taken (rolled back ones included). */
    NOT_NEWER,
    /** The model file is not a valid {@code .ncm}, or the engine cannot run it. */
    INVALID_MODEL,
    /** Its interval differs from the running model's: the station's rows are on that grid. */
    WRONG_INTERVAL,
    /** A model input that no channel, direction component or derived feature serves. */
    WRONG_INPUTS;

    /** The word in messages: {@code bad_signature}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
