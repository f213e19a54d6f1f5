package io.nowcast.engine.activation;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RationalTanh} over array ranges, in place, in Vector API lanes of the platform's preferred
 * float species (the species the engine's vector kernel uses): the same operations in the same
 * order (clamp, Horner with fused multiply-adds, one division, one product), so every element gets
 * exactly the bits {@link RationalTanh#tanh} / {@link RationalTanh#sigmoid} give it, whether it
 * falls in a full vector or in the scalar tail.
 *
 * <p>Only usable where the {@code jdk.incubator.vector} module is present; the engine loads this
 * class from its vector kernel only. No allocation once C2 has compiled it: vectors live inside
 * one method, from a load to a store.
 */
public final class RationalTanhLanes {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private RationalTanhLanes() {
    }

    /** a[i] = tanh(a[i]) for from ≤ i < to, as {@link RationalTanh#tanh}. */
    public static void tanhInPlace(float[] a, int from, int to) {
        apply(a, from, to, false);
    }

    /** a[i] = σ(a[i]) = ½·tanh(a[i]/2) + ½ for from ≤ i < to, as {@link RationalTanh#sigmoid}. */
    public static void sigmoidInPlace(float[] a, int from, int to) {
        apply(a, from, to, true);
    }

    private static void apply(float[] a, int from, int to, boolean logistic) {
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            FloatVector x = FloatVector.fromArray(SPECIES, a, i);
            if (logistic) {
                x = x.mul(0.5f);
            }
            FloatVector v = x.max(-RationalTanh.CLAMP).min(RationalTanh.CLAMP);
            FloatVector s = v.mul(v);
            FloatVector p = s.fma(RationalTanh.ALPHA_13, RationalTanh.ALPHA_11);
            p = p.fma(s, FloatVector.broadcast(SPECIES, RationalTanh.ALPHA_9));
            p = p.fma(s, FloatVector.broadcast(SPECIES, RationalTanh.ALPHA_7));
            p = p.fma(s, FloatVector.broadcast(SPECIES, RationalTanh.ALPHA_5));
            p = p.fma(s, FloatVector.broadcast(SPECIES, RationalTanh.ALPHA_3));
            p = p.fma(s, FloatVector.broadcast(SPECIES, RationalTanh.ALPHA_1));
            FloatVector q = s.fma(RationalTanh.BETA_6, RationalTanh.BETA_4);
            q = q.fma(s, FloatVector.broadcast(SPECIES, RationalTanh.BETA_2));
            q = q.fma(s, FloatVector.broadcast(SPECIES, RationalTanh.BETA_0));
            FloatVector y = v.mul(p.div(q));
            if (logistic) {
                y = y.fma(0.5f, 0.5f);
            }
            y.intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = logistic ? RationalTanh.sigmoid(a[i]) : RationalTanh.tanh(a[i]);
        }
    }
}
