package io.nowcast.trainer.nn;

/**
 * Adam (Kingma and Ba, "Adam: A Method for Stochastic Optimization", 2015, Algorithm 1) over a flat
 * parameter vector, with the bias-corrected step size folded into α_t = α·√(1−β2^t)/(1−β1^t).
 */
public final class Adam {
    public static final float BETA1 = 0.9f;
    public static final float BETA2 = 0.999f;
    public static final float EPSILON = 1e-8f;

    private final float[] m; // first moment [|θ|]
    private final float[] v; // second moment [|θ|]
    private long step; // t, updates done

    public Adam(int size) {
        m = new float[size];
        v = new float[size];
    }

    /** θ ← θ − α_t · m̂ / (√v̂ + ε), after folding g into the moments. */
    public void update(float[] theta, float[] grad, double learningRate) {
        step++;
        double correction = Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
        float alpha = (float) (learningRate * correction);
        for (int i = 0; i < theta.length; i++) {
            float g = grad[i];
            m[i] = BETA1 * m[i] + (1 - BETA1) * g;
            v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
            theta[i] -= alpha * m[i] / ((float) Math.sqrt(v[i]) + EPSILON);
        }
    }

    public long step() {
        return step;
    }

    /** m, live (for checkpoints). */
    public float[] firstMoment() {
        return m;
    }

    /** v, live (for checkpoints). */
    public float[] secondMoment() {
        return v;
    }

    /** Sets the moments and step count saved in a checkpoint. */
    public void restore(float[] firstMoment, float[] secondMoment, long steps) {
        System.arraycopy(firstMoment, 0, m, 0, m.length);
        System.arraycopy(secondMoment, 0, v, 0, v.length);
        step = steps;
    }
}
