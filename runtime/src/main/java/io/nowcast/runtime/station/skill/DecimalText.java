package io.nowcast.runtime.station.skill;

/**
 * Writes a double as a JSON number of at most 7 significant digits (the precision of a float),
 * rounded half up, without allocating: {@code 1.198791}, {@code -0.02283801}, {@code 1234567},
 * {@code 1.5E-7}, {@code 0}; NaN and infinities as {@code null}. Plain notation for magnitudes in
 * [1e-5, 1e7), else {@code d.ddddddE±n}. Cheaper than {@code Double.toString} or
 * {@code Float.toString} (which look for the shortest digits that read back), for figures that
 * are statistics, not values to read back bit for bit.
 */
final class DecimalText {
    static final int DIGITS = 7;
    /** The longest text written: "-1.234567E-308". */
    static final int MAX_LENGTH = 14;
    private static final double[] POWERS = new double[32]; // 10^0 .. 10^31

    static {
        double p = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = p;
            p *= 10;
        }
    }

    private DecimalText() {
    }

    private static double tenTo(int n) {
        return n >= 0 && n < POWERS.length ? POWERS[n] : Math.pow(10, n);
    }

    /**
     * Writes {@code x} into {@code out} at {@code at} (room for {@link #MAX_LENGTH} bytes needed).
     *
     * @return the position after it
     */
    static int write(double x, byte[] out, int at) {
        if (!Double.isFinite(x)) {
            out[at] = 'n';
            out[at + 1] = 'u';
            out[at + 2] = 'l';
            out[at + 3] = 'l';
            return at + 4;
        }
        if (x == 0) {
            out[at] = '0';
            return at + 1;
        }
        if (x < 0) {
            out[at++] = '-';
            x = -x;
        }
        int e = (int) Math.floor(Math.log10(x)); // x = m × 10^e, 1 ≤ m < 10, give or take log10's last bit
        long digits = scaled(x, e);
        if (digits < 1_000_000L) { // log10 rounded up across a power of ten
            e--;
            digits = scaled(x, e);
        }
        if (digits >= 10_000_000L) { // rounding carried into an eighth digit (9.9999996 → 10.00000)
            e++;
            digits = scaled(x, e);
        }
        int significant = DIGITS;
        while (significant > 1 && digits % 10 == 0) {
            digits /= 10;
            significant--;
        }
        if (e >= -5 && e < DIGITS) {
            return plain(digits, significant, e, out, at);
        }
        at = plain(digits, significant, 0, out, at);
        out[at++] = 'E';
        if (e < 0) {
            out[at++] = '-';
            e = -e;
        }
        return writeInt(e, out, at);
    }

    /** x / 10^(e − 6), rounded: the 7 significant digits as a whole number. */
    private static long scaled(double x, int e) {
        int shift = DIGITS - 1 - e;
        if (shift > 300) { // a subnormal: 10^shift alone would overflow
            return Math.round(x * tenTo(300) * tenTo(shift - 300));
        }
        return Math.round(shift >= 0 ? x * tenTo(shift) : x / tenTo(-shift));
    }

    /** The {@code significant} digits of {@code digits} with the point after digit e + 1 (e ≥ −5). */
    private static int plain(long digits, int significant, int e, byte[] out, int at) {
        if (e < 0) {
            out[at++] = '0';
            out[at++] = '.';
            for (int i = -1; i > e; i--) {
                out[at++] = '0';
            }
            return writeDigits(digits, significant, out, at);
        }
        int whole = e + 1; // digits before the point
        if (significant <= whole) {
            at = writeDigits(digits, significant, out, at);
            for (int i = significant; i < whole; i++) {
                out[at++] = '0';
            }
            return at;
        }
        long divisor = (long) tenTo(significant - whole);
        at = writeDigits(digits / divisor, whole, out, at);
        out[at++] = '.';
        return writeDigits(digits % divisor, significant - whole, out, at);
    }

    /** {@code n} as exactly {@code count} digits, leading zeros included. */
    private static int writeDigits(long n, int count, byte[] out, int at) {
        for (int i = count - 1; i >= 0; i--) {
            out[at + i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        return at + count;
    }

    static int writeInt(long n, byte[] out, int at) {
        if (n < 0) {
            out[at++] = '-';
            n = -n;
        }
        int count = 1;
        for (long m = n; m >= 10; m /= 10) {
            count++;
        }
        return writeDigits(n, count, out, at);
    }
}
