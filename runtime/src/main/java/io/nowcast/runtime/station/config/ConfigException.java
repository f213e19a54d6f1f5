package io.nowcast.runtime.station.config;

import java.io.IOException;

/**
 * The station configuration cannot be used as written. The message is one line naming the file,
 * the line or key, the value found and what is allowed; it never carries a secret.
 */
public final class ConfigException extends IOException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
