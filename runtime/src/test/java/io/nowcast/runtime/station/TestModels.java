package io.nowcast.runtime.station;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.LstmLayer;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.engine.model.OutputSpec;
import io.nowcast.engine.model.WeightType;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/** A small weather model for station tests, and an engine that runs it with the double reference. */
public final class TestModels {
    private TestModels() {
    }

    /** The channels of the test station. */
    public static final List<Channel> CHANNELS = List.of(new Channel("temperature", "°C"), new Channel("humidity", "%"),
            new Channel("pressure", "hPa"));

    /**
     * Inputs temperature, humidity, time_of_day_sin, time_of_day_cos (pressure is measured but not
     * used); outputs temperature_1h (a change from temperature) and humidity_1h; one LSTM layer of 4.
     */
    public static Model weather(int window, long intervalSeconds) {
        SplittableRandom rnd = new SplittableRandom(6);
        int n = 4;
        int h = 4;
        List<InputSpec> inputs = List.of(new InputSpec("temperature", "°C", 10, 5), new InputSpec("humidity", "%", 70, 15),
                new InputSpec("time_of_day_sin", "", 0, 0.7f), new InputSpec("time_of_day_cos", "", 0, 0.7f));
        List<OutputSpec> outputs = List.of(new OutputSpec("temperature_1h", "°C", 3600, 0, 0, 1),
                new OutputSpec("humidity_1h", "%", 3600, OutputSpec.NO_BASE_INPUT, 70, 15));
        LstmLayer layer = new LstmLayer(n, h, random(rnd, 4 * h * n), random(rnd, 4 * h * h), random(rnd, 4 * h));
        return new Model(WeightType.F32, CellActivation.ISRU, GateActivation.ISRU_SIGMOID, window, intervalSeconds, inputs,
                outputs, "station test model", List.of(layer), random(rnd, 2 * h), random(rnd, 2));
    }

    public static ModelInfo info(Model m) throws IOException {
        return ModelInfo.of("test.ncm", ModelWriter.toBytes(m), "float");
    }

    private static double[] random(SplittableRandom rnd, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextDouble(-0.5, 0.5);
        }
        return a;
    }
}
