package io.nowcast.runtime.station.update;

import io.nowcast.engine.model.CellActivation;
import io.nowcast.engine.model.GateActivation;
import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.LstmLayer;
import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.engine.model.OutputSpec;
import io.nowcast.engine.model.WeightType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Update messages for the station's tests, built from docs/updates.md's table (not with the
 * trainer's encoder, which {@code PublishToStationTest} runs for real), with hooks to break them.
 */
public final class Updates {
    private Updates() {
    }

    /** A signing pair and its .pub file. */
    public record Signer(KeyPair pair, Path pub) {
        public static Signer create(Path dir, String name) throws GeneralSecurityException, IOException {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Path pub = dir.resolve(name + ".pub");
            Files.createDirectories(dir);
            Files.writeString(pub, "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                    pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            return new Signer(pair, pub);
        }

        byte[] keyId() throws GeneralSecurityException {
            return MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded());
        }
    }

    /**
     * A signed message.
     *
     * @param sha256 the SHA-256 to state in the header (normally the model's)
     */
    static byte[] message(String station, long version, Signer signer, byte[] model, byte[] sha256)
            throws GeneralSecurityException {
        byte[] id = station.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(92 + id.length + model.length + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'N', 'C', 'U', '1'}).putShort((short) 1).putShort((short) id.length).putLong(version)
                .putLong(1_767_225_600_000L).put(signer.keyId()).put(sha256).putInt(model.length).put(id).put(model);
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(signer.pair().getPrivate());
        s.update(b.array(), 0, b.position());
        b.put(s.sign());
        return b.array();
    }

    public static byte[] message(String station, long version, Signer signer, byte[] model) throws GeneralSecurityException {
        return message(station, version, signer, model, MessageDigest.getInstance("SHA-256").digest(model));
    }

    /** {@code m} with byte {@code at} flipped. */
    public static byte[] flip(byte[] m, int at) {
        byte[] c = m.clone();
        c[at] ^= 0x40;
        return c;
    }

    static byte[] cut(byte[] m, int length) {
        return Arrays.copyOf(m, length);
    }

    /**
     * A weather model on {@code intervalSeconds} with the given inputs (channels of
     * TestModels.CHANNELS or derived features), one output, one LSTM layer of {@code hidden};
     * {@code seed} makes each one's weights (and bytes) its own.
     */
    public static byte[] model(long seed, long intervalSeconds, int window, int hidden, String... inputs) throws IOException {
        return model(seed, 0, intervalSeconds, window, hidden, inputs);
    }

    /**
     * As {@link #model(long, long, int, int, String...)}, its one output the change of temperature
     * over 1 h: {@code change} °C plus what its random weights add, at most (hidden + 1) × 0.5 °C either
     * way (states in (−1, 1), head weights and bias in ±0.5).
     */
    public static byte[] model(long seed, float change, long intervalSeconds, int window, int hidden, String... inputs)
            throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<InputSpec> in = Arrays.stream(inputs).map(n -> new InputSpec(n, "", 10, 5)).toList();
        int n = in.size();
        LstmLayer layer = new LstmLayer(n, hidden, random(rnd, 4 * hidden * n), random(rnd, 4 * hidden * hidden),
                random(rnd, 4 * hidden));
        Model m = new Model(WeightType.F32, CellActivation.ISRU, GateActivation.ISRU_SIGMOID, window, intervalSeconds, in,
                List.of(new OutputSpec("temperature_1h", "°C", 3600, 0, change, 1)), "update test model " + seed,
                List.of(layer), random(rnd, hidden), random(rnd, 1));
        return ModelWriter.toBytes(m);
    }

    /** The usual update: the test station's inputs, 600 s, T = 6. */
    public static byte[] model(long seed) throws IOException {
        return model(seed, 600, 6, 4, "temperature", "humidity", "time_of_day_sin", "time_of_day_cos");
    }

    private static double[] random(SplittableRandom rnd, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextDouble(-0.5, 0.5);
        }
        return a;
    }
}
