package io.nowcast.trainer.cli;

import io.nowcast.trainer.nn.ActivationPair;
import io.nowcast.trainer.nn.LstmNetwork;
import io.nowcast.trainer.nn.LstmShape;
import io.nowcast.trainer.train.TrainingBenchmark;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nowcast-train bench}: training speed on synthetic data. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training speed (windows/s, GFLOP/s of forward + backward matrix work) on synthetic data.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--inputs", defaultValue = "5", description = "Inputs I (default: ${DEFAULT-VALUE}).")
    int inputs;

    @Option(names = "--hidden", defaultValue = "64,64", split = ",", description = "Hidden sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--outputs", defaultValue = "1", description = "Outputs O (default: ${DEFAULT-VALUE}).")
    int outputs;

    @Option(names = "--window", defaultValue = "48", description = "T (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--batch", defaultValue = "32", description = "Mini-batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--chunk", defaultValue = "16", description = "Windows per parallel work unit (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--threads", defaultValue = "1,2", split = ",", description = "Thread counts to run (default: ${DEFAULT-VALUE}).")
    List<Integer> threads;

    @Option(names = "--activation", defaultValue = "tanh,isru", split = ",",
            description = "Pairs: tanh (tanh + sigmoid), isru (ISRU + ISRU-sigmoid) (default: ${DEFAULT-VALUE}).")
    List<String> activations;

    @Option(names = "--warmup", defaultValue = "3", description = "Warm-up seconds per run (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds per run (default: ${DEFAULT-VALUE}).")
    double seconds;


    @Override
    public Integer call() {
        LstmShape shape = new LstmShape(inputs, hidden.stream().mapToInt(Integer::intValue).toArray(), outputs);
        System.out.printf(Locale.ROOT, "# %s, T=%d, batch=%d, chunk=%d, %.2f MFLOP per window (3 x 2*4H*(n+H) per layer-step)%n",
                shape, window, batch, chunk, shape.matrixFlopsPerWindow(window) / 1e6);
        System.out.println("activation threads windows/s GFLOP/s");
        for (String a : activations) {
            LstmNetwork net = new LstmNetwork(shape, ActivationPair.ofLabel(a), window);
            for (int t : threads) {
                TrainingBenchmark.Result r = TrainingBenchmark.run(net, batch, chunk, t, warmup, seconds);
                System.out.printf(Locale.ROOT, "%-10s %7d %10.1f %7.2f%n", a, t, r.windowsPerSecond(), r.gflops());
            }
        }
        return 0;
    }
}
