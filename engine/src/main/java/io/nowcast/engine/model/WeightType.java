package io.nowcast.engine.model;

/** How the tensors of an {@code .ncm} file are stored (header byte 8). */
public enum WeightType {
    /** IEEE-754 binary32, 4 bytes a value. */
    F32(0, 4),
    /** IEEE-754 binary16, 2 bytes a value. */
    F16(1, 2),
    /** Q16.16: a two's-complement i32 holding value × 65536, 4 bytes a value. */
    Q16(2, 4);

    /** The code stored in the file. */
    public final int code;
    /** Bytes one value takes in the file. */
    public final int bytesPerValue;

    WeightType(int code, int bytesPerValue) {
        this.code = code;
        this.bytesPerValue = bytesPerValue;
    }

    /** The type with this code, or null when the code is not one of the contract's. */
    static WeightType ofCode(int code) {
        for (WeightType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /**
     * The value nearest to {@code v} that this type can store, as a double (exact for all three).
     *
     * @throws IllegalArgumentException when v is not finite, or outside Q16.16's range for Q16
     */
    public double quantize(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("weight is not finite: " + v);
        }
        return switch (this) {
            case F32 -> (float) v;
            case F16 -> {
                short bits = Binary16.fromFloat((float) v);
                float back = Binary16.toFloat(bits);
                if (Float.isInfinite(back)) {
                    throw new IllegalArgumentException("weight " + v + " is outside the f16 range (|v| <= 65504)");
                }
                yield back;
            }
            case Q16 -> {
                long raw = Math.round(v * 65536.0);
                if (raw < Integer.MIN_VALUE || raw > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("weight " + v + " is outside the Q16.16 range [-32768, 32768)");
                }
                yield raw / 65536.0;
            }
        };
    }
}
