package io.nowcast.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.nowcast.engine.FloatEngine;
import io.nowcast.engine.model.Model;
import io.nowcast.trainer.onnx.OnnxExporter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The race: ONNX Runtime Java and Nowcast's float engine (fast kernel) on the same model in one run, BenchModels'
 * two layers of H, T = 48, 6 inputs, 3 outputs, tanh/logistic or all-ISRU. ORT runs the files {@code nowcast-train
 * export-onnx} writes (OnnxExporter: LSTM nodes for tanh, the steps unrolled into elementwise operators for ISRU; the streaming
 * form for one step), single-threaded like Nowcast (intra- and inter-op threads 1, sequential, all graph
 * optimizations), in its cheapest Java use: inputs and outputs in direct buffers made once, outputs pinned so that
 * ORT writes into them, the step's state carried by swapping two pinned sets. Built only with the Maven profile
 * {@code ort-race} (ORT's jar is 75 MB): see docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OrtRaceBenchmark {
    @Param({"64"})
    public int hidden;

    /** "tanh": tanh cell, logistic gates; "isru": ISRU cell, ISRU-sigmoid gates. */
    @Param({"tanh", "isru"})
    public String activations;

    private FloatEngine engine;
    private float[] window; // [T][I] raw inputs, row-major
    private float[][] rows; // the same rows one by one, for step
    private float[] out; // [O]
    private int next; // the row the next step reads

    private OrtEnvironment env;
    private OrtSession windowSession;
    private OrtSession stepSession;
    private final Map<String, OnnxTensor> windowFeed = new HashMap<>();
    private final Map<String, OnnxTensor> windowPinned = new HashMap<>();
    private FloatBuffer windowY; // [1][O], ORT writes it
    private FloatBuffer stepX; // [1][1][I], the row of the next step
    private FloatBuffer stepY; // [1][O]
    private final Map<String, OnnxTensor>[] stepFeed = newMaps(); // [2]: x and state set k
    private final Map<String, OnnxTensor>[] stepPinned = newMaps(); // [2]: y and state set 1 - k
    private int side; // which state set holds the current state

    @SuppressWarnings("unchecked")
    private static Map<String, OnnxTensor>[] newMaps() {
        return new Map[] {new HashMap<>(), new HashMap<>()};
    }

    @Setup
    public void setUp() throws OrtException {
        Model model = BenchModels.model(hidden, activations);
        engine = new FloatEngine(model);
        rows = BenchModels.rows(model, 18);
        window = BenchModels.window(rows);
        out = new float[model.outputCount()];

        env = OrtEnvironment.getEnvironment();
        windowSession = env.createSession(OnnxExporter.export(model).toByteArray(), options());
        stepSession = env.createSession(OnnxExporter.exportStreaming(model).toByteArray(), options());
        int inputs = model.inputCount();
        int outputs = model.outputCount();
        windowFeed.put(OnnxExporter.INPUT, tensor(direct(window.length).put(window).flip(), 1, model.window(), inputs));
        windowY = direct(outputs);
        windowPinned.put(OnnxExporter.OUTPUT, tensor(windowY, 1, outputs));
        stepX = direct(inputs);
        stepY = direct(outputs);
        OnnxTensor x = tensor(stepX, 1, 1, inputs);
        OnnxTensor y = tensor(stepY, 1, outputs);
        for (int l = 0; l < model.layers().size(); l++) {
            int h = model.layers().get(l).hiddenSize();
            for (int k = 0; k < 2; k++) {
                OnnxTensor hk = tensor(direct(h), 1, h);
                OnnxTensor ck = tensor(direct(h), 1, h);
                stepFeed[k].put("h" + l + "_in", hk);
                stepFeed[k].put("c" + l + "_in", ck);
                stepPinned[1 - k].put("h" + l, hk);
                stepPinned[1 - k].put("c" + l, ck);
            }
        }
        for (int k = 0; k < 2; k++) {
            stepFeed[k].put(OnnxExporter.INPUT, x);
            stepPinned[k].put(OnnxExporter.OUTPUT, y);
        }
    }

    private static OrtSession.SessionOptions options() throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(1);
        o.setInterOpNumThreads(1);
        o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return o;
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private OnnxTensor tensor(FloatBuffer buffer, long... shape) throws OrtException {
        return OnnxTensor.createTensor(env, buffer, shape);
    }

    @TearDown(Level.Trial)
    public void close() throws OrtException {
        windowSession.close();
        stepSession.close();
    }

    @Benchmark
    public float[] nowcastPredict() {
        engine.predict(window, out);
        return out;
    }

    @Benchmark
    public float[] ortPredict() throws OrtException {
        try (OrtSession.Result r = windowSession.run(windowFeed, windowPinned)) {
            windowY.get(0, out);
        }
        return out;
    }

    @Benchmark
    public float[] nowcastStep() {
        engine.step(rows[next], out);
        next = next + 1 == rows.length ? 0 : next + 1;
        return out;
    }

    @Benchmark
    public float[] ortStep() throws OrtException {
        stepX.put(0, rows[next]);
        try (OrtSession.Result r = stepSession.run(stepFeed[side], stepPinned[side])) {
            stepY.get(0, out);
        }
        side = 1 - side;
        next = next + 1 == rows.length ? 0 : next + 1;
        return out;
    }
}
