package io.nowcast.trainer.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backpropagation against central finite differences, (L(θ+ε) − L(θ−ε)) / 2ε for every parameter,
 * for each of the four activation pairs, on a two-layer network small enough to perturb every
 * weight. Compared tensor by tensor (W, U, b of each layer, Wy, by) by the relative error
 * ‖g − g_fd‖ / (‖g‖ + ‖g_fd‖), so that a wrong term in any one tensor shows.
 */
class GradientCheckTest {
    private static final int T = 5;
    private static final int BATCH = 3;
    private static final float EPS = 1e-2f;
    /** float32 forward passes: rounding leaves about 1e-4..1e-3 of relative error; a wrong term gives ~1. */
    private static final double TOLERANCE = 5e-3;

    static Stream<Arguments> pairs() {
        return Stream.of(CellActivation.values()).flatMap(c -> Stream.of(GateActivation.values())
                .map(g -> Arguments.of(new ActivationPair(c, g))));
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void backpropagationMatchesFiniteDifferences(ActivationPair pair) {
        LstmShape shape = new LstmShape(3, new int[] {4, 3}, 2);
        LstmNetwork net = new LstmNetwork(shape, pair, T);
        SplittableRandom random = new SplittableRandom(42);
        float[] theta = new float[shape.size()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (float) random.nextDouble(-0.8, 0.8);
        }
        Workspace ws = new Workspace(shape, T, BATCH);
        float[] x = new float[T * BATCH * shape.inputCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1.5, 1.5);
        }
        float[] targets = new float[BATCH * shape.outputCount()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = (float) random.nextDouble(-1, 1);
        }
        float scale = 1f / (BATCH * shape.outputCount());
        TransposedWeights tw = new TransposedWeights(shape);
        tw.refresh(theta);
        System.arraycopy(x, 0, ws.input(), 0, x.length);
        net.lossAndGradient(theta, tw, ws, BATCH, targets, scale);
        float[] analytic = ws.grad.clone();
        double[] numeric = new double[theta.length];
        for (int p = 0; p < theta.length; p++) {
            float saved = theta[p];
            theta[p] = saved + EPS;
            double up = loss(net, theta, tw, ws, x, targets, scale);
            theta[p] = saved - EPS;
            double down = loss(net, theta, tw, ws, x, targets, scale);
            theta[p] = saved;
            numeric[p] = (up - down) / (2 * EPS);
        }
        for (int l = 0; l < shape.layers(); l++) {
            check(pair + " W" + l, analytic, numeric, shape.offW(l), shape.offU(l));
            check(pair + " U" + l, analytic, numeric, shape.offU(l), shape.offB(l));
            int end = l + 1 < shape.layers() ? shape.offW(l + 1) : shape.offHeadW();
            check(pair + " b" + l, analytic, numeric, shape.offB(l), end);
        }
        check(pair + " Wy", analytic, numeric, shape.offHeadW(), shape.offHeadB());
        check(pair + " by", analytic, numeric, shape.offHeadB(), shape.size());
    }

    private static double loss(LstmNetwork net, float[] theta, TransposedWeights tw, Workspace ws, float[] x,
            float[] targets, float scale) {
        tw.refresh(theta);
        System.arraycopy(x, 0, ws.input(), 0, x.length);
        net.forward(theta, tw, ws, BATCH);
        double sse = 0;
        for (int i = 0; i < targets.length; i++) {
            double e = ws.output()[i] - targets[i];
            sse += e * e;
        }
        return scale * sse;
    }

    private static void check(String name, float[] analytic, double[] numeric, int from, int to) {
        double diff = 0;
        double a = 0;
        double n = 0;
        for (int i = from; i < to; i++) {
            diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            a += (double) analytic[i] * analytic[i];
            n += numeric[i] * numeric[i];
        }
        double rel = Math.sqrt(diff) / (Math.sqrt(a) + Math.sqrt(n));
        assertTrue(Math.sqrt(a) > 1e-4, name + ": gradient is ~0, the check would prove nothing");
        assertTrue(rel < TOLERANCE, name + ": relative error " + rel + " between backprop and finite differences");
    }
}
