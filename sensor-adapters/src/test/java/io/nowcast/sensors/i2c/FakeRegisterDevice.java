package io.nowcast.sensors.i2c;

import io.nowcast.sensors.SensorException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A fake I2C device at the drivers' narrowest interface: 256 byte registers, a burst read that
 * auto-increments the register pointer (as the BME280 does, datasheet section 6.2.2), raw
 * read/write for command chips, and fault injection (failures, disconnection, a hung bus).
 */
public class FakeRegisterDevice implements I2cDevice {
    protected final byte[] registers = new byte[256];
    private final List<int[]> burstReads = new ArrayList<>();      // {first, length}
    private final Deque<String> failures = new ArrayDeque<>();
    private volatile boolean connected = true;
    private volatile CountDownLatch hang;                          // non-null: the next transfer blocks
    private int closes;

    public synchronized void set(int register, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            registers[register + i] = (byte) bytes[i];
        }
    }

    public synchronized int get(int register) {
        return registers[register] & 0xFF;
    }

    /** The next {@code n} transfers fail with an I/O error. */
    public synchronized void failNext(int n, String message) {
        for (int i = 0; i < n; i++) {
            failures.add(message);
        }
    }

    /** Every transfer fails, as when the sensor is unplugged (the kernel answers EREMOTEIO). */
    public void disconnect() {
        connected = false;
    }

    public void reconnect() {
        connected = true;
    }

    /** The next transfer blocks, ignoring interrupts, until the returned latch is counted down. */
    public CountDownLatch hangNextTransfer() {
        CountDownLatch l = new CountDownLatch(1);
        hang = l;
        return l;
    }

    public synchronized List<int[]> burstReads() {
        return List.copyOf(burstReads);
    }

    public synchronized int closes() {
        return closes;
    }

    private void transfer() throws SensorException {
        CountDownLatch h = hang;
        if (h != null) {
            hang = null;
            boolean released = false;
            while (!released) {
                try {
                    h.await();
                    released = true;
                } catch (InterruptedException e) {
                    // a real bus stuck in the kernel does not react to interrupts either
                    released = h.getCount() == 0;
                }
            }
        }
        if (!connected) {
            throw SensorException.failure("Remote I/O error");
        }
        String f;
        synchronized (this) {
            f = failures.poll();
        }
        if (f != null) {
            throw SensorException.failure(f);
        }
    }

    @Override
    public int readRegister(int register) throws SensorException {
        transfer();
        synchronized (this) {
            int v = registers[register] & 0xFF;
            afterRead(register);
            return v;
        }
    }

    @Override
    public void writeRegister(int register, int value) throws SensorException {
        transfer();
        synchronized (this) {
            registers[register] = (byte) value;
            afterWrite(register, value & 0xFF);
        }
    }

    @Override
    public void readRegisters(int first, byte[] buffer, int length) throws SensorException {
        transfer();
        synchronized (this) {
            burstReads.add(new int[]{first, length});
            for (int i = 0; i < length; i++) {
                buffer[i] = registers[(first + i) & 0xFF];   // auto-increment
            }
        }
    }

    @Override
    public void write(byte[] data, int length) throws SensorException {
        transfer();
        synchronized (this) {
            command(data, length);
        }
    }

    @Override
    public void read(byte[] buffer, int length) throws SensorException {
        transfer();
        synchronized (this) {
            answer(buffer, length);
        }
    }

    /** Chip behaviour after a register write; nothing by default. */
    protected void afterWrite(int register, int value) {
    }

    /** Chip behaviour after a register read (e.g. a status bit clearing); nothing by default. */
    protected void afterRead(int register) {
    }

    /** A raw command; ignored by default. */
    protected void command(byte[] data, int length) {
    }

    /** A raw read; answers register 0 onwards by default. */
    protected void answer(byte[] buffer, int length) throws SensorException {
        System.arraycopy(registers, 0, buffer, 0, length);
    }

    @Override
    public synchronized void close() {
        closes++;
    }
}
