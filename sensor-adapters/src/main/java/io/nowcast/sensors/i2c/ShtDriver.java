package io.nowcast.sensors.i2c;

import io.nowcast.history.Quantity;
import io.nowcast.sensors.SensorException;
import io.nowcast.sensors.Sleeper;
import io.nowcast.sensors.guard.Sample;
import io.nowcast.sensors.guard.SensorDriver;

import java.time.Duration;

/**
 * Sensirion SHT3x and SHT4x on I2C: single-shot measurements without clock stretching, each
 * 16-bit word checked against its CRC-8 ({@link SensirionCrc8}). A word whose CRC fails is
 * rejected on its own; the other word of the same measurement is still used.
 */
public final class ShtDriver implements SensorDriver {

    /** Measurement precision (SHT3x: repeatability). */
    public enum Precision { HIGH, MEDIUM, LOW }

    /**
     * The two families. SHT3x-DIS datasheet: single-shot commands Table 9 (section 4.3), soft
     * reset 0x30A2 (4.9), status register 0xF32D (4.11), max. durations Table 4, conversion
     * section 4.13. SHT4x datasheet: commands Table 7 (section 4.5), max. durations Table 5,
     * conversion section 4.6 with RH cropped to 0..100 %RH as recommended there.
     */
    public enum Variant {
        SHT3X(new int[][]{{0x24, 0x00}, {0x24, 0x0B}, {0x24, 0x16}}, new long[]{15_500, 6_500, 4_500},
                new int[]{0x30, 0xA2}, new int[]{0xF3, 0x2D}, 3, 100.0, 0.0),
        SHT4X(new int[][]{{0xFD}, {0xF6}, {0xE0}}, new long[]{8_300, 4_500, 1_600},
                new int[]{0x94}, new int[]{0x89}, 6, 125.0, -6.0);

        private final int[][] measureCommand;    // [precision][command bytes]
        private final long[] maxDurationMicros;  // [precision]
        private final int[] resetCommand;
        private final int[] identifyCommand;     // SHT3x: read status; SHT4x: read serial number
        private final int identifyLength;        // bytes answered, CRCs included
        private final double rhSpan;             // RH = rhOffset + rhSpan * S / 65535
        private final double rhOffset;

        Variant(int[][] measureCommand, long[] maxDurationMicros, int[] resetCommand, int[] identifyCommand,
                int identifyLength, double rhSpan, double rhOffset) {
            this.measureCommand = measureCommand;
            this.maxDurationMicros = maxDurationMicros;
            this.resetCommand = resetCommand;
            this.identifyCommand = identifyCommand;
            this.identifyLength = identifyLength;
            this.rhSpan = rhSpan;
            this.rhOffset = rhOffset;
        }
    }

    private static final Duration RESET_TIME = Duration.ofMillis(2);   // SHT3x t_SR 1.5 ms, SHT4x 1 ms

    private final I2cDevice device;
    private final Variant variant;
    private final byte[] command;
    private final Duration conversion;
    private final Sleeper sleeper;
    private final byte[] answer = new byte[6];   // T msb, T lsb, T crc, RH msb, RH lsb, RH crc

    private ShtDriver(I2cDevice device, Variant variant, Precision precision, Sleeper sleeper) {
        this.device = device;
        this.variant = variant;
        this.command = bytes(variant.measureCommand[precision.ordinal()]);
        // the datasheet maximum, rounded up to whole ms plus 1 ms of margin
        this.conversion = Duration.ofMillis((variant.maxDurationMicros[precision.ordinal()] + 999) / 1000 + 1);
        this.sleeper = sleeper;
    }

    /** Soft-resets the sensor and reads its status (SHT3x) or serial number (SHT4x), checking CRCs. */
    public static ShtDriver open(I2cDevice device, Variant variant, Precision precision, Sleeper sleeper)
            throws SensorException, InterruptedException {
        try {
            byte[] reset = bytes(variant.resetCommand);
            device.write(reset, reset.length);
            sleeper.sleep(RESET_TIME);
            byte[] identify = bytes(variant.identifyCommand);
            device.write(identify, identify.length);
            sleeper.sleep(Duration.ofMillis(1));
            byte[] id = new byte[variant.identifyLength];
            device.read(id, id.length);
            for (int word = 0; word < id.length; word += 3) {
                String bad = crcProblem(id, word, "identification");
                if (bad != null) {
                    throw SensorException.failure(bad);
                }
            }
            return new ShtDriver(device, variant, precision, sleeper);
        } catch (SensorException | InterruptedException | RuntimeException e) {
            device.close();
            throw e;
        }
    }

    @Override
    public Sample measure() throws SensorException, InterruptedException {
        device.write(command, command.length);
        sleeper.sleep(conversion);
        try {
            device.read(answer, answer.length);
        } catch (SensorException e) {
            // the command was taken, so the sensor is there: a NACK here means "not ready yet"
            throw SensorException.transientFailure("no result after the conversion time: " + e.getMessage(), e);
        }
        Sample sample = new Sample();
        String badT = crcProblem(answer, 0, "temperature");
        if (badT != null) {
            sample.refuse(Quantity.TEMPERATURE, badT);
        } else {
            sample.put(Quantity.TEMPERATURE, -45.0 + 175.0 * word(answer, 0) / 65535.0);
        }
        String badH = crcProblem(answer, 3, "humidity");
        if (badH != null) {
            sample.refuse(Quantity.HUMIDITY, badH);
        } else {
            double rh = variant.rhOffset + variant.rhSpan * word(answer, 3) / 65535.0;
            sample.put(Quantity.HUMIDITY, Math.min(100.0, Math.max(0.0, rh)));
        }
        return sample;
    }

    /** Null when the CRC byte after the word at {@code offset} matches; else what is wrong. */
    static String crcProblem(byte[] data, int offset, String what) {
        int expected = SensirionCrc8.of(data, offset, 2);
        int got = data[offset + 2] & 0xFF;
        return expected == got ? null : String.format("CRC mismatch on the %s word 0x%04x: received 0x%02x, computed 0x%02x",
                what, word(data, offset), got, expected);
    }

    private static int word(byte[] data, int offset) {
        return (data[offset] & 0xFF) << 8 | (data[offset + 1] & 0xFF);
    }

    private static byte[] bytes(int[] values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Override
    public void close() {
        device.close();
    }
}
