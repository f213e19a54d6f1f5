package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.LstmLayer;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelFormatException;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.engine.model.OutputSpec;
import io.nowcast.engine.model.WeightType;
import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.broker.BrokerSettings;
import io.nowcast.runtime.station.outbox.Outbox;
import io.nowcast.sensors.config.ConfigException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 6: a model whose forecast the outbox could never hold is refused at start, with
 * the bound it needs; the rule agrees with the real outbox to the byte; the model file's size is
 * checked before it is read.
 */
class MessageSizeTest {
    @TempDir
    Path dir;

    /** A model with {@code outputs} outputs of long names (the window and inputs of the test model). */
    private static Model manyOutputs(int outputs) {
        Model base = TestModels.weather(3, 600);
        List<OutputSpec> specs = new ArrayList<>();
        for (int k = 0; k < outputs; k++) {
            specs.add(new OutputSpec("temperature_change_at_horizon_" + k, "°C", 600L * (k + 1), 0, 0, 1));
        }
        LstmLayer l = base.layers().get(0);
        SplittableRandom rnd = new SplittableRandom(1);
        double[] head = new double[outputs * l.hiddenSize()];
        Arrays.setAll(head, i -> rnd.nextDouble(-0.5, 0.5));
        return new Model(WeightType.F32, CellActivation.ISRU, GateActivation.ISRU_SIGMOID, base.window(),
                base.intervalSeconds(), base.inputs(), specs, "many outputs", base.layers(), head, new double[outputs]);
    }

    private StationConfig config(long outboxBytes) {
        return new StationConfig("garden", dir.resolve("data"), dir.resolve("many.ncm"), "float", 2, 13, outboxBytes,
                BrokerSettings.plain("tcp://127.0.0.1:1", "garden"), false, "homeassistant", 3, List.of());
    }

    @Test
    void aModelWithMoreOutputsThanAnOutboxSegmentHoldsIsAConfigurationErrorNamingTheBoundItNeeds() throws Exception {
        ModelInfo info = ModelInfo.of("many.ncm", ModelWriter.toBytes(manyOutputs(200)), "float");
        ConfigException e = assertThrows(ConfigException.class,
                () -> StationService.checkMessageSizes(config(Outbox.MIN_MAX_BYTES), info, TestModels.CHANNELS));
        assertTrue(e.getMessage().startsWith(dir.resolve("many.ncm") + ": a forecast of its 200 outputs"), e.getMessage());
        assertTrue(e.getMessage().contains("more than one outbox segment holds (8192 bytes = outbox.max_bytes / 8)"),
                e.getMessage());
        long needed = Long.parseLong(e.getMessage().replaceAll(".*set outbox.max_bytes to at least ([0-9]+)$", "$1"));
        assertDoesNotThrow(() -> StationService.checkMessageSizes(config(needed), info, TestModels.CHANNELS));
        assertThrows(ConfigException.class, () -> StationService.checkMessageSizes(config(needed - 8), info,
                TestModels.CHANNELS));
        // ... and so does starting the station, before it touches the data directory
        assertThrows(ConfigException.class, () -> StationService.start(config(Outbox.MIN_MAX_BYTES), info,
                new io.nowcast.engine.testing.ReferenceEngine(info.model()), TestModels.CHANNELS));
        assertTrue(!Files.exists(dir.resolve("data")));
    }

    @Test
    void theRuleAgreesWithTheOutboxToTheByte() throws Exception {
        String topic = "nowcast/garden/forecast";
        long segment = Outbox.MIN_MAX_BYTES / StationService.OUTBOX_SEGMENTS;
        int fits = (int) (segment - StationService.OUTBOX_RECORD_OVERHEAD - topic.length());
        try (Outbox box = Outbox.open(dir.resolve("outbox"), Outbox.MIN_MAX_BYTES)) {
            assertDoesNotThrow(() -> box.append(topic, 0, new byte[fits]));
            assertThrows(IllegalArgumentException.class, () -> box.append(topic, 1, new byte[fits + 1]));
        }
    }

    @Test
    void noRealForecastOrObservationIsLargerThanTheLargestComputed() throws Exception {
        ModelInfo info = ModelInfo.of("many.ncm", ModelWriter.toBytes(manyOutputs(7)), "float");
        int largestForecast = Payloads.largestForecast("garden", info);
        int largestObservation = Payloads.largestObservation("garden", 600, TestModels.CHANNELS);
        SplittableRandom rnd = new SplittableRandom(3);
        float[] outputs = new float[7];
        double[] values = new double[3];
        GapFiller.Status[] status = {GapFiller.Status.OK, GapFiller.Status.FILLED, GapFiller.Status.MISSING};
        int[] counts = {Integer.MAX_VALUE, 0, 12345};
        for (int trial = 0; trial < 10_000; trial++) {
            for (int k = 0; k < 7; k++) {
                outputs[k] = Float.intBitsToFloat(rnd.nextInt()); // every float, NaN and infinities included
            }
            for (int c = 0; c < 3; c++) {
                values[c] = Double.longBitsToDouble(rnd.nextLong());
            }
            Instant t = Instant.ofEpochSecond(rnd.nextLong(0, 253_402_300_799L), rnd.nextInt(1_000_000_000));
            List<String> reasons = new ArrayList<>(List.of(
                    "temperature: 3 of 3 intervals had no valid reading and use the last good value",
                    "humidity: 3 of 3 intervals had no valid reading and use the last good value"));
            boolean[] fromPersistence = new boolean[7];
            for (int k = 0; k < 7; k++) {
                fromPersistence[k] = rnd.nextBoolean();
                if (rnd.nextBoolean()) { // the model worse than persistence for this output
                    reasons.add(info.model().outputs().get(k).name() + ": " + io.nowcast.runtime.station.skill.LiveSkill
                            .worseReason(rnd.nextInt(1, Integer.MAX_VALUE), rnd.nextBoolean()));
                }
            }
            int f = Payloads.forecast("garden", rnd.nextLong(0, Long.MAX_VALUE), SeqCounters.epochOf(t), t, t, info, outputs,
                    outputs, fromPersistence, reasons, rnd.nextLong(0, Long.MAX_VALUE), rnd.nextBoolean()).length;
            int o = Payloads.observation("garden", rnd.nextLong(0, Long.MAX_VALUE), SeqCounters.epochOf(t), t, 600,
                    TestModels.CHANNELS, values, status, counts, counts).length;
            assertTrue(f <= largestForecast, f + " > " + largestForecast);
            assertTrue(o <= largestObservation, o + " > " + largestObservation);
        }
        // 15 = sign, 9 significant digits, point, "E-38": no float is longer, on JDK 17 or 25.
        assertEquals(15, Float.toString(Payloads.LONGEST_FLOAT).length());
        assertEquals(24, Double.toString(Payloads.LONGEST_DOUBLE).length());
    }

    @Test
    void aModelFileLargerThanTheStationReadsIsRefusedBeforeItIsRead() throws Exception {
        Path big = dir.resolve("big.ncm");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(64L << 20); // sparse: nothing to read, were it read
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelInfo.load(big, "float", 16L << 20));
        assertEquals(big + ": the file is 67108864 bytes; this station reads models up to 16777216 bytes (a quarter of "
                + "the JVM's heap, -Xmx in NOWCAST_JAVA_OPTS): use a smaller model, or give the JVM more heap", e.getMessage());
        ModelWriter.write(TestModels.weather(3, 600), dir.resolve("small.ncm"));
        assertDoesNotThrow(() -> ModelInfo.load(dir.resolve("small.ncm"), "float"));
    }
}
