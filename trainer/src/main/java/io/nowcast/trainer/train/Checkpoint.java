package io.nowcast.trainer.train;

import io.nowcast.trainer.data.DataException;
import io.nowcast.trainer.nn.Adam;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A {@link TrainingState} on disk (big-endian, java.io.DataOutput), written atomically: to a
 * temporary file, then renamed over the old one, so that Ctrl-C or a crash never leaves half a
 * checkpoint. The configuration's fingerprint is stored and must match on resume.
 */
public final class Checkpoint {
    private static final int MAGIC = 0x4E43_4B32; // "NCK2": NCK1 with the weights' moving average

    private Checkpoint() {
    }

    public static void write(TrainingState s, TrainingConfig config, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(MAGIC);
            out.writeUTF(config.fingerprint());
            out.writeInt(s.epochsDone);
            out.writeInt(s.epochsWithoutImprovement);
            out.writeInt(s.bestEpoch);
            out.writeDouble(s.bestValidationLoss);
            out.writeDouble(s.learningRate);
            out.writeLong(s.adam.step());
            floats(out, s.theta);
            floats(out, s.average);
            floats(out, s.best);
            floats(out, s.adam.firstMoment());
            floats(out, s.adam.secondMoment());
            doubles(out, s.trainLoss);
            doubles(out, s.validationLoss);
            doubles(out, s.learningRates);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The state saved in {@code file}, checked against {@code config} and the parameter count. */
    public static TrainingState read(Path file, TrainingConfig config, int parameterCount) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": no checkpoint to resume from");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new DataException(file + ": not a nowcast-train checkpoint");
            }
            String fingerprint = in.readUTF();
            if (!fingerprint.equals(config.fingerprint())) {
                throw new DataException(file + ": checkpoint was made with " + fingerprint + ", not " + config.fingerprint());
            }
            int epochsDone = in.readInt();
            int flat = in.readInt();
            int bestEpoch = in.readInt();
            double bestLoss = in.readDouble();
            double lr = in.readDouble();
            long step = in.readLong();
            float[] theta = floats(in, parameterCount, file);
            Adam adam = new Adam(parameterCount);
            TrainingState s = new TrainingState(theta, adam, lr);
            System.arraycopy(floats(in, parameterCount, file), 0, s.average, 0, parameterCount);
            s.best = floats(in, parameterCount, file);
            adam.restore(floats(in, parameterCount, file), floats(in, parameterCount, file), step);
            s.epochsDone = epochsDone;
            s.epochsWithoutImprovement = flat;
            s.bestEpoch = bestEpoch;
            s.bestValidationLoss = bestLoss;
            doubles(in, s.trainLoss);
            doubles(in, s.validationLoss);
            doubles(in, s.learningRates);
            return s;
        } catch (EOFException e) {
            throw new DataException(file + ": checkpoint is cut short");
        }
    }

    private static void floats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float v : a) {
            out.writeFloat(v);
        }
    }

    private static float[] floats(DataInputStream in, int expected, Path file) throws IOException {
        int n = in.readInt();
        if (n != expected) {
            throw new DataException(file + ": checkpoint holds " + n + " parameters, this network has " + expected);
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }

    private static void doubles(DataOutputStream out, List<Double> a) throws IOException {
        out.writeInt(a.size());
        for (double v : a) {
            out.writeDouble(v);
        }
    }

    private static void doubles(DataInputStream in, List<Double> into) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            into.add(in.readDouble());
        }
    }
}
