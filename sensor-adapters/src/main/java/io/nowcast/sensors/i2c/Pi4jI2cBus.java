package io.nowcast.sensors.i2c;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import io.nowcast.sensors.SensorException;
import org.tinylog.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** I2C through Pi4J's {@code linuxfs-i2c} provider (the kernel's /dev/i2c-N character devices). */
public final class Pi4jI2cBus implements I2cBus {
    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    private final Supplier<Context> context;

    /** @param context the Pi4J context, created on first use */
    public Pi4jI2cBus(Supplier<Context> context) {
        this.context = context;
    }

    @Override
    public boolean exists(int bus) {
        return Files.exists(Path.of(describe(bus)));
    }

    @Override
    public I2cDevice open(int bus, int address) throws SensorException {
        if (!exists(bus)) {
            throw SensorException.failure("no I2C bus " + describe(bus) + " (enable I2C, e.g. raspi-config > Interface Options > I2C)");
        }
        Context ctx = context.get();
        String id = String.format("nowcast-i2c-%d-%02x-%d", bus, address, NEXT_ID.incrementAndGet());
        try {
            I2C i2c = ctx.create(I2C.newConfigBuilder(ctx).id(id).bus(bus).device(address)
                    .provider(LinuxFsI2CProvider.ID).build());
            return new Pi4jI2cDevice(ctx, id, i2c, String.format("I2C bus %d address 0x%02x", bus, address));
        } catch (RuntimeException e) {
            throw SensorException.failure(String.format("cannot open I2C bus %d address 0x%02x: %s", bus, address, e.getMessage()), e);
        }
    }

    /** One Pi4J I2C device; every Pi4J runtime exception becomes a SensorException. */
    private static final class Pi4jI2cDevice implements I2cDevice {
        private final Context context;
        private final String id;
        private final I2C i2c;
        private final String where;

        Pi4jI2cDevice(Context context, String id, I2C i2c, String where) {
            this.context = context;
            this.id = id;
            this.i2c = i2c;
            this.where = where;
        }

        @Override
        public int readRegister(int register) throws SensorException {
            try {
                int v = i2c.readRegister(register);
                if (v < 0) {
                    throw SensorException.failure(where + ": reading register 0x" + Integer.toHexString(register) + " failed (" + v + ")");
                }
                return v & 0xFF;
            } catch (RuntimeException e) {
                throw SensorException.failure(where + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void writeRegister(int register, int value) throws SensorException {
            try {
                i2c.writeRegister(register, (byte) value);
            } catch (RuntimeException e) {
                throw SensorException.failure(where + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void readRegisters(int first, byte[] buffer, int length) throws SensorException {
            try {
                expect(i2c.readRegister(first, buffer, 0, length), length, "burst read");
            } catch (RuntimeException e) {
                throw SensorException.failure(where + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void write(byte[] data, int length) throws SensorException {
            try {
                expect(i2c.write(data, 0, length), length, "write");
            } catch (RuntimeException e) {
                throw SensorException.failure(where + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void read(byte[] buffer, int length) throws SensorException {
            try {
                expect(i2c.read(buffer, 0, length), length, "read");
            } catch (RuntimeException e) {
                throw SensorException.failure(where + ": " + e.getMessage(), e);
            }
        }

        private void expect(int got, int wanted, String what) throws SensorException {
            if (got != wanted) {
                throw SensorException.failure(where + ": " + what + " moved " + got + " of " + wanted + " bytes");
            }
        }

        @Override
        public void close() {
            try {
                context.shutdown(id);
            } catch (RuntimeException e) {
                Logger.debug("{}: Pi4J shutdown of {} failed: {}", where, id, e.getMessage());
            }
        }
    }
}
