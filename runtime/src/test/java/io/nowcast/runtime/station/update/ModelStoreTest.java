package io.nowcast.runtime.station.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    @TempDir
    Path dir;
    private Path data;
    private Path base;

    @BeforeEach
    void files() throws IOException {
        data = dir.resolve("data");
        base = Files.write(dir.resolve("model.ncm"), Updates.model(0));
    }

    private static void take(ModelStore s, long version, byte[] model) throws IOException {
        s.stage(version, model);
        s.commit(version, SwapKillTest.sha256(model));
    }

    @Test
    void keepsTheCurrentAndThePreviousAndRollsBackOnce() throws Exception {
        try (ModelStore s = ModelStore.open(data, base)) {
            assertEquals(0, s.current().version());
            assertEquals(base, s.current().file());
            take(s, 3, Updates.model(3));
            take(s, 4, Updates.model(4));
            take(s, 9, Updates.model(9));
            assertEquals(9, s.current().version());
            assertEquals(4, s.previous().version());
            assertFalse(Files.exists(data.resolve("models/v3.ncm")), "only two are kept");
            assertEquals(4, s.rollback().version());
            assertNull(s.previous());
            assertFalse(Files.exists(data.resolve("models/v9.ncm")));
            assertEquals(9, s.highest().version(), "a rolled back version is not taken again");
            IOException e = assertThrows(IOException.class, s::rollback);
            assertTrue(e.getMessage().contains("no previous model to roll back to"), e.getMessage());
        }
        try (ModelStore s = ModelStore.open(data, base)) { // as after a restart
            assertEquals(4, s.current().version());
            assertEquals(9, s.highest().version());
        }
    }

    @Test
    void oneProcessAtATime() throws Exception {
        try (ModelStore s = ModelStore.open(data, base)) {
            IOException e = assertThrows(IOException.class, () -> ModelStore.open(data, base).close());
            assertEquals(data.resolve("models") + ": another nowcast process (a running station, or nowcast rollback) "
                    + "holds the model store", e.getMessage());
        }
    }

    @Test
    void leftoversOfAnInterruptedSwapAreDeleted() throws Exception {
        try (ModelStore s = ModelStore.open(data, base)) {
            take(s, 1, Updates.model(1));
            s.stage(2, Updates.model(2)); // staged, never made current
        }
        Files.writeString(data.resolve("models/v3.ncm.tmp"), "half a model");
        Files.writeString(data.resolve("models/state.tmp"), "half a state");
        try (ModelStore s = ModelStore.open(data, base)) {
            assertEquals(1, s.current().version());
            assertEquals(0, s.previous().version());
        }
        try (var files = Files.list(data.resolve("models"))) {
            assertEquals(java.util.Set.of("lock", "state", "v1.ncm"), files.map(p -> p.getFileName().toString())
                    .collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void aDamagedCurrentModelFallsBackToThePreviousOne() throws Exception {
        try (ModelStore s = ModelStore.open(data, base)) {
            take(s, 1, Updates.model(1));
            take(s, 2, Updates.model(2));
        }
        byte[] b = Files.readAllBytes(data.resolve("models/v2.ncm"));
        b[10] ^= 1;
        Files.write(data.resolve("models/v2.ncm"), b);
        try (ModelStore s = ModelStore.open(data, base)) {
            assertEquals(1, s.current().version());
            assertNull(s.previous());
            assertEquals(2, s.highest().version());
        }
    }

    @Test
    void aModelFileReplacedByHandRunsFromVersionZero() throws Exception {
        try (ModelStore s = ModelStore.open(data, base)) {
            take(s, 5, Updates.model(5));
        }
        Files.write(base, Updates.model(77));
        try (ModelStore s = ModelStore.open(data, base)) {
            assertEquals(0, s.current().version());
            assertEquals(SwapKillTest.sha256(Updates.model(77)), s.current().sha256());
            assertEquals(5, s.highest().version(), "updates must still be newer than 5");
        }
    }
}
