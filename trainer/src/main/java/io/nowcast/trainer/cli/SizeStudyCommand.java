package io.nowcast.trainer.cli;

import io.nowcast.engine.model.WeightType;
import io.nowcast.trainer.eval.EngineFactory;
import io.nowcast.trainer.nn.ActivationPair;
import io.nowcast.trainer.run.SizeStudy;
import io.nowcast.trainer.run.StopOnSignal;
import io.nowcast.trainer.run.TrainRun;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nowcast-train size-study}: hidden size × activation pair, same data and seed. */
@Command(name = "size-study", mixinStandardHelpOptions = true,
        description = "Train and evaluate one model per hidden size and activation pair (same data, same seed); "
                + "write OUT/size-study.csv and charts of training time, prediction time and accuracy.")
final class SizeStudyCommand implements Callable<Integer> {
    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--sizes", defaultValue = "10,20,50,100,200,300", split = ",",
            description = "Hidden sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--layers", defaultValue = "1", description = "LSTM layers, each of the size studied (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--activations", defaultValue = "tanh,isru", split = ",",
            description = "Pairs: tanh (tanh + sigmoid), isru (ISRU + ISRU-sigmoid) (default: ${DEFAULT-VALUE}).")
    List<String> activations;

    @Option(names = "--engines", defaultValue = "float", split = ",",
            description = "Runtime engines; the first one's prediction time and error are tabled (default: ${DEFAULT-VALUE}).")
    List<String> engines;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;


    @Override
    public Integer call() throws Exception {
        List<ActivationPair> pairs = activations.stream().map(ActivationPair::ofLabel).toList();
        TrainRun.Options base = new TrainRun.Options(data.source(), data.spec(), data.data, data.testData,
                data.splitFractions(), model.config(), WeightType.F32, data.columnUnits, out, false,
                TrainRun.engines(engines, EngineFactory::byName));
        try (StopOnSignal stop = new StopOnSignal()) {
            List<SizeStudy.Row> rows = new SizeStudy(base, sizes, pairs, layers, System.err).run(stop);
            System.out.println("wrote " + out.resolve("size-study.csv") + " (" + rows.size() + " runs)");
            return rows.size() == sizes.size() * pairs.size() ? 0 : 130;
        }
    }
}
