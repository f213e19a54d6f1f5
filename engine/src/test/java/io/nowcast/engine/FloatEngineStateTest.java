package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.WeightType;
import io.nowcast.engine.testing.RandomModels;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Streaming against windows: T steps from a reset give what predict gives for the same T rows (both
 * kernels compute the same sums in the same order for both paths, so equality is exact), predict
 * leaves the streaming state alone, and reset really returns to zero state.
 */
class FloatEngineStateTest {
    static Stream<Named<Function<Model, FloatEngine>>> engines() {
        return EngineVariants.both();
    }

    private static Model model() {
        return RandomModels.model(99, new RandomModels.Shape(4, new int[] {24, 40}, 3, 30), WeightType.F32,
                CellActivation.ISRU, GateActivation.SIGMOID);
    }

    private static float[] streamWindow(FloatEngine engine, float[] window) {
        int inputs = engine.model().inputCount();
        float[] out = new float[engine.model().outputCount()];
        for (int t = 0; t < engine.model().window(); t++) {
            engine.step(Arrays.copyOfRange(window, t * inputs, (t + 1) * inputs), out);
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("engines")
    void stepsFromResetEqualPredict(Function<Model, FloatEngine> variant) {
        FloatEngine engine = variant.apply(model());
        float[] window = RandomModels.flatten(RandomModels.window(engine.model(), 1));
        float[] predicted = new float[engine.model().outputCount()];
        engine.predict(window, predicted);
        assertArrayEquals(predicted, streamWindow(engine, window), 0f);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void predictLeavesTheStreamingStateAlone(Function<Model, FloatEngine> variant) {
        FloatEngine engine = variant.apply(model());
        float[] first = RandomModels.flatten(RandomModels.window(engine.model(), 2));
        float[] second = RandomModels.flatten(RandomModels.window(engine.model(), 3));
        FloatEngine undisturbed = variant.apply(engine.model());
        float[] expected = streamWindow(undisturbed, first);
        int half = engine.model().window() / 2 * engine.model().inputCount();
        float[] out = new float[engine.model().outputCount()];
        float[] firstHalf = Arrays.copyOfRange(first, 0, half);
        float[] secondHalf = Arrays.copyOfRange(first, half, first.length);
        int inputs = engine.model().inputCount();
        for (int t = 0; t < firstHalf.length; t += inputs) {
            engine.step(Arrays.copyOfRange(firstHalf, t, t + inputs), out);
        }
        engine.predict(second, out);
        for (int t = 0; t < secondHalf.length; t += inputs) {
            engine.step(Arrays.copyOfRange(secondHalf, t, t + inputs), out);
        }
        assertArrayEquals(expected, out, 0f);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void resetReturnsToZeroState(Function<Model, FloatEngine> variant) {
        FloatEngine engine = variant.apply(model());
        float[] window = RandomModels.flatten(RandomModels.window(engine.model(), 4));
        float[] fresh = streamWindow(variant.apply(engine.model()), window);
        streamWindow(engine, RandomModels.flatten(RandomModels.window(engine.model(), 5)));
        engine.reset();
        assertArrayEquals(fresh, streamWindow(engine, window), 0f);
    }
}
