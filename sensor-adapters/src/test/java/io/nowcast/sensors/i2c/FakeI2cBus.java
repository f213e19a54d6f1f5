package io.nowcast.sensors.i2c;

import io.nowcast.sensors.SensorException;

import java.util.HashMap;
import java.util.Map;

/**
 * Bus 1 with fake devices plugged in at chosen addresses. Opening an empty address succeeds (as
 * with /dev/i2c-N) but every transfer to it fails, like a real bus with nothing there.
 */
public final class FakeI2cBus implements I2cBus {
    private final Map<Integer, FakeRegisterDevice> devices = new HashMap<>();

    public FakeI2cBus plug(int address, FakeRegisterDevice device) {
        devices.put(address, device);
        return this;
    }

    @Override
    public boolean exists(int bus) {
        return bus == 1;
    }

    @Override
    public I2cDevice open(int bus, int address) throws SensorException {
        if (!exists(bus)) {
            throw SensorException.failure("no I2C bus " + describe(bus));
        }
        FakeRegisterDevice d = devices.get(address);
        if (d != null) {
            return d;
        }
        FakeRegisterDevice empty = new FakeRegisterDevice();
        empty.disconnect();
        return empty;
    }
}
