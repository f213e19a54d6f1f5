package io.nowcast.sensors.i2c;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A BME280/BMP280 register map (datasheet BST-BME280-DS002 section 5.3, Table 18): chip id at
 * 0xD0, calibration at 0x88..0xA1 and 0xE1..0xE7, soft reset at 0xE0, status at 0xF3, forced
 * mode started by writing mode 01 to ctrl_meas 0xF4, data at 0xF7..0xFE (reset values 0x80 0x00
 * 0x00 for pressure and temperature, 0x80 0x00 for humidity: "no conversion yet").
 */
public final class FakeBme280 extends FakeRegisterDevice {
    private final Deque<int[]> conversions = new ArrayDeque<>();   // {adcT, adcP, adcH}
    private int resets;
    private int forcedStarts;
    private int busyPolls;          // status reads that still show the busy bit
    private int statusBits;

    public FakeBme280(int chipId, byte[] tp, byte[] h) {
        set(0xD0, chipId);
        for (int i = 0; i < tp.length; i++) {
            registers[0x88 + i] = tp[i];
        }
        if (h != null) {
            for (int i = 0; i < h.length; i++) {
                registers[0xE1 + i] = h[i];
            }
        }
        set(0xF7, 0x80, 0x00, 0x00, 0x80, 0x00, 0x00, 0x80, 0x00);
    }

    /**
     * A BME280 carrying the datasheet example's T/P calibration (Bme280CompensationTest) and the
     * humidity calibration of a real module (dig_H1..H6 = 75, 362, 0, 313, 50, 30).
     */
    public static FakeBme280 withExampleCalibration() {
        int[] tp = {27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000};
        return new FakeBme280(0x60, tpBytes(tp, 75), hBytes(362, 0, 313, 50, 30));
    }

    /** The raw ADC values the next forced conversion produces. */
    public synchronized void queue(int adcT, int adcP, int adcH) {
        conversions.add(new int[]{adcT, adcP, adcH});
    }

    public synchronized int resets() {
        return resets;
    }

    public synchronized int forcedStarts() {
        return forcedStarts;
    }

    @Override
    protected void afterWrite(int register, int value) {
        if (register == 0xE0 && value == 0xB6) {
            resets++;
            statusBits = 0x01;      // im_update while NVM is copied
            busyPolls = 1;
            registers[0xF3] = (byte) statusBits;
        } else if (register == 0xF4 && (value & 0x03) == 0x01) {
            forcedStarts++;
            statusBits = 0x08;      // measuring
            busyPolls = 2;
            registers[0xF3] = (byte) statusBits;
            int[] c = conversions.poll();
            if (c != null) {
                set(0xF7, c[1] >> 12, (c[1] >> 4) & 0xFF, (c[1] & 0x0F) << 4,
                        c[0] >> 12, (c[0] >> 4) & 0xFF, (c[0] & 0x0F) << 4,
                        c[2] >> 8, c[2] & 0xFF);
            }
        }
    }

    @Override
    protected void afterRead(int register) {
        if (register == 0xF3 && --busyPolls <= 0) {
            registers[0xF3] = 0;
        }
    }

    /** Calibration bytes 0x88..0xA1 for the given words, little-endian (Table 16). */
    public static byte[] tpBytes(int[] tp, int h1) {
        byte[] b = new byte[26];
        for (int i = 0; i < tp.length; i++) {
            b[2 * i] = (byte) tp[i];
            b[2 * i + 1] = (byte) (tp[i] >> 8);
        }
        b[25] = (byte) h1;
        return b;
    }

    /** Calibration bytes 0xE1..0xE7: H2 LE, H3, H4/H5 packed in 12 bits each (Table 16), H6. */
    public static byte[] hBytes(int h2, int h3, int h4, int h5, int h6) {
        return new byte[]{(byte) h2, (byte) (h2 >> 8), (byte) h3,
                (byte) (h4 >> 4), (byte) ((h4 & 0x0F) | (h5 & 0x0F) << 4), (byte) (h5 >> 4), (byte) h6};
    }
}
