package io.nowcast.engine.model;

/** Constants of the ncm-format-v1 layout shared by the reader and the writer. */
final class NcmFormat {
    private NcmFormat() {
    }

    /** "NCM1". */
    static final byte[] MAGIC = {0x4E, 0x43, 0x4D, 0x31};
    static final int VERSION = 1;
    /** Bytes of the fixed header before the hidden sizes. */
    static final int FIXED_HEADER_BYTES = 28;
    /** Bytes of the CRC-32C trailer. */
    static final int TRAILER_BYTES = 4;
    /** Sections (descriptors, tensors) end on a multiple of this. */
    static final int ALIGNMENT = 4;
    static final int MAX_STRING_BYTES = 0xFFFF;

    static int padding(long offset) {
        return (int) ((ALIGNMENT - offset % ALIGNMENT) % ALIGNMENT);
    }
}
