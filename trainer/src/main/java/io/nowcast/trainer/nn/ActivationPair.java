package io.nowcast.trainer.nn;

import io.nowcast.engine.activation.RationalTanh;
import io.nowcast.engine.activation.RationalTanhLanes;
import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;

/**
 * σ (gates) and φ (candidate and cell) in float, applied in place over array ranges; the forward
 * pass writes each value's slope beside it, so that backward needs no activation code at all:
 * <ul>
 *   <li>logistic σ(x) = 1/(1+e^-x): σ' = y(1−y);
 *   <li>ISRU-sigmoid σ(x) = ½(1 + x/s), s = √(4+x²): σ' = 2/s³;
 *   <li>tanh: φ' = 1 − y²;
 *   <li>ISRU φ(x) = x/s, s = √(1+x²): φ' = 1/s³.
 * </ul>
 * The ISRU pair's slopes come from the s it computes anyway. tanh and the logistic are the engine's
 * {@link RationalTanh} (σ(x) = ½·tanh(x/2) + ½), computed in Vector API lanes by
 * {@link RationalTanhLanes}: the same bits the float engine's vector kernel computes, so a model
 * runs on the device with the very activations it was trained with (and within 3e-7 of Math.tanh,
 * which the engine's reference kernel uses). The slopes are those of the exact functions at the
 * computed y; below the clamp, the rational's own derivative differs from them by less than 2e-7.
 */
public record ActivationPair(CellActivation cell, GateActivation gate) {
    public static final ActivationPair TANH_SIGMOID = new ActivationPair(CellActivation.TANH, GateActivation.SIGMOID);
    public static final ActivationPair ISRU = new ActivationPair(CellActivation.ISRU, GateActivation.ISRU_SIGMOID);

    /** y = σ(x) in place over a[from, to), and σ'(x) into slope[from, to). */
    public void gateInPlace(float[] a, float[] slope, int from, int to) {
        if (gate == GateActivation.ISRU_SIGMOID) {
            for (int i = from; i < to; i++) { // s = √(4+x²): σ = ½ + ½·x/s, σ' = 2/s³
                float x = a[i];
                float q = (float) Math.sqrt(4f + x * x);
                a[i] = 0.5f + 0.5f * x / q;
                slope[i] = 2f / (q * q * q);
            }
        } else {
            RationalTanhLanes.sigmoidInPlace(a, from, to);
            for (int i = from; i < to; i++) {
                float y = a[i];
                slope[i] = y * (1f - y);
            }
        }
    }

    /** y = φ(x) in place over a[from, to), and φ'(x) into slope[from, to). */
    public void cellInPlace(float[] a, float[] slope, int from, int to) {
        if (cell == CellActivation.ISRU) {
            for (int i = from; i < to; i++) { // s = √(1+x²): φ = x/s, φ' = 1/s³
                float x = a[i];
                float q = (float) Math.sqrt(1f + x * x);
                a[i] = x / q;
                slope[i] = 1f / (q * q * q);
            }
        } else {
            RationalTanhLanes.tanhInPlace(a, from, to);
            for (int i = from; i < to; i++) {
                float y = a[i];
                slope[i] = 1f - y * y;
            }
        }
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
