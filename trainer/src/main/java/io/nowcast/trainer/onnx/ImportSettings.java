package io.nowcast.trainer.onnx;

import java.util.List;

/**
 * What an ONNX file does not say and a Nowcast model needs: names, window, interval, and how raw values are scaled
 * to what the network was trained on (x' = (x - mean) / std per input, y = y' · std + mean per output). Null lists
 * take their defaults once the sizes are known: names x0…, y0…; means 0; deviations 1; horizons 0.
 *
 * @param window      T; null takes the sequence length the file declares
 */
public record ImportSettings(List<String> inputNames, List<String> outputNames, Integer window, long intervalSeconds,
        List<Double> inputMeans, List<Double> inputStds, List<Double> outputMeans, List<Double> outputStds,
        List<Long> horizonSeconds) {
}
