package io.nowcast.sensors.i2c;

/**
 * The trimming parameters of one BME280/BMP280 and the datasheet's integer compensation formulas.
 *
 * <p>Source: Bosch BME280 datasheet BST-BME280-DS002 rev. 1.6, section 4.2.2 (parameter storage,
 * Table 16) and section 4.2.3 (compensation formulas, code revision 1.1): temperature in 32-bit
 * integers, pressure in 64-bit integers, humidity in 32-bit integers. The BMP280 (datasheet
 * BST-BMP280-DS001, section 3.11.3) uses the same temperature and pressure formulas.
 * Java's {@code int} and {@code long} wrap like the C types the datasheet uses, and {@code >>} is
 * an arithmetic shift as on the compilers Bosch targets.
 *
 * @param digT1 unsigned 16 bit       @param digT2 signed 16 bit @param digT3 signed 16 bit
 * @param digP1 unsigned 16 bit; digP2..digP9 signed 16 bit
 * @param digH1 unsigned 8 bit, digH2 signed 16 bit, digH3 unsigned 8 bit, digH4 and digH5 signed
 *              12 bit, digH6 signed 8 bit (all 0 on a BMP280)
 */
public record Bme280Calibration(int digT1, int digT2, int digT3,
                                int digP1, int digP2, int digP3, int digP4, int digP5,
                                int digP6, int digP7, int digP8, int digP9,
                                int digH1, int digH2, int digH3, int digH4, int digH5, int digH6) {

    /** Bytes 0x88..0xA1 (26), the block that holds T1..P9 and, at 0xA1, H1. */
    public static final int TP_FIRST = 0x88;
    public static final int TP_LENGTH = 26;
    /** Bytes 0xE1..0xE7 (7): H2..H6 (BME280 only). */
    public static final int H_FIRST = 0xE1;
    public static final int H_LENGTH = 7;

    /**
     * Decodes the registers (Table 16: little-endian 16-bit words; H4 = 0xE4[7:0] << 4 | 0xE5[3:0],
     * H5 = 0xE6[7:0] << 4 | 0xE5[7:4]).
     *
     * @param tp the 26 bytes read from 0x88
     * @param h  the 7 bytes read from 0xE1, or null for a BMP280
     */
    public static Bme280Calibration fromRegisters(byte[] tp, byte[] h) {
        int h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0;
        if (h != null) {
            h1 = u8(tp, 25);
            h2 = s16(h, 0);
            h3 = u8(h, 2);
            h4 = (h[3] << 4) | (h[4] & 0x0F);           // h[3] sign-extends
            h5 = (h[5] << 4) | ((h[4] & 0xFF) >> 4);
            h6 = h[6];                                   // signed char
        }
        return new Bme280Calibration(u16(tp, 0), s16(tp, 2), s16(tp, 4),
                u16(tp, 6), s16(tp, 8), s16(tp, 10), s16(tp, 12), s16(tp, 14),
                s16(tp, 16), s16(tp, 18), s16(tp, 20), s16(tp, 22),
                h1, h2, h3, h4, h5, h6);
    }

    /** BME280_compensate_T_int32's t_fine: fine temperature carried into P and H. */
    public int tFine(int adcT) {
        int var1 = ((((adcT >> 3) - (digT1 << 1))) * digT2) >> 11;
        int var2 = (((((adcT >> 4) - digT1) * ((adcT >> 4) - digT1)) >> 12) * digT3) >> 14;
        return var1 + var2;
    }

    /** Temperature in 0.01 °C: {@code 5123} is 51.23 °C. */
    public static int temperatureCentiCelsius(int tFine) {
        return (tFine * 5 + 128) >> 8;
    }

    /**
     * BME280_compensate_P_int64: pressure in Pa as unsigned Q24.8 ({@code 24674867} is
     * 24674867 / 256 = 96386.2 Pa); 0 when the calibration would divide by zero.
     */
    public long pressureQ24p8(int adcP, int tFine) {
        long var1 = (long) tFine - 128000;
        long var2 = var1 * var1 * digP6;
        var2 = var2 + ((var1 * digP5) << 17);
        var2 = var2 + (((long) digP4) << 35);
        var1 = ((var1 * var1 * digP3) >> 8) + ((var1 * digP2) << 12);
        var1 = (((1L << 47) + var1) * digP1) >> 33;
        if (var1 == 0) {
            return 0;
        }
        long p = 1048576 - adcP;
        p = (((p << 31) - var2) * 3125) / var1;
        var1 = (((long) digP9) * (p >> 13) * (p >> 13)) >> 25;
        var2 = (((long) digP8) * p) >> 19;
        p = ((p + var1 + var2) >> 8) + (((long) digP7) << 4);
        return p & 0xFFFF_FFFFL;
    }

    /** BME280_compensate_H_int32: relative humidity in %RH as unsigned Q22.10 ({@code 47445} is 46.333 %RH). */
    public int humidityQ22p10(int adcH, int tFine) {
        int v = tFine - 76800;
        v = (((((adcH << 14) - (digH4 << 20) - (digH5 * v)) + 16384) >> 15)
                * (((((((v * digH6) >> 10) * (((v * digH3) >> 11) + 32768)) >> 10) + 2097152) * digH2 + 8192) >> 14));
        v = v - (((((v >> 15) * (v >> 15)) >> 7) * digH1) >> 4);
        v = v < 0 ? 0 : v;
        v = v > 419430400 ? 419430400 : v;
        return v >> 12;
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static int s16(byte[] b, int i) {
        return (short) u16(b, i);
    }
}
