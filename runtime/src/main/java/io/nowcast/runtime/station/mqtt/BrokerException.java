package io.nowcast.runtime.station.mqtt;

/** The broker settings cannot work as given (unreadable CA file, bad keystore): a user must act. */
public final class BrokerException extends Exception {
    private static final long serialVersionUID = 1L;

    public BrokerException(String message) {
        super(message);
    }
}
