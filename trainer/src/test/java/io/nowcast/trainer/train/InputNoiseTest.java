package io.nowcast.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InputNoiseTest {
    @Test
    void levelNoiseShiftsEachWindowAndInputByOneOffsetAtEveryStep() {
        int t = 5;
        int b = 3;
        int n = 2;
        float[] x = new float[t * b * n]; // zeros: what is added is the noise itself
        new InputNoise(0, 1).apply(x, t, b, n, new SplittableRandom(1));
        for (int w = 0; w < b; w++) {
            for (int k = 0; k < n; k++) {
                float first = x[w * n + k];
                assertNotEquals(0f, first);
                for (int s = 1; s < t; s++) {
                    assertEquals(first, x[(s * b + w) * n + k], "window " + w + " input " + k + " step " + s);
                }
            }
        }
        assertNotEquals(x[0], x[1], "inputs get their own offsets");
        assertNotEquals(x[0], x[n], "windows get their own offsets");
    }

    @Test
    void whiteNoiseHasTheRequestedSpread() {
        float[] x = new float[100_000];
        new InputNoise(0.5, 0).apply(x, 1, 1, x.length, new SplittableRandom(2));
        double sq = 0;
        for (float v : x) {
            sq += v * v;
        }
        // sample σ of 1e5 Gaussian draws is within 1 % of 0.5 with overwhelming probability
        assertEquals(0.5, Math.sqrt(sq / x.length), 0.005);
    }
}
