package io.nowcast.runtime.station.update;

/** An update the station will not take: the kind, and one line saying what was found. */
public final class UpdateRefused extends Exception {
    private static final long serialVersionUID = 1L;

    private final Refusal refusal;

    public UpdateRefused(Refusal refusal, String detail) {
        super(detail, null, false, false); // an expected outcome: no stack trace
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
