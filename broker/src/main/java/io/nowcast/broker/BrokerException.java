package io.nowcast.broker;

/**
 * The broker settings cannot work as given (unreadable CA file, bad keystore): a user must act.
 * An IOException, so that a command reports it as one line like any unusable file.
 */
public final class BrokerException extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    public BrokerException(String message) {
        super(message);
    }
}
