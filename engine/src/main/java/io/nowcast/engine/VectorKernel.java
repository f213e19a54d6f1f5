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
 * accumulator, and blocks go in pairs: each column k of the fused [4H][n+H] matrix costs one
 * broadcast of the input value and eight fused multiply-adds (four gates of two blocks, enough
 * independent chains to cover the FMA latency), with no horizontal sums. Once every pair of a layer
 * has its sums in a [4][Hp] scratch array, the gates, the cell update and the new h follow
 * in one pass.
 *
 * <p>{@link #window} works layer by layer over chunks of up to {@link #CHUNK} steps: first the input
 * half W·x_t + b for every step of the chunk at once (a matrix product: two gate tiles of four steps
 * at a time, so each loaded weight vector serves four steps), then the recurrent half U·h_{t-1} step
 * after step, going over the pairs of blocks forward and backward in turn. The step path does the
 * same sums in the same order over [x ; h], so both give identical results.
 *
 * <p>What bounds it (docs/engine.md, "What bounds the fast kernel"): the recurrent half is a
 * matrix-vector product that reads each weight once per step, 64 KiB per layer at H = 64, more than
 * the 32 KiB L1 cache, so it runs at the L2 cache's bandwidth, about half the FMA peak.
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
    private final float[][] stepColumns; // per layer, a stream's step input [x ; h] [n + H]
    private final float[] z; // one layer step's gate sums, then gates: [4][Hp] of the widest layer

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
        stepColumns = new float[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            int hp = layers[l].paddedHidden;
            widest = Math.max(widest, hp);
            sequence[l] = new float[chunk * hp];
            windowH[l] = new float[hp];
            windowC[l] = new float[hp];
            streamH[l] = new float[hp];
            streamC[l] = new float[hp];
            streamNext[l] = new float[hp];
            stepColumns[l] = new float[layers[l].columns];
        }
        inputHalf = new float[chunk * Gate.COUNT * widest];
        z = new float[Gate.COUNT * widest];
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
            float[] xh = stepColumns[l];
            System.arraycopy(in, 0, xh, 0, layer.inputSize);
            System.arraycopy(streamH[l], 0, xh, layer.inputSize, layer.hiddenSize);
            for (int jb = 0; jb < layer.blocks; jb += 2) {
                pairSums(layer, jb, 0, xh, 0, layer.bias, jb * Gate.COUNT * LANES);
            }
            cells(layer, streamC[l], streamNext[l], 0);
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
     * inputHalf[t][tile][lane] = b + W · x_t for the chunk's steps t < count, tile = jb·4 + gate, where x_t
     * is in[inOffset + t·inStride + k], k < n, summed in the order of k as {@link #pairSums} does. Two
     * tiles of four steps at a time: 8 accumulators, each loaded weight vector serving four steps and
     * each broadcast input value two tiles.
     */
    private void inputHalf(PackedLayer layer, float[] in, int inOffset, int inStride, int count) {
        int n = layer.inputSize;
        int rowWidth = layer.blocks * Gate.COUNT * LANES; // one step's [blocks][4][L]
        int span = layer.columns * LANES; // from one tile's column k to the next tile's
        float[] w = layer.tiles;
        for (int tile = 0; tile < layer.blocks * Gate.COUNT; tile += 2) {
            int wa = tile * span;
            int wb = wa + span;
            int out = tile * LANES;
            FloatVector biasA = FloatVector.fromArray(SPECIES, layer.bias, out);
            FloatVector biasB = FloatVector.fromArray(SPECIES, layer.bias, out + LANES);
            int t = 0;
            for (; t + 4 <= count; t += 4) {
                int x0 = inOffset + t * inStride;
                int x1 = x0 + inStride;
                int x2 = x1 + inStride;
                int x3 = x2 + inStride;
                FloatVector a0 = biasA;
                FloatVector a1 = biasA;
                FloatVector a2 = biasA;
                FloatVector a3 = biasA;
                FloatVector b0 = biasB;
                FloatVector b1 = biasB;
                FloatVector b2 = biasB;
                FloatVector b3 = biasB;
                for (int k = 0; k < n; k++) {
                    FloatVector va = FloatVector.fromArray(SPECIES, w, wa + k * LANES);
                    FloatVector vb = FloatVector.fromArray(SPECIES, w, wb + k * LANES);
                    FloatVector x = FloatVector.broadcast(SPECIES, in[x0 + k]);
                    a0 = va.fma(x, a0);
                    b0 = vb.fma(x, b0);
                    x = FloatVector.broadcast(SPECIES, in[x1 + k]);
                    a1 = va.fma(x, a1);
                    b1 = vb.fma(x, b1);
                    x = FloatVector.broadcast(SPECIES, in[x2 + k]);
                    a2 = va.fma(x, a2);
                    b2 = vb.fma(x, b2);
                    x = FloatVector.broadcast(SPECIES, in[x3 + k]);
                    a3 = va.fma(x, a3);
                    b3 = vb.fma(x, b3);
                }
                int o = t * rowWidth + out;
                a0.intoArray(inputHalf, o);
                b0.intoArray(inputHalf, o + LANES);
                a1.intoArray(inputHalf, o + rowWidth);
                b1.intoArray(inputHalf, o + rowWidth + LANES);
                a2.intoArray(inputHalf, o + 2 * rowWidth);
                b2.intoArray(inputHalf, o + 2 * rowWidth + LANES);
                a3.intoArray(inputHalf, o + 3 * rowWidth);
                b3.intoArray(inputHalf, o + 3 * rowWidth + LANES);
            }
            for (; t < count; t++) {
                int x0 = inOffset + t * inStride;
                FloatVector a = biasA;
                FloatVector b = biasB;
                for (int k = 0; k < n; k++) {
                    FloatVector x = FloatVector.broadcast(SPECIES, in[x0 + k]);
                    a = FloatVector.fromArray(SPECIES, w, wa + k * LANES).fma(x, a);
                    b = FloatVector.fromArray(SPECIES, w, wb + k * LANES).fma(x, b);
                }
                a.intoArray(inputHalf, t * rowWidth + out);
                b.intoArray(inputHalf, t * rowWidth + out + LANES);
            }
        }
    }

    /**
     * Steps t < count of the recurrence from the precomputed input half, h_{t-1} being h (carried)
     * for t = 0 and row t-1 of seq after; writes h_t to row t of seq [count][Hp] and leaves the last
     * one in h. Odd steps take the pairs of blocks in reverse order: the recurrent weights of a layer
     * (64 KiB at H = 64) do not fit the 32 KiB L1 cache, and a step that starts where the previous one
     * ended finds its first weights still there instead of in L2. The gates and cells of a step follow
     * in one pass once all its sums are in ({@link #cells}). docs/engine.md has the measurements.
     */
    private void recurrentHalf(PackedLayer layer, int count, float[] seq, float[] h, float[] c) {
        int hp = layer.paddedHidden;
        int rowWidth = layer.blocks * Gate.COUNT * LANES;
        int pairs = layer.blocks / 2;
        for (int t = 0; t < count; t++) {
            float[] previous = t == 0 ? h : seq;
            int previousOffset = t == 0 ? 0 : (t - 1) * hp;
            for (int p = 0; p < pairs; p++) {
                int jb = 2 * ((t & 1) == 0 ? p : pairs - 1 - p);
                pairSums(layer, jb, layer.inputSize, previous, previousOffset, inputHalf,
                        t * rowWidth + jb * Gate.COUNT * LANES);
            }
            cells(layer, c, seq, t * hp);
        }
        System.arraycopy(seq, (count - 1) * hp, h, 0, hp);
    }

    /**
     * The gate sums of blocks jb and jb + 1 (2L units) into z: for block jb + b and gate g, z[g][(jb + b)·L ..] =
     * start[startAt + (b·4 + g)·L ..] plus Σ [W | U] column k · v[vAt + k - first] over the columns
     * first ≤ k &lt; n + H, in the order of k, one fused multiply-add each. A stream's step passes
     * first = 0, the bias and [x ; h]; a window's step first = n, the input half and h. Eight
     * accumulators (four gates of two blocks) share each broadcast value and hide the FMA latency.
     */
    private void pairSums(PackedLayer layer, int jb, int first, float[] v, int vAt, float[] start, int startAt) {
        int columns = layer.columns;
        int stride = columns * LANES; // from one gate's tile to the next
        float[] w = layer.tiles;
        int a = layer.tile(jb, Gate.INPUT, LANES);
        int b = a + Gate.COUNT * stride; // block jb + 1
        FloatVector ai = FloatVector.fromArray(SPECIES, start, startAt);
        FloatVector af = FloatVector.fromArray(SPECIES, start, startAt + LANES);
        FloatVector ag = FloatVector.fromArray(SPECIES, start, startAt + 2 * LANES);
        FloatVector ao = FloatVector.fromArray(SPECIES, start, startAt + 3 * LANES);
        FloatVector bi = FloatVector.fromArray(SPECIES, start, startAt + 4 * LANES);
        FloatVector bf = FloatVector.fromArray(SPECIES, start, startAt + 5 * LANES);
        FloatVector bg = FloatVector.fromArray(SPECIES, start, startAt + 6 * LANES);
        FloatVector bo = FloatVector.fromArray(SPECIES, start, startAt + 7 * LANES);
        int shift = vAt - first;
        for (int k = first; k < columns; k++) {
            FloatVector x = FloatVector.broadcast(SPECIES, v[shift + k]);
            int at = a + k * LANES;
            int bt = b + k * LANES;
            ai = FloatVector.fromArray(SPECIES, w, at).fma(x, ai);
            af = FloatVector.fromArray(SPECIES, w, at + stride).fma(x, af);
            ag = FloatVector.fromArray(SPECIES, w, at + 2 * stride).fma(x, ag);
            ao = FloatVector.fromArray(SPECIES, w, at + 3 * stride).fma(x, ao);
            bi = FloatVector.fromArray(SPECIES, w, bt).fma(x, bi);
            bf = FloatVector.fromArray(SPECIES, w, bt + stride).fma(x, bf);
            bg = FloatVector.fromArray(SPECIES, w, bt + 2 * stride).fma(x, bg);
            bo = FloatVector.fromArray(SPECIES, w, bt + 3 * stride).fma(x, bo);
        }
        int hp = layer.paddedHidden;
        int to = jb * LANES;
        ai.intoArray(z, to);
        af.intoArray(z, hp + to);
        ag.intoArray(z, 2 * hp + to);
        ao.intoArray(z, 3 * hp + to);
        bi.intoArray(z, to + LANES);
        bf.intoArray(z, hp + to + LANES);
        bg.intoArray(z, 2 * hp + to + LANES);
        bo.intoArray(z, 3 * hp + to + LANES);
    }

    /**
     * From the layer's gate sums in z ([4][Hp]: i, f, g, o): the gates, c = f·c + i·g in place in c [Hp],
     * and the new h = o·φ(c) into next[nextAt ..]. One pass per activation over a whole gate row, after
     * all the sums of a step: its square roots and divisions (ISRU) or divisions (rational tanh) are
     * independent of each other, keep the divider busy and leave the multiply-adds alone; measured
     * faster than each block's cells right after its sums (docs/engine.md). An all-ISRU model takes
     * {@link #isruCells} instead. Vectors never cross a method boundary here (each method loads from
     * and stores to arrays): C2 does not always inline a method whose vector code is large, and a
     * vector passed to or returned from a call that is not inlined is boxed.
     */
    private void cells(PackedLayer layer, float[] c, float[] next, int nextAt) {
        if (isruCell && isruGate) {
            isruCells(layer.paddedHidden, c, next, nextAt);
            return;
        }
        int hp = layer.paddedHidden;
        gateInPlace(z, 0, 2 * hp); // i and f
        cellInPlace(z, 2 * hp, 3 * hp); // g
        gateInPlace(z, 3 * hp, 4 * hp); // o
        for (int j = 0; j < hp; j += LANES) {
            FloatVector i = FloatVector.fromArray(SPECIES, z, j);
            FloatVector f = FloatVector.fromArray(SPECIES, z, hp + j);
            FloatVector g = FloatVector.fromArray(SPECIES, z, 2 * hp + j);
            FloatVector cNew = f.mul(FloatVector.fromArray(SPECIES, c, j)).add(i.mul(g));
            cNew.intoArray(c, j);
            cNew.intoArray(z, 2 * hp + j); // φ(c) in place of g, which is spent
        }
        cellInPlace(z, 2 * hp, 3 * hp);
        for (int j = 0; j < hp; j += LANES) {
            FloatVector.fromArray(SPECIES, z, 3 * hp + j).mul(FloatVector.fromArray(SPECIES, z, 2 * hp + j))
                    .intoArray(next, nextAt + j);
        }
    }

    /**
     * {@link #cells} of an all-ISRU model (ISRU cell, ISRU-sigmoid gates) in one loop over the blocks of L
     * units, each iteration all of a block's work, a square root and a division for each of its five
     * activations: the same operations as {@link #gateInPlace} and {@link #cellInPlace}, so the same bits,
     * measured 12% faster for the whole predict than their passes over the gate rows (docs/engine.md).
     */
    private void isruCells(int hp, float[] c, float[] next, int nextAt) {
        float clamp = FloatActivations.ISRU_CLAMP;
        for (int j = 0; j < hp; j += LANES) {
            FloatVector i = FloatVector.fromArray(SPECIES, z, j).max(-clamp).min(clamp);
            FloatVector f = FloatVector.fromArray(SPECIES, z, hp + j).max(-clamp).min(clamp);
            FloatVector g = FloatVector.fromArray(SPECIES, z, 2 * hp + j).max(-clamp).min(clamp);
            FloatVector o = FloatVector.fromArray(SPECIES, z, 3 * hp + j).max(-clamp).min(clamp);
            i = i.div(i.mul(i).add(4f).sqrt()).add(1f).mul(0.5f);
            f = f.div(f.mul(f).add(4f).sqrt()).add(1f).mul(0.5f);
            g = g.div(g.mul(g).add(1f).sqrt());
            o = o.div(o.mul(o).add(4f).sqrt()).add(1f).mul(0.5f);
            FloatVector cNew = f.mul(FloatVector.fromArray(SPECIES, c, j)).add(i.mul(g));
            cNew.intoArray(c, j);
            FloatVector v = cNew.max(-clamp).min(clamp);
            o.mul(v.div(v.mul(v).add(1f).sqrt())).intoArray(next, nextAt + j);
        }
    }

    /**
     * a[from .. to) = φ(a[from .. to)), to - from a multiple of L: ISRU lane-wise as
     * {@link FloatActivations#isru}, tanh lane-wise as {@link RationalTanh#tanh} (within 3e-7 of Math.tanh,
     * which the reference kernel uses).
     */
    private void cellInPlace(float[] a, int from, int to) {
        if (isruCell) {
            for (int at = from; at < to; at += LANES) {
                FloatVector v = FloatVector.fromArray(SPECIES, a, at)
                        .max(-FloatActivations.ISRU_CLAMP).min(FloatActivations.ISRU_CLAMP);
                v.div(v.mul(v).add(1f).sqrt()).intoArray(a, at);
            }
        } else {
            RationalTanhLanes.tanhInPlace(a, from, to);
        }
    }

    /**
     * a[from .. to) = σ(a[from .. to)), to - from a multiple of L: ISRU-sigmoid lane-wise as {@link FloatActivations#isruSigmoid},
     * the logistic lane-wise as {@link RationalTanh#sigmoid}, ½·tanh(x/2) + ½ with the same rational
     * (within 1.75e-7 of 1/(1 + e^-x)). The trainer computes the same bits ({@code ActivationPair}), so
     * a model runs here with the activations it was trained with. Not the Vector API's own TANH and
     * EXP: those are intrinsics only where the JVM has a vector math library for the platform (Intel's
     * SVML on x86-64; on AArch64 no NEON TANH, and EXP only with libsleef installed) and fall back to
     * per-lane Java code elsewhere, while this needs only the fused multiply-adds the matrix work
     * already uses, and one division.
     */
    private void gateInPlace(float[] a, int from, int to) {
        if (isruGate) {
            for (int at = from; at < to; at += LANES) {
                FloatVector v = FloatVector.fromArray(SPECIES, a, at)
                        .max(-FloatActivations.ISRU_CLAMP).min(FloatActivations.ISRU_CLAMP);
                v.div(v.mul(v).add(4f).sqrt()).add(1f).mul(0.5f).intoArray(a, at);
            }
        } else {
            RationalTanhLanes.sigmoidInPlace(a, from, to);
        }
    }
}
