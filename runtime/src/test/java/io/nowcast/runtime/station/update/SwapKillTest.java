package io.nowcast.runtime.station.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.ModelReader;
import io.nowcast.runtime.station.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of model swaps: a child JVM ({@link SwapLoopMain}) swaps models in a loop
 * and is killed (SIGKILL, {@link Process#destroyForcibly}) after a random delay, 30 times; after each
 * kill the store is opened as a restarted station would, and must hold exactly one of the two models
 * of the swap that was going on (the old one or the new one, never none, never a mix), intact, and
 * nothing else. Note: a kill leaves the kernel's page cache behind, so this tests atomicity and
 * recovery, not the fsyncs (a power cut would).
 */
class SwapKillTest {
    private static final int KILLS = 30;
    /** Three models of different sizes; version v is model v % 3. */
    private static final byte[][] MODELS = new byte[3][];

    static {
        try {
            for (int k = 0; k < 3; k++) {
                MODELS[k] = Updates.model(k, 600, 6, 24 + 8 * k, "temperature", "humidity");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] modelOf(long version) {
        return MODELS[(int) (version % 3)];
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aKillAnywhereInASwapComesBackWithExactlyOneOfTheTwoModels(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path base = Files.write(dir.resolve("model.ncm"), Updates.model(9));
        SplittableRandom rnd = new SplittableRandom(15);
        int midSwapOld = 0;
        int midSwapNew = 0;
        int betweenSwaps = 0;
        long lastVersion = 0;
        for (int k = 0; k < KILLS; k++) {
            Path log = dir.resolve("child-" + k + ".log");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                    "-cp", System.getProperty("java.class.path"), SwapLoopMain.class.getName(), data.toString(),
                    base.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Await.until("the child's first swap", 30, () -> !p.isAlive() || Files.readString(log).contains("begin"));
            Thread.sleep(rnd.nextInt(0, 60));
            p.destroyForcibly();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            List<String> lines = Files.readAllLines(log);
            assertTrue(!lines.isEmpty() && lines.get(0).startsWith("begin"), "child output: " + lines);
            String last = lines.get(lines.size() - 1);
            long v = Long.parseLong(last.substring(last.indexOf(' ') + 1));
            try (ModelStore store = ModelStore.open(data, base)) {
                ModelStore.Entry current = store.current();
                if (last.startsWith("done")) {
                    assertEquals(v, current.version(), last);
                    betweenSwaps++;
                } else {
                    assertTrue(current.version() == v - 1 || current.version() == v, last + ", current "
                            + current.version());
                    if (current.version() == v) {
                        midSwapNew++;
                    } else {
                        midSwapOld++;
                    }
                }
                byte[] expected = current.version() == 0 ? Files.readAllBytes(base) : modelOf(current.version());
                assertEquals(sha256(expected), current.sha256());
                assertEquals(sha256(expected), sha256(Files.readAllBytes(current.file())), "the current file is whole");
                ModelReader.read(current.file());
                Set<String> allowed = new TreeSet<>(List.of("lock", "state", ModelStore.fileName(current.version())));
                if (store.previous() != null) {
                    assertEquals(current.version() - 1, store.previous().version());
                    assertEquals(sha256(Files.readAllBytes(store.previous().file())), store.previous().sha256());
                    allowed.add(ModelStore.fileName(store.previous().version()));
                }
                try (Stream<Path> files = Files.list(data.resolve(ModelStore.DIR))) {
                    List<String> names = new ArrayList<>(files.map(f -> f.getFileName().toString()).toList());
                    assertTrue(allowed.containsAll(names), "after recovery only " + allowed + " remain: " + names);
                }
                assertTrue(current.version() >= lastVersion, "never back to an older model");
                lastVersion = current.version();
            }
        }
        System.out.printf("%d kills: %d in a swap came back with the old model, %d with the new one, %d between swaps%n",
                KILLS, midSwapOld, midSwapNew, betweenSwaps);
        assertTrue(midSwapOld + midSwapNew > 0, "some kills landed in the middle of a swap");
    }
}
