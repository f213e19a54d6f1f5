package io.nowcast.sensors.config;

/**
 * A sensor configuration is wrong. The message names the file and the key, says what was found
 * and what is allowed, e.g. {@code station.properties: sensor.outside.address = '0x99': not an
 * I2C address (0x03..0x77)}. Unchecked: a configuration is an argument the user got wrong.
 */
public class SensorConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SensorConfigException(String message) {
        super(message);
    }
}
