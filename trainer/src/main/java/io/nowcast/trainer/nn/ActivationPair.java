package io.nowcast.trainer.nn;

import io.nowcast.runtime.model.CellActivation;
import io.nowcast.runtime.model.GateActivation;

/**
 * σ (gates) and φ (candidate and cell) in float, applied in place over array ranges, with their
 * slopes written as functions of the activation's own output y (so that backward needs only what
 * forward stored):
 * <ul>
 *   <li>logistic σ(x) = 1/(1+e^-x): σ' = y(1−y);
 *   <li>ISRU-sigmoid σ(x) = ½(1 + x/√(4+x²)): σ' = 2/(4+x²)^{3/2}; with u = 2y−1, 1−u² = 4/(4+x²),
 *       so σ' = (1−u²)^{3/2} / 4;
 *   <li>tanh: φ' = 1 − y²;
 *   <li>ISRU φ(x) = x/√(1+x²): φ' = (1+x²)^{-3/2}; 1−y² = 1/(1+x²), so φ' = (1−y²)^{3/2}.
 * </ul>
 */
public record ActivationPair(CellActivation cell, GateActivation gate) {
    public static final ActivationPair TANH_SIGMOID = new ActivationPair(CellActivation.TANH, GateActivation.SIGMOID);
    public static final ActivationPair ISRU = new ActivationPair(CellActivation.ISRU, GateActivation.ISRU_SIGMOID);

    /** y = σ(x) in place over a[from, to). */
    public void gateInPlace(float[] a, int from, int to) {
        if (gate == GateActivation.ISRU_SIGMOID) {
            for (int i = from; i < to; i++) {
                float x = a[i];
                a[i] = 0.5f + 0.5f * x / (float) Math.sqrt(4f + x * x);
            }
        } else {
            for (int i = from; i < to; i++) {
                a[i] = (float) (1.0 / (1.0 + Math.exp(-a[i])));
            }
        }
    }

    /** y = φ(x) in place over a[from, to). */
    public void cellInPlace(float[] a, int from, int to) {
        if (cell == CellActivation.ISRU) {
            for (int i = from; i < to; i++) {
                float x = a[i];
                a[i] = x / (float) Math.sqrt(1f + x * x);
            }
        } else {
            for (int i = from; i < to; i++) {
                a[i] = (float) Math.tanh(a[i]);
            }
        }
    }

    /** σ' as a function of y = σ(x). */
    public float gateSlope(float y) {
        if (gate == GateActivation.ISRU_SIGMOID) {
            float u = 2f * y - 1f;
            float q = Math.max(0f, 1f - u * u);
            return 0.25f * q * (float) Math.sqrt(q);
        }
        return y * (1f - y);
    }

    /** φ' as a function of y = φ(x). */
    public float cellSlope(float y) {
        float q = 1f - y * y;
        if (cell == CellActivation.ISRU) {
            q = Math.max(0f, q);
            return q * (float) Math.sqrt(q);
        }
        return q;
    }

    /** "tanh" or "isru" (the pair is named after its cell activation). */
    public String label() {
        return cell == CellActivation.ISRU ? "isru" : "tanh";
    }

    /** "tanh" (tanh + sigmoid) or "isru" (ISRU + ISRU-sigmoid). */
    public static ActivationPair ofLabel(String label) {
        return switch (label) {
            case "tanh" -> TANH_SIGMOID;
            case "isru" -> ISRU;
            default -> throw new IllegalArgumentException("activation '" + label + "': expected tanh or isru");
        };
    }
}
