package io.nowcast.engine;

import io.nowcast.engine.model.Gate;

/**
 * A {@link FusedLayer} re-laid out for a SIMD width of L lanes, so that the four gates of L
 * consecutive hidden units are four L-wide accumulators fed by one broadcast input value per column.
 * Hidden units are padded with zero weights and bias up to an even number of such blocks, Hp =
 * ceil(H / 2L)·2L, since the vector kernel takes blocks in pairs (a padded unit's c and h stay exactly
 * 0, and no real unit reads it). The same numbers as the fused [4H][n+H] matrix, in another order: one
 * step of the layer is still one pass over it.
 */
final class PackedLayer {
    final int inputSize; // n
    final int hiddenSize; // H
    final int paddedHidden; // Hp = blocks · L
    final int blocks; // Hp / L: groups of L hidden units, an even count
    final int columns; // n + H
    /**
     * [blocks][Gate.COUNT][n+H][L]: tiles[((jb·4 + gate)·(n+H) + k)·L + lane] = fused row
     * gate.firstRow(H) + jb·L + lane, column k (0 for a padded unit).
     */
    final float[] tiles;
    /** [blocks][Gate.COUNT][L]: bias of unit jb·L + lane's gate, the same tiling without k. */
    final float[] bias;

    PackedLayer(FusedLayer fused, int lanes) {
        inputSize = fused.inputSize;
        hiddenSize = fused.hiddenSize;
        blocks = (hiddenSize + 2 * lanes - 1) / (2 * lanes) * 2;
        paddedHidden = blocks * lanes;
        columns = fused.columns;
        tiles = new float[blocks * Gate.COUNT * columns * lanes];
        bias = new float[blocks * Gate.COUNT * lanes];
        for (int jb = 0; jb < blocks; jb++) {
            for (Gate gate : Gate.values()) {
                int tile = jb * Gate.COUNT + gate.ordinal();
                for (int lane = 0; lane < lanes; lane++) {
                    int unit = jb * lanes + lane;
                    if (unit >= hiddenSize) {
                        continue; // padding: zero weights and bias
                    }
                    int row = gate.firstRow(hiddenSize) + unit;
                    for (int k = 0; k < columns; k++) {
                        tiles[(tile * columns + k) * lanes + lane] = fused.weights[row * columns + k];
                    }
                    bias[tile * lanes + lane] = fused.bias[row];
                }
            }
        }
    }

    /** Offset in {@link #tiles} of column 0 of gate {@code gate} of unit block {@code jb}. */
    int tile(int jb, Gate gate, int lanes) {
        return (jb * Gate.COUNT + gate.ordinal()) * columns * lanes;
    }
}
