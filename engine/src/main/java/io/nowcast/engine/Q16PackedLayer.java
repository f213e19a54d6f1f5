package io.nowcast.engine;

import io.nowcast.engine.model.Gate;

/**
 * A {@link Q16Layer} re-laid out for L long lanes, immutable: for one block of L hidden units and
 * one column k of the fused [4H][n+H] matrix, the four gates' L weights lie side by side, so that
 * the Vector API kernel reads each block's weights in one forward sweep over the columns. Hidden
 * units are padded with zero weights and bias up to an even number of blocks (the kernel takes
 * blocks in pairs); a padded unit's gate sums are never read. The same Q16.16 numbers as the
 * Q16Layer, in another order.
 */
final class Q16PackedLayer {
    final int inputSize; // n
    final int hiddenSize; // H
    final int width; // n + H
    final int blocks; // ceil(H / 2L) · 2: groups of L hidden units, an even count
    final int paddedHidden; // Hp = blocks · L: the stride of the gate sums
    /**
     * [blocks][n+H][4][L]: tiles[((jb·(n+H) + k)·4 + gate)·L + lane] = [W U] row
     * gate.firstRow(H) + jb·L + lane, column k; Q16.16 (0 for a padded unit).
     */
    final int[] tiles;
    final long[] bias; // [4][Hp]: b of gate g, unit j at g·Hp + j; Q32.32 (0 for a padded unit)

    Q16PackedLayer(Q16Layer layer, int lanes) {
        inputSize = layer.inputSize;
        hiddenSize = layer.hiddenSize;
        width = inputSize + hiddenSize;
        blocks = (hiddenSize + 2 * lanes - 1) / (2 * lanes) * 2;
        paddedHidden = blocks * lanes;
        tiles = new int[blocks * width * Gate.COUNT * lanes];
        bias = new long[Gate.COUNT * paddedHidden];
        for (Gate gate : Gate.values()) {
            for (int j = 0; j < hiddenSize; j++) {
                int row = gate.firstRow(hiddenSize) + j;
                int jb = j / lanes;
                int lane = j % lanes;
                for (int k = 0; k < width; k++) {
                    tiles[tile(jb, k, gate, lanes) + lane] = layer.weight(row, k);
                }
                bias[gate.ordinal() * paddedHidden + j] = layer.bias[row];
            }
        }
    }

    /** Where in {@link #tiles} gate {@code gate}'s L weights of block jb, column k start. */
    int tile(int jb, int k, Gate gate, int lanes) {
        return ((jb * width + k) * Gate.COUNT + gate.ordinal()) * lanes;
    }
}
