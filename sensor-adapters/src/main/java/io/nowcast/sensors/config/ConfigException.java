package io.nowcast.sensors.config;

import java.io.IOException;

/**
 * A station's configuration file (its own keys or its sensors') cannot be used as written. The
 * message is one line naming the file, the line and the key, the value found and what is allowed,
 * e.g. {@code station.conf:12: sensor.outside.address = '0x99': not an I2C address (0x03..0x77)};
 * it never carries a secret. An {@link IOException}, like the other boundary exceptions (a model
 * file, a CSV history, the broker): a file that is wrong is checked at start, and the station's
 * loop, which goes on after any I/O error, never ends on one.
 */
public final class ConfigException extends IOException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
