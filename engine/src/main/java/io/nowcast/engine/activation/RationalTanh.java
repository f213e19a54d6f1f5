package io.nowcast.engine.activation;

/**
 * tanh and the logistic sigmoid in float32 as one rational function, the fast kernel's and the
 * trainer's activations (the reference kernel keeps {@code Math.tanh} / {@code Math.exp} as the
 * yardstick). This class is the scalar definition; {@link RationalTanhLanes} computes the very same
 * operations in Vector API lanes, so both give the same bits for every input.
 *
 * <pre>
 *   v = clamp(x, −c, c), c = 7.932197         (NaN stays NaN)
 *   s = v²
 *   P = α1 + α3·s + … + α13·s⁶               (Horner, one fused multiply-add per step)
 *   Q = β0 + β2·s + β4·s² + β6·s³            (Horner, fused)
 *   tanh(x) ≈ v · (P / Q)                    (x·P(x²)/Q(x²): odd numerator of degree 13, even denominator of degree 6)
 *   σ(x)    ≈ ½ · tanh(x/2) + ½              (one fused multiply-add)
 * </pre>
 *
 * <p>The coefficients are Eigen's 13/6-degree rational interpolant, {@code generic_fast_tanh_float}
 * in Eigen/src/Core/MathFunctionsImpl.h (2016), which MLAS, ONNX Runtime's kernel library, uses
 * unchanged ({@code MlasTanhConstants}, onnxruntime/core/mlas/lib/tanh.cpp), as is the evaluation
 * by Horner's rule. They are not derived here; they are checked here
 * ({@code RationalTanhTest}): evaluated in double, with the coefficients as rounded to float, the
 * rational differs from {@code Math.tanh} by at most 3.5e-8 absolute and 9.6e-8 relative on
 * [0, 9] (the approximation's own error, about half a float ulp), and the float32 evaluation below
 * differs from {@code Math.tanh} in double by at most {@value #TANH_MAX_ABS_ERROR} absolute and
 * {@value #TANH_MAX_ULP_ERROR} ulp over every float, ±0, the infinities and the subnormals
 * included ({@code TanhErrorWalk} walks all 2^32 bit patterns; docs/engine.md has the figures).
 * Rounding in float, not the approximation, makes most of that error: eleven roundings (nine
 * multiply-adds, the division, the product) against the rational's own 0.6 ulp.
 *
 * <p>Two changes from Eigen's and MLAS's code. (1) They compute (v·P)/Q; the product v·P
 * underflows into the subnormals for |x| below about 2.4e-36 and loses up to 100 ulp of the (tiny)
 * result there, where v·(P/Q) rounds once at the end. (2) They clamp x to ±9, where tanh(9) already
 * rounds to 1 − 2^-24; but evaluated in float with fused multiply-adds, the rational exceeds 1 by one
 * ulp (1.0000001) for 77,554 floats between 8.1247 and 9, which would let σ exceed 1 as well. The
 * clamp here is {@link #CLAMP} = 7.932197, the smallest float at which the float evaluation gives
 * exactly 1 (the rule of later Eigen versions, whose {@code ptanh_float} clamps at 7.99881 for its own
 * FMA evaluation order, 7.90531 without FMA): below it the result never
 * exceeds 1 (TanhErrorWalk checks every float), beyond it the result is ±1 exactly, so tanh(±∞) =
 * ±1, σ(∞) = 1 and σ(−∞) = 0 as with Math.tanh and Math.exp. That costs nothing in accuracy: the
 * true tanh there is within 2.6e-7 of 1.
 */
public final class RationalTanh {
    /**
     * |x| beyond which the result is ±1: 7.932197 (0x1.fba91ep2), the smallest float at which the
     * float32 evaluation of the rational reaches 1; tanh(7.932197) = 1 − 2.58e-7.
     */
    public static final float CLAMP = 0x1.fba91ep2f;
    /** Measured maximum |approximation − Math.tanh| over every float (TanhErrorWalk), and what the tests hold. */
    public static final double TANH_MAX_ABS_ERROR = 3.0e-7;
    /** The same in units in the last place of the float nearest to tanh(x). */
    public static final double TANH_MAX_ULP_ERROR = 5.0;
    /** Measured maximum |σ approximation − 1/(1+e^-x)| over every float, and what the tests hold. */
    public static final double SIGMOID_MAX_ABS_ERROR = 1.75e-7;

    // Numerator, odd: x·(α1 + α3·x² + … + α13·x¹²).
    static final float ALPHA_1 = 4.89352455891786e-03f;
    static final float ALPHA_3 = 6.37261928875436e-04f;
    static final float ALPHA_5 = 1.48572235717979e-05f;
    static final float ALPHA_7 = 5.12229709037114e-08f;
    static final float ALPHA_9 = -8.60467152213735e-11f;
    static final float ALPHA_11 = 2.00018790482477e-13f;
    static final float ALPHA_13 = -2.76076847742355e-16f;
    // Denominator, even: β0 + β2·x² + β4·x⁴ + β6·x⁶.
    static final float BETA_0 = 4.89352518554385e-03f;
    static final float BETA_2 = 2.26843463243900e-03f;
    static final float BETA_4 = 1.18534705686654e-04f;
    static final float BETA_6 = 1.19825839466702e-06f;

    private RationalTanh() {
    }

    /** tanh(x) in float32, within {@value #TANH_MAX_ABS_ERROR} (≤ {@value #TANH_MAX_ULP_ERROR} ulp); odd; |result| ≤ 1. */
    public static float tanh(float x) {
        float v = Math.max(-CLAMP, Math.min(CLAMP, x));
        float s = v * v;
        float p = Math.fma(s, ALPHA_13, ALPHA_11);
        p = Math.fma(p, s, ALPHA_9);
        p = Math.fma(p, s, ALPHA_7);
        p = Math.fma(p, s, ALPHA_5);
        p = Math.fma(p, s, ALPHA_3);
        p = Math.fma(p, s, ALPHA_1);
        float q = Math.fma(s, BETA_6, BETA_4);
        q = Math.fma(q, s, BETA_2);
        q = Math.fma(q, s, BETA_0);
        return v * (p / q);
    }

    /** The logistic sigmoid 1/(1 + e^-x) in float32 as ½·tanh(x/2) + ½, within {@value #SIGMOID_MAX_ABS_ERROR}. */
    public static float sigmoid(float x) {
        return Math.fma(tanh(0.5f * x), 0.5f, 0.5f);
    }
}
