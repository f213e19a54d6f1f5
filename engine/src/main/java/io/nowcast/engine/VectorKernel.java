package io.nowcast.engine;

import io.nowcast.engine.activation.RationalTanh;
import io.nowcast.engine.activation.RationalTanhLanes;
import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.Gate;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.Model;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast float32 kernel, on the JDK Vector API ({@code jdk.incubator.vector}) with the platform's
 * widest float species (L lanes: 16 with AVX-512, 8 with AVX2, 4 with NEON).
 *
 * <p>Weights are {@link PackedLayer}s: for a block of L hidden units, each gate is one L-wide
 * accumulator, and each column k of the fused [4H][n+H] matrix costs one broadcast of the input
 * value and four fused multiply-adds, with no horizontal sums. The gates, the cell update and the
 * new h follow at once, for those L units, from a [4][L] scratch array.
 *
 * <p>{@link #window} works layer by layer over chunks of up to {@link #CHUNK} steps: first the input
 * half W·x_t + b for every step of the chunk at once (independent steps, so four of them share
 * each loaded weight vector), then the recurrent half U·h_{t-1} step after step. The step path
 * does the same sums in the same order over [x ; h], so both give identical results.
 *
 * <p>Allocation-free once compiled by C2; until then the Vector API boxes its vectors.
 */
final class VectorKernel implements FloatKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Steps of a window whose input half is precomputed together. */
    static final int CHUNK = 64;

    private final PackedLayer[] layers;
    private final boolean isruCell; // φ = ISRU, else tanh
    private final boolean isruGate; // σ = ISRU-sigmoid, else logistic
    private final int inputCount; // I
    private final int chunk; // min(T, CHUNK)
    private final float[] inputHalf; // W·x_t + b for a chunk: [chunk][blocks·4·L] of the widest layer
    private final float[][] sequence; // per layer l, its h for each step of the chunk: [chunk][Hp_l]
    private final float[][] windowH; // per layer, h carried from one chunk to the next [Hp_l]
    private final float[][] windowC; // per layer, c of the window [Hp_l]
    private final float[][] streamH; // per layer, the streaming h [Hp_l]
    private final float[][] streamC; // per layer, the streaming c [Hp_l]
    private final float[][] streamNext; // per layer, the new h while the old one is still read [Hp_l]
    private final float[] z = new float[Gate.COUNT * LANES]; // one unit block's gates [4][L]

    private VectorKernel(Model model) {
        FusedLayer[] fused = FusedLayer.of(model);
        layers = new PackedLayer[fused.length];
        for (int l = 0; l < fused.length; l++) {
            layers[l] = new PackedLayer(fused[l], LANES);
        }
        isruCell = model.cellActivation() == CellActivation.ISRU;
        isruGate = model.gateActivation() == GateActivation.ISRU_SIGMOID;
        inputCount = model.inputCount();
        chunk = Math.min(model.window(), CHUNK);
        int widest = 0;
        sequence = new float[layers.length][];
        windowH = new float[layers.length][];
        windowC = new float[layers.length][];
        streamH = new float[layers.length][];
        streamC = new float[layers.length][];
        streamNext = new float[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            int hp = layers[l].paddedHidden;
            widest = Math.max(widest, hp);
            sequence[l] = new float[chunk * hp];
            windowH[l] = new float[hp];
            windowC[l] = new float[hp];
            streamH[l] = new float[hp];
            streamC[l] = new float[hp];
            streamNext[l] = new float[hp];
        }
        inputHalf = new float[chunk * Gate.COUNT * widest];
    }

    /** The kernel for a model; only called where the Vector API module is present. */
    static FloatKernel create(Model model) {
        return new VectorKernel(model);
    }

    /** True when the platform gives the Vector API at least 4 float lanes to work with. */
    static boolean usable() {
        return LANES >= 4;
    }

    @Override
    public String name() {
        return "vector-" + LANES + "x32";
    }

    @Override
    public float[] window(float[] normalized) {
        for (int l = 0; l < layers.length; l++) {
            Arrays.fill(windowH[l], 0f);
            Arrays.fill(windowC[l], 0f);
        }
        int steps = normalized.length / inputCount;
        for (int t0 = 0; t0 < steps; t0 += chunk) {
            int count = Math.min(chunk, steps - t0);
            float[] in = normalized;
            int inOffset = t0 * inputCount;
            int inStride = inputCount;
            for (int l = 0; l < layers.length; l++) {
                PackedLayer layer = layers[l];
                inputHalf(layer, in, inOffset, inStride, count);
                recurrentHalf(layer, count, sequence[l], windowH[l], windowC[l]);
                in = sequence[l];
                inOffset = 0;
                inStride = layer.paddedHidden;
            }
        }
        return windowH[layers.length - 1];
    }

    @Override
    public float[] step(float[] normalized) {
        float[] in = normalized;
        for (int l = 0; l < layers.length; l++) {
            PackedLayer layer = layers[l];
            for (int jb = 0; jb < layer.blocks; jb++) {
                unitBlock(layer, jb, in, streamH[l], streamC[l], streamNext[l], jb * LANES);
            }
            System.arraycopy(streamNext[l], 0, streamH[l], 0, layer.paddedHidden);
            in = streamH[l];
        }
        return streamH[layers.length - 1];
    }

    @Override
    public void reset() {
        for (int l = 0; l < layers.length; l++) {
            Arrays.fill(streamH[l], 0f);
            Arrays.fill(streamC[l], 0f);
        }
    }

    /**
     * inputHalf[t][jb·4 + gate][lane] = b + W · x_t for the chunk's steps t < count, where x_t is
     * in[inOffset + t·inStride + k], k < n. Four steps at a time share each weight vector.
     */
    private void inputHalf(PackedLayer layer, float[] in, int inOffset, int inStride, int count) {
        int n = layer.inputSize;
        int rowWidth = layer.blocks * Gate.COUNT * LANES; // one step's [blocks][4][L]
        for (int tile = 0; tile < layer.blocks * Gate.COUNT; tile++) {
            int w = tile * layer.columns * LANES;
            FloatVector b = FloatVector.fromArray(SPECIES, layer.bias, tile * LANES);
            int t = 0;
            for (; t + 4 <= count; t += 4) {
                int x0 = inOffset + t * inStride;
                FloatVector a0 = b;
                FloatVector a1 = b;
                FloatVector a2 = b;
                FloatVector a3 = b;
                for (int k = 0; k < n; k++) {
                    FloatVector wk = FloatVector.fromArray(SPECIES, layer.tiles, w + k * LANES);
                    a0 = wk.fma(FloatVector.broadcast(SPECIES, in[x0 + k]), a0);
                    a1 = wk.fma(FloatVector.broadcast(SPECIES, in[x0 + inStride + k]), a1);
                    a2 = wk.fma(FloatVector.broadcast(SPECIES, in[x0 + 2 * inStride + k]), a2);
                    a3 = wk.fma(FloatVector.broadcast(SPECIES, in[x0 + 3 * inStride + k]), a3);
                }
                a0.intoArray(inputHalf, t * rowWidth + tile * LANES);
                a1.intoArray(inputHalf, (t + 1) * rowWidth + tile * LANES);
                a2.intoArray(inputHalf, (t + 2) * rowWidth + tile * LANES);
                a3.intoArray(inputHalf, (t + 3) * rowWidth + tile * LANES);
            }
            for (; t < count; t++) {
                int x0 = inOffset + t * inStride;
                FloatVector a = b;
                for (int k = 0; k < n; k++) {
                    FloatVector wk = FloatVector.fromArray(SPECIES, layer.tiles, w + k * LANES);
                    a = wk.fma(FloatVector.broadcast(SPECIES, in[x0 + k]), a);
                }
                a.intoArray(inputHalf, t * rowWidth + tile * LANES);
            }
        }
    }

    /**
     * Steps t < count of the recurrence from the precomputed input half, h_{t-1} being h (carried)
     * for t = 0 and row t-1 of seq after; writes h_t to row t of seq [count][Hp] and leaves the last
     * one in h.
     */
    private void recurrentHalf(PackedLayer layer, int count, float[] seq, float[] h, float[] c) {
        int hp = layer.paddedHidden;
        int rowWidth = layer.blocks * Gate.COUNT * LANES;
        for (int t = 0; t < count; t++) {
            float[] previous = t == 0 ? h : seq;
            int previousOffset = t == 0 ? 0 : (t - 1) * hp;
            for (int jb = 0; jb < layer.blocks; jb++) {
                unitBlockRecurrent(layer, jb, inputHalf, t * rowWidth + jb * Gate.COUNT * LANES, previous,
                        previousOffset, c, seq, t * hp + jb * LANES);
            }
        }
        System.arraycopy(seq, (count - 1) * hp, h, 0, hp);
    }

    /**
     * One block of L units, one step, over all n + H columns: z = b + W·in + U·h, then the gates,
     * c (in place) and the new h into next[nextOffset ..).
     */
    private void unitBlock(PackedLayer layer, int jb, float[] in, float[] h, float[] c, float[] next, int nextOffset) {
        System.arraycopy(layer.bias, jb * Gate.COUNT * LANES, z, 0, Gate.COUNT * LANES);
        int tile = layer.tile(jb, Gate.INPUT, LANES);
        accumulate(layer, tile, in, 0, layer.inputSize);
        accumulateSplit(layer, tile + layer.inputSize * LANES, h, 0, layer.hiddenSize);
        cellUpdate(c, jb * LANES, next, nextOffset);
    }

    /** As {@link #unitBlock} from a precomputed b + W·x_t: z = start[startOffset ..] + U·h. */
    private void unitBlockRecurrent(PackedLayer layer, int jb, float[] start, int startOffset, float[] h, int hOffset,
            float[] c, float[] next, int nextOffset) {
        System.arraycopy(start, startOffset, z, 0, Gate.COUNT * LANES);
        accumulateSplit(layer, layer.tile(jb, Gate.INPUT, LANES) + layer.inputSize * LANES, h, hOffset,
                layer.hiddenSize);
        cellUpdate(c, jb * LANES, next, nextOffset);
    }

    /**
     * z[gate] += Σ_{k < count} tiles[tile + gate·stride + k·L ..] · v[vOffset + k] for the four gates,
     * k in order: the same sums, in the same order, as {@link #inputHalf}.
     */
    private void accumulate(PackedLayer layer, int tile, float[] v, int vOffset, int count) {
        int stride = layer.columns * LANES; // from one gate's tile to the next
        float[] w = layer.tiles;
        FloatVector ai = FloatVector.fromArray(SPECIES, z, Gate.INPUT.ordinal() * LANES);
        FloatVector af = FloatVector.fromArray(SPECIES, z, Gate.FORGET.ordinal() * LANES);
        FloatVector ag = FloatVector.fromArray(SPECIES, z, Gate.CANDIDATE.ordinal() * LANES);
        FloatVector ao = FloatVector.fromArray(SPECIES, z, Gate.OUTPUT.ordinal() * LANES);
        for (int k = 0; k < count; k++) {
            FloatVector x = FloatVector.broadcast(SPECIES, v[vOffset + k]);
            int at = tile + k * LANES;
            ai = FloatVector.fromArray(SPECIES, w, at).fma(x, ai);
            af = FloatVector.fromArray(SPECIES, w, at + stride).fma(x, af);
            ag = FloatVector.fromArray(SPECIES, w, at + 2 * stride).fma(x, ag);
            ao = FloatVector.fromArray(SPECIES, w, at + 3 * stride).fma(x, ao);
        }
        ai.intoArray(z, Gate.INPUT.ordinal() * LANES);
        af.intoArray(z, Gate.FORGET.ordinal() * LANES);
        ag.intoArray(z, Gate.CANDIDATE.ordinal() * LANES);
        ao.intoArray(z, Gate.OUTPUT.ordinal() * LANES);
    }

    /**
     * As {@link #accumulate}, with even and odd k summed apart and added at the end: eight
     * independent chains of fused multiply-adds instead of four, enough to hide the FMA latency.
     */
    private void accumulateSplit(PackedLayer layer, int tile, float[] v, int vOffset, int count) {
        int stride = layer.columns * LANES;
        float[] w = layer.tiles;
        FloatVector ai = FloatVector.fromArray(SPECIES, z, Gate.INPUT.ordinal() * LANES);
        FloatVector af = FloatVector.fromArray(SPECIES, z, Gate.FORGET.ordinal() * LANES);
        FloatVector ag = FloatVector.fromArray(SPECIES, z, Gate.CANDIDATE.ordinal() * LANES);
        FloatVector ao = FloatVector.fromArray(SPECIES, z, Gate.OUTPUT.ordinal() * LANES);
        FloatVector bi = FloatVector.zero(SPECIES);
        FloatVector bf = bi;
        FloatVector bg = bi;
        FloatVector bo = bi;
        int k = 0;
        for (; k + 2 <= count; k += 2) {
            FloatVector x = FloatVector.broadcast(SPECIES, v[vOffset + k]);
            FloatVector y = FloatVector.broadcast(SPECIES, v[vOffset + k + 1]);
            int at = tile + k * LANES;
            ai = FloatVector.fromArray(SPECIES, w, at).fma(x, ai);
            af = FloatVector.fromArray(SPECIES, w, at + stride).fma(x, af);
            ag = FloatVector.fromArray(SPECIES, w, at + 2 * stride).fma(x, ag);
            ao = FloatVector.fromArray(SPECIES, w, at + 3 * stride).fma(x, ao);
            bi = FloatVector.fromArray(SPECIES, w, at + LANES).fma(y, bi);
            bf = FloatVector.fromArray(SPECIES, w, at + LANES + stride).fma(y, bf);
            bg = FloatVector.fromArray(SPECIES, w, at + LANES + 2 * stride).fma(y, bg);
            bo = FloatVector.fromArray(SPECIES, w, at + LANES + 3 * stride).fma(y, bo);
        }
        if (k < count) {
            FloatVector x = FloatVector.broadcast(SPECIES, v[vOffset + k]);
            int at = tile + k * LANES;
            ai = FloatVector.fromArray(SPECIES, w, at).fma(x, ai);
            af = FloatVector.fromArray(SPECIES, w, at + stride).fma(x, af);
            ag = FloatVector.fromArray(SPECIES, w, at + 2 * stride).fma(x, ag);
            ao = FloatVector.fromArray(SPECIES, w, at + 3 * stride).fma(x, ao);
        }
        ai.add(bi).intoArray(z, Gate.INPUT.ordinal() * LANES);
        af.add(bf).intoArray(z, Gate.FORGET.ordinal() * LANES);
        ag.add(bg).intoArray(z, Gate.CANDIDATE.ordinal() * LANES);
        ao.add(bo).intoArray(z, Gate.OUTPUT.ordinal() * LANES);
    }

    /**
     * From the four pre-activations in z: i, f, g, o; c = f·c + i·g in place at c[cOffset]; the new
     * h = o·φ(c) into next[nextOffset]. Vectors never cross a method boundary here (each method
     * loads from and stores to arrays): C2 does not always inline a method whose vector code is
     * large, and a vector passed to or returned from a call that is not inlined is boxed.
     */
    private void cellUpdate(float[] c, int cOffset, float[] next, int nextOffset) {
        int iAt = Gate.INPUT.ordinal() * LANES;
        int fAt = Gate.FORGET.ordinal() * LANES;
        int gAt = Gate.CANDIDATE.ordinal() * LANES;
        int oAt = Gate.OUTPUT.ordinal() * LANES;
        gateInPlace(z, iAt);
        gateInPlace(z, fAt);
        cellInPlace(z, gAt);
        gateInPlace(z, oAt);
        FloatVector i = FloatVector.fromArray(SPECIES, z, iAt);
        FloatVector f = FloatVector.fromArray(SPECIES, z, fAt);
        FloatVector g = FloatVector.fromArray(SPECIES, z, gAt);
        FloatVector cNew = f.mul(FloatVector.fromArray(SPECIES, c, cOffset)).add(i.mul(g));
        cNew.intoArray(c, cOffset);
        cNew.intoArray(z, gAt); // φ(c) in place of g, which is spent
        cellInPlace(z, gAt);
        FloatVector.fromArray(SPECIES, z, oAt).mul(FloatVector.fromArray(SPECIES, z, gAt)).intoArray(next, nextOffset);
    }

    /**
     * a[at .. at+L) = φ(a[at .. at+L)): ISRU lane-wise as {@link FloatActivations#isru}, tanh lane-wise
     * as {@link RationalTanh#tanh} (within 3e-7 of Math.tanh, which the reference kernel uses).
     */
    private void cellInPlace(float[] a, int at) {
        if (isruCell) {
            FloatVector v = FloatVector.fromArray(SPECIES, a, at)
                    .max(-FloatActivations.ISRU_CLAMP).min(FloatActivations.ISRU_CLAMP);
            v.div(v.mul(v).add(1f).sqrt()).intoArray(a, at);
        } else {
            RationalTanhLanes.tanhInPlace(a, at, at + LANES);
        }
    }

    /**
     * a[at .. at+L) = σ(a[at .. at+L)): ISRU-sigmoid lane-wise as {@link FloatActivations#isruSigmoid},
     * the logistic lane-wise as {@link RationalTanh#sigmoid}, ½·tanh(x/2) + ½ with the same rational
     * (within 1.75e-7 of 1/(1 + e^-x)). The trainer computes the same bits ({@code ActivationPair}), so
     * a model runs here with the activations it was trained with. Not the Vector API's own TANH and
     * EXP: those are intrinsics only where the JVM has a vector math library for the platform (Intel's
     * SVML on x86-64; on AArch64 no NEON TANH, and EXP only with libsleef installed) and fall back to
     * per-lane Java code elsewhere, while this needs only the fused multiply-adds the matrix work
     * already uses, and one division.
     */
    private void gateInPlace(float[] a, int at) {
        if (isruGate) {
            FloatVector v = FloatVector.fromArray(SPECIES, a, at)
                    .max(-FloatActivations.ISRU_CLAMP).min(FloatActivations.ISRU_CLAMP);
            v.div(v.mul(v).add(4f).sqrt()).add(1f).mul(0.5f).intoArray(a, at);
        } else {
            RationalTanhLanes.sigmoidInPlace(a, at, at + LANES);
        }
    }
}
