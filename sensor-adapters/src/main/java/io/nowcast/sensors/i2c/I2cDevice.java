package io.nowcast.sensors.i2c;

import io.nowcast.sensors.SensorException;

/**
 * The narrowest view of one device on an I2C bus that the drivers need. Register devices (Bosch)
 * use the register calls; command devices (Sensirion) use raw writes and reads. Tests stand in a
 * register map fed with datasheet bytes.
 */
public interface I2cDevice extends AutoCloseable {

    /** Reads one 8-bit register; 0..255. */
    int readRegister(int register) throws SensorException;

    /** Writes one 8-bit register. */
    void writeRegister(int register, int value) throws SensorException;

    /**
     * Burst read: {@code length} bytes starting at {@code first}, the device advancing its
     * register pointer after each byte (auto-increment), in one bus transaction.
     */
    void readRegisters(int first, byte[] buffer, int length) throws SensorException;

    /** Writes {@code length} raw bytes (a command). */
    void write(byte[] data, int length) throws SensorException;

    /** Reads {@code length} raw bytes. */
    void read(byte[] buffer, int length) throws SensorException;

    /** Releases the device; never throws. */
    @Override
    void close();
}
