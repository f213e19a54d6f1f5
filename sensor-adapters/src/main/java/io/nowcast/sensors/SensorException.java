package io.nowcast.sensors;

/**
 * A sensor could not be read. Only drivers throw it; {@link SensorSource#read()} turns it into
 * MISSING channels.
 */
public class SensorException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    private SensorException(String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** A failure that may go away if the same read is tried again at once (e.g. a DHT11 EIO). */
    public static SensorException transientFailure(String message, Throwable cause) {
        return new SensorException(message, cause, true);
    }

    /** A failure that needs the device reopened (absent, wrong chip, bus error). */
    public static SensorException failure(String message, Throwable cause) {
        return new SensorException(message, cause, false);
    }

    public static SensorException failure(String message) {
        return new SensorException(message, null, false);
    }

    /** True when retrying the read at once makes sense. */
    public boolean isTransient() {
        return transientFailure;
    }
}
