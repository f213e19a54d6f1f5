package io.nowcast.sensors.i2c;

/**
 * The CRC-8 Sensirion appends to every 16-bit word: polynomial 0x31 (x^8 + x^5 + x^4 + 1),
 * initial value 0xFF, no reflection, no final XOR (SHT3x-DIS datasheet section 4.12, Table 19;
 * SHT4x datasheet section 4.4). Datasheet example: CRC(0xBEEF) = 0x92.
 */
public final class SensirionCrc8 {
    private SensirionCrc8() {
    }

    /** CRC of {@code length} bytes of {@code data} from {@code offset}. */
    public static int of(byte[] data, int offset, int length) {
        int crc = 0xFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x31) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }
}
