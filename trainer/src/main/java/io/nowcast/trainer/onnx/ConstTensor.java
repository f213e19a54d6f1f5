package io.nowcast.trainer.onnx;

import java.util.Arrays;

/**
 * A tensor whose values are known at import: an initializer, a {@code Constant}, or what a node computes from such
 * tensors alone. Values row-major, held as doubles (float32 values exactly; int64 shape arithmetic exactly up to
 * 2^53, far beyond any size here); {@code integer} for int32/int64/bool element types.
 */
record ConstTensor(int[] dims, double[] values, boolean integer) {
    /** The most values a tensor computed at import may hold (512 MiB of doubles): far above any LSTM's weights. */
    static final int MAX_VALUES = 1 << 26;

    ConstTensor {
        long size = 1;
        for (int d : dims) {
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " needs " + size + " values, got "
                    + values.length);
        }
    }

    /**
     * The number of values of this shape, for a tensor about to be computed.
     *
     * @throws IllegalArgumentException for a negative dimension or more than {@link #MAX_VALUES} values
     */
    static int size(int... dims) {
        long size = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            }
            size *= d;
            if (size > MAX_VALUES) {
                throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(dims) + " is too large");
            }
        }
        return (int) size;
    }

    static ConstTensor ints(long... values) {
        double[] v = new double[values.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = values[k];
        }
        return new ConstTensor(new int[] {values.length}, v, true);
    }

    int rank() {
        return dims.length;
    }

    int size() {
        return values.length;
    }

    /** The values as longs (for shapes, axes, indices). */
    long[] longs() {
        long[] l = new long[values.length];
        for (int k = 0; k < l.length; k++) {
            l[k] = (long) values[k];
        }
        return l;
    }

    /** True when every value is 0. */
    boolean allZero() {
        for (double v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** The same values with another shape of the same size. */
    ConstTensor reshaped(int... newDims) {
        return new ConstTensor(newDims, values, integer);
    }

    /** Row-major strides of this shape. */
    int[] strides() {
        int[] s = new int[dims.length];
        int step = 1;
        for (int k = dims.length - 1; k >= 0; k--) {
            s[k] = step;
            step *= dims[k];
        }
        return s;
    }

    String shapeText() {
        return Arrays.toString(dims);
    }
}
