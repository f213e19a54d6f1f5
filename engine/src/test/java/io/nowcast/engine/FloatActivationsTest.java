package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The four activations at points where they are exact by hand: tanh(ln a) = (a² - 1)/(a² + 1),
 * σ(ln a) = a/(a + 1), ISRU(3/4) = (3/4)/sqrt(25/16) = 3/5, ISRU(4/3) = (4/3)/(5/3) = 4/5,
 * ISRU-sigmoid(3/2) = ½(1 + (3/2)/(5/2)) = 4/5, ISRU-sigmoid(8/3) = ½(1 + (8/3)/(10/3)) = 9/10.
 * Tolerance 2 float32 ulps of the result (the inputs ln a are themselves rounded to float32).
 */
class FloatActivationsTest {
    private static final float LN2 = (float) Math.log(2);
    private static final float LN3 = (float) Math.log(3);

    private static void near(double expected, float actual) {
        assertEquals(expected, actual, 2 * Math.ulp((float) expected));
    }

    @Test
    void tanhAtLogarithms() {
        near(3.0 / 5, FloatActivations.tanh(LN2));
        near(4.0 / 5, FloatActivations.tanh(LN3));
        near(-4.0 / 5, FloatActivations.tanh(-LN3));
        assertEquals(0f, FloatActivations.tanh(0f));
        assertEquals(1f, FloatActivations.tanh(20f));
    }

    @Test
    void sigmoidAtLogarithms() {
        near(3.0 / 4, FloatActivations.sigmoid(LN3));
        near(1.0 / 4, FloatActivations.sigmoid(-LN3));
        near(2.0 / 3, FloatActivations.sigmoid(LN2));
        assertEquals(0.5f, FloatActivations.sigmoid(0f));
        assertEquals(1f, FloatActivations.sigmoid(Float.POSITIVE_INFINITY));
        assertEquals(0f, FloatActivations.sigmoid(Float.NEGATIVE_INFINITY));
    }

    @Test
    void isruAtPythagoreanPoints() {
        near(3.0 / 5, FloatActivations.isru(0.75f));
        near(4.0 / 5, FloatActivations.isru(4f / 3));
        near(-3.0 / 5, FloatActivations.isru(-0.75f));
        assertEquals(0f, FloatActivations.isru(0f));
    }

    @Test
    void isruSigmoidAtPythagoreanPoints() {
        near(4.0 / 5, FloatActivations.isruSigmoid(1.5f));
        near(1.0 / 5, FloatActivations.isruSigmoid(-1.5f));
        near(9.0 / 10, FloatActivations.isruSigmoid(8f / 3));
        assertEquals(0.5f, FloatActivations.isruSigmoid(0f));
    }

    @Test
    void isruFormsReachTheirLimitsInsteadOfOverflowing() {
        // Unclamped, x² overflows to infinity for |x| > 1.8e19 and x / sqrt(∞) gives 0 (NaN for ∞).
        assertEquals(1f, FloatActivations.isru(1e30f));
        assertEquals(-1f, FloatActivations.isru(Float.NEGATIVE_INFINITY));
        assertEquals(1f, FloatActivations.isruSigmoid(Float.POSITIVE_INFINITY));
        assertEquals(0f, FloatActivations.isruSigmoid(-1e30f));
    }
}
