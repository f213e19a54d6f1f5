package io.nowcast.trainer.cli;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.trainer.nn.ActivationPair;
import io.nowcast.trainer.nn.LinearPath;
import io.nowcast.trainer.train.InputNoise;
import io.nowcast.trainer.train.TrainingConfig;
import java.util.List;
import picocli.CommandLine.Option;

/** Network and optimiser settings: shared by train and size-study. */
final class ModelOptions {
    @Option(names = "--hidden", defaultValue = "64,64", split = ",", paramLabel = "H",
            description = "Hidden size of each LSTM layer (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--cell", defaultValue = "tanh", paramLabel = "tanh|isru",
            description = "Cell activation φ (default: ${DEFAULT-VALUE}).")
    String cell;

    @Option(names = "--gate", defaultValue = "sigmoid", paramLabel = "sigmoid|isru-sigmoid",
            description = "Gate activation σ (default: ${DEFAULT-VALUE}).")
    String gate;

    @Option(names = "--batch", defaultValue = "32", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--chunk", defaultValue = "16",
            description = "Windows per unit of parallel work; changes results, threads do not (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--epochs", defaultValue = "50", description = "Most epochs (default: ${DEFAULT-VALUE}; docs/weather.md).")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.003", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--lr-decay", defaultValue = "0.5",
            description = "Learning-rate factor after --lr-patience epochs without improvement (default: ${DEFAULT-VALUE}).")
    double lrDecay;

    @Option(names = "--lr-patience", defaultValue = "2", description = "(default: ${DEFAULT-VALUE})")
    int lrPatience;

    @Option(names = "--patience", defaultValue = "6",
            description = "Stop after this many epochs without a better validation loss (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--clip", defaultValue = "1.0", description = "Gradient L2-norm clip (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--weight-decay", defaultValue = "0", description = "L2 penalty on all parameters (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--average", defaultValue = "0.998", paramLabel = "DECAY",
            description = "Keep an exponential moving average of the weights, updated after every step with this decay,"
                    + " and validate, stop early and export with it; 0: off (default: ${DEFAULT-VALUE}; docs/weather.md).")
    double averageDecay;

    @Option(names = "--input-noise", defaultValue = "0",
            description = "σ of Gaussian noise on each normalized training input value (default: ${DEFAULT-VALUE}).")
    double inputNoise;

    @Option(names = "--level-noise", defaultValue = "0.5",
            description = "σ of a random offset per training window and input, in normalized units; give 0 with"
                    + " --no-delta, whose forecast needs the level (default: ${DEFAULT-VALUE}; docs/weather.md).")
    double levelNoise;

    @Option(names = "--warm-start", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Fit the dense head by least squares on the untrained network before epoch 1 (default: on).")
    boolean warmStart;

    @Option(names = "--linear-path", split = ",", paramLabel = "TAU",
            description = "Start the first units of every layer as a near-linear path to the head: moving averages of"
                    + " each input with these time constants in steps, e.g. 0,4,15,60 (default: none).")
    List<Double> linearPath = List.of();

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores); the result does not depend on it.")
    Integer threads;

    ActivationPair activations() {
        CellActivation c = switch (cell) {
            case "tanh" -> CellActivation.TANH;
            case "isru" -> CellActivation.ISRU;
            default -> throw new IllegalArgumentException("--cell '" + cell + "': expected tanh or isru");
        };
        GateActivation g = switch (gate) {
            case "sigmoid" -> GateActivation.SIGMOID;
            case "isru-sigmoid" -> GateActivation.ISRU_SIGMOID;
            default -> throw new IllegalArgumentException("--gate '" + gate + "': expected sigmoid or isru-sigmoid");
        };
        return new ActivationPair(c, g);
    }

    int threadCount() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }

    TrainingConfig config(int[] hiddenSizes, ActivationPair pair) {
        return new TrainingConfig(hiddenSizes, pair, batch, chunk, epochs, learningRate, lrDecay, lrPatience, patience,
                clip, weightDecay, averageDecay, new InputNoise(inputNoise, levelNoise), warmStart,
                new LinearPath(linearPath.stream().mapToDouble(Double::doubleValue).toArray()), seed,
                threadCount());
    }

    TrainingConfig config() {
        return config(hidden.stream().mapToInt(Integer::intValue).toArray(), activations());
    }
}
