package io.nowcast.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.GateActivation;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The linear path's units, run by the trainer's own forward pass, against a separate double
 * evaluation of the recurrence the class documents: with ε = 1/400 and a = 0.05,
 * layer 0, unit k·M+m: c_t = f·c_{t−1} + (1−f)·tanh(a·x_t[k]), f = max(ε, τ_m/(1+τ_m)), h = (1−ε)·tanh(c);
 * layer 1, unit u: c_t = ε·c_{t−1} + (1−ε)·tanh(h0_t[u]), h = (1−ε)·tanh(c).
 */
class LinearPathTest {
    private static final int T = 30;
    private static final double EPS = 1.0 / 400;
    private static final double GAIN = 0.05;
    private static final double[] TAUS = {0, 4, 15};

    @Test
    void pathUnitsAreMovingAveragesOfOneInputCarriedToTheHead() {
        int inputs = 2;
        int path = inputs * TAUS.length; // 6
        LstmShape shape = new LstmShape(inputs, new int[] {path + 3, path + 5}, 1);
        LstmNetwork net = new LstmNetwork(shape, ActivationPair.TANH_SIGMOID, T);
        float[] theta = Initializer.initialParameters(shape, GateActivation.SIGMOID, T, 7, new LinearPath(TAUS));
        TransposedWeights tw = new TransposedWeights(shape);
        tw.refresh(theta);
        Workspace ws = new Workspace(shape, T, 1);
        double[][] x = new double[T][inputs];
        SplittableRandom random = new SplittableRandom(3);
        for (int t = 0; t < T; t++) {
            x[t][0] = 2.0 * Math.sin(t / 4.0); // a swing of ±2 standard deviations
            x[t][1] = random.nextDouble(-6, 6); // noise as large as level noise makes it
            for (int k = 0; k < inputs; k++) {
                ws.input()[t * inputs + k] = (float) x[t][k];
            }
        }
        net.forward(theta, tw, ws, 1);
        double[] h = new double[shape.lastHidden()];
        net.lastHidden(ws, 1, 0, h);
        for (int u = 0; u < path; u++) {
            double expected = reference(x, u / TAUS.length, TAUS[u % TAUS.length]);
            assertEquals(expected, h[u], 2e-6, "path unit " + u);
        }
    }

    /** h_T of the path unit for input k and time constant τ, after both layers, in double. */
    private static double reference(double[][] x, int k, double tau) {
        double f = Math.max(EPS, tau / (1 + tau));
        double c0 = 0;
        double c1 = 0;
        double h1 = 0;
        for (double[] row : x) {
            c0 = f * c0 + (1 - f) * Math.tanh(GAIN * row[k]);
            double h0 = (1 - EPS) * Math.tanh(c0);
            c1 = EPS * c1 + (1 - EPS) * Math.tanh(h0);
            h1 = (1 - EPS) * Math.tanh(c1);
        }
        return h1;
    }

    @Test
    void aLayerSmallerThanThePathIsRefusedByName() {
        LstmShape shape = new LstmShape(5, new int[] {32, 16}, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinearPath(new double[] {0, 4, 15, 60}).checkFits(shape));
        assertTrue(e.getMessage().contains("needs 20 units") && e.getMessage().contains("layer 2 has 16"), e.getMessage());
    }

    @Test
    void timeConstantsMustBeFiniteAndNotNegative() {
        assertThrows(IllegalArgumentException.class, () -> new LinearPath(new double[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> new LinearPath(new double[] {Double.POSITIVE_INFINITY}));
    }
}
