package io.nowcast.fixedpoint;

/**
 * tanh and the logistic sigmoid 1 / (1 + e^-x) in Q16.16, integer-only: a table of tanh with
 * linear interpolation, for models trained with those activations.
 *
 * <p>The table: TANH[k] = round(tanh(k / 64) · 2^16) for k = 0..400, i.e. x in [0, 6.25] in steps
 * of 1/64 (raw step 1024); from x = 6.25 every entry would be 2^16 (tanh(6.25) · 2^16 > 65535.5).
 * The values were computed in double precision (Python's math.tanh, rounded half up) and are checked
 * entry by entry against {@link Math#tanh(double)} by Q16TanhTableTest. Interpolation between two
 * entries errs by at most h²/8 · max|tanh''| = (1/64)²/8 · 0.770 ≈ 1.5 units, plus ½ unit from
 * each of the table and the interpolation's rounding. Negative x use tanh(-x) = -tanh(x).
 * The sigmoid is ½ · (1 + tanh(x / 2)), with the halving done by the index arithmetic (raw step
 * 2048), so it loses no input bits.
 *
 * <p>Error against the double-precision functions, in units of 2^-16, measured by
 * FixedPointAccuracyTest, date 2026-11-28 (target ≤ 16):
 * <pre>
 *   function   inputs checked                                          max     mean
 *   tanh       every x in [-6.25, 6.25], every 257th raw value outside  2.284   0.409
 *   sigmoid    every x in [-12.5, 12.5], every 257th raw value outside  1.642   0.370
 * </pre>
 */
public final class Q16Tanh {
    /** log2 of the table step in raw units: the step is 1/64 = 2^10 / 2^16. */
    private static final int STEP_BITS = 10;
    /** round(tanh(k / 64) · 65536), k = 0..400. */
    private static final int[] TANH = {
            0, 1024, 2047, 3070, 4091, 5110, 6126, 7140, 8150, 9156, 10157, 11154,
            12146, 13132, 14112, 15085, 16051, 17010, 17961, 18904, 19838, 20764, 21681, 22588,
            23485, 24373, 25250, 26117, 26973, 27818, 28652, 29474, 30285, 31085, 31873, 32648,
            33412, 34164, 34904, 35631, 36346, 37049, 37740, 38418, 39084, 39738, 40379, 41008,
            41625, 42230, 42823, 43404, 43972, 44530, 45075, 45609, 46131, 46642, 47142, 47630,
            48108, 48575, 49031, 49477, 49912, 50337, 50752, 51157, 51552, 51937, 52314, 52681,
            53038, 53387, 53727, 54059, 54382, 54697, 55003, 55302, 55593, 55876, 56152, 56421,
            56683, 56937, 57185, 57426, 57660, 57888, 58110, 58326, 58536, 58741, 58939, 59132,
            59320, 59502, 59680, 59852, 60019, 60182, 60340, 60494, 60643, 60789, 60929, 61066,
            61199, 61328, 61454, 61576, 61694, 61809, 61920, 62029, 62134, 62236, 62335, 62431,
            62524, 62615, 62703, 62788, 62871, 62951, 63029, 63105, 63179, 63250, 63319, 63386,
            63451, 63514, 63576, 63635, 63693, 63749, 63803, 63855, 63907, 63956, 64004, 64051,
            64096, 64140, 64182, 64224, 64263, 64302, 64340, 64376, 64412, 64446, 64479, 64512,
            64543, 64573, 64603, 64631, 64659, 64686, 64712, 64737, 64761, 64785, 64808, 64830,
            64852, 64873, 64893, 64913, 64932, 64950, 64968, 64986, 65003, 65019, 65035, 65050,
            65065, 65079, 65093, 65107, 65120, 65133, 65145, 65157, 65169, 65180, 65191, 65202,
            65212, 65222, 65231, 65241, 65250, 65259, 65267, 65275, 65283, 65291, 65299, 65306,
            65313, 65320, 65327, 65333, 65339, 65345, 65351, 65357, 65362, 65368, 65373, 65378,
            65383, 65387, 65392, 65396, 65401, 65405, 65409, 65413, 65417, 65420, 65424, 65427,
            65431, 65434, 65437, 65440, 65443, 65446, 65449, 65451, 65454, 65456, 65459, 65461,
            65464, 65466, 65468, 65470, 65472, 65474, 65476, 65478, 65480, 65481, 65483, 65485,
            65486, 65488, 65489, 65491, 65492, 65493, 65495, 65496, 65497, 65498, 65500, 65501,
            65502, 65503, 65504, 65505, 65506, 65507, 65508, 65508, 65509, 65510, 65511, 65512,
            65512, 65513, 65514, 65515, 65515, 65516, 65516, 65517, 65518, 65518, 65519, 65519,
            65520, 65520, 65521, 65521, 65522, 65522, 65523, 65523, 65523, 65524, 65524, 65525,
            65525, 65525, 65526, 65526, 65526, 65526, 65527, 65527, 65527, 65528, 65528, 65528,
            65528, 65529, 65529, 65529, 65529, 65529, 65530, 65530, 65530, 65530, 65530, 65531,
            65531, 65531, 65531, 65531, 65531, 65532, 65532, 65532, 65532, 65532, 65532, 65532,
            65532, 65533, 65533, 65533, 65533, 65533, 65533, 65533, 65533, 65533, 65533, 65533,
            65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534,
            65534, 65534, 65534, 65534, 65534, 65535, 65535, 65535, 65535, 65535, 65535, 65535,
            65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535,
            65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535,
            65535, 65535, 65535, 65535, 65536,
    };
    /** x = 6.25 in Q16.16: from here on tanh is 1 in Q16.16. */
    private static final int TANH_FLAT = (TANH.length - 1) << STEP_BITS;
    /** x = 12.5 in Q16.16: from here on the sigmoid is 1 (and 0 below its negative). */
    private static final int SIGMOID_FLAT = 2 * TANH_FLAT;

    private Q16Tanh() {
    }

    /** tanh(x), in [-1, 1]. */
    public static int tanh(int x) {
        if (x >= TANH_FLAT) {
            return Q16.ONE;
        }
        if (x <= -TANH_FLAT) {
            return -Q16.ONE;
        }
        int magnitude = interpolate(Math.abs(x), STEP_BITS);
        return x < 0 ? -magnitude : magnitude;
    }

    /** 1 / (1 + e^-x) = ½ · (1 + tanh(x / 2)), in [0, 1]. */
    public static int sigmoid(int x) {
        if (x >= SIGMOID_FLAT) {
            return Q16.ONE;
        }
        if (x <= -SIGMOID_FLAT) {
            return 0;
        }
        int t = interpolate(Math.abs(x), STEP_BITS + 1); // tanh(|x| / 2)
        return (Q16.ONE + (x < 0 ? -t : t) + 1) >> 1;
    }

    /**
     * tanh(ax / 2^(stepBits - STEP_BITS)) for 0 ≤ ax below the flat limit: entry ax >> stepBits,
     * plus the next difference times the fraction ax mod 2^stepBits, rounded.
     */
    private static int interpolate(int ax, int stepBits) {
        int k = ax >> stepBits;
        int fraction = ax & ((1 << stepBits) - 1);
        int lo = TANH[k];
        // (difference ≤ 1024) · (fraction < 2^11) < 2^21: no overflow
        return lo + (((TANH[k + 1] - lo) * fraction + (1 << (stepBits - 1))) >> stepBits);
    }
}
