package io.nowcast.runtime.station.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nowcast.sensors.config.ConfigException;
import io.nowcast.sensors.config.ConfigFile;
import io.nowcast.sensors.config.ConfigProblems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateConfigTest {
    @TempDir
    Path dir;

    private UpdateSettings read(ConfigProblems problems, String... lines) throws Exception {
        Path f = Files.write(dir.resolve("station.conf"), List.of(lines));
        return UpdateConfig.read(ConfigFile.read(f), problems);
    }

    @Test
    void readsKeysRelativeToTheFileAndTheDefaults() throws Exception {
        Updates.Signer a = Updates.Signer.create(dir.resolve("keys"), "a");
        Updates.Signer b = Updates.Signer.create(dir.resolve("keys"), "b");
        ConfigProblems problems = new ConfigProblems();
        UpdateSettings s = read(problems, "model.update.public_key = keys/a.pub, keys/b.pub");
        problems.throwIfAny();
        assertEquals(List.of(a.pub(), b.pub()), s.keyFiles());
        assertEquals(2, s.keys().shortIds().size());
        assertEquals(4 * 1024 * 1024, s.maxModelBytes());
        assertEquals(new RollbackRule(Duration.ofHours(24), 24), s.rollback());
        s = read(problems, "model.update.public_key = keys/a.pub", "model.update.max_bytes = 512 KiB",
                "model.update.rollback_period = off");
        assertEquals(512 * 1024, s.maxModelBytes());
        assertNull(s.rollback());
        assertNull(read(problems, "station.id = x"));
    }

    @Test
    void eachWrongLineIsOneProblemNamingFileLineAndKey() throws Exception {
        Files.writeString(dir.resolve("rsa.pub"), "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\n"
                + "-----END PUBLIC KEY-----\n");
        ConfigProblems problems = new ConfigProblems();
        assertNull(read(problems, "model.update.public_key = rsa.pub", "model.update.max_bytes = 1 GiB",
                "model.update.rollback_period = soon"));
        ConfigException e = assertThrows(ConfigException.class, problems::throwIfAny);
        Path f = dir.resolve("station.conf");
        assertEquals(List.of(f + ":1: model.update.public_key: " + dir.resolve("rsa.pub") + ": not an Ed25519 public key",
                f + ":2: model.update.max_bytes is '1 GiB', allowed a byte count from 1 KiB to 64 MiB (e.g. 4 MiB, 512 "
                        + "KiB, 100000)",
                f + ":3: model.update.rollback_period is 'soon', allowed a duration (1h, 24h, 7d) or off: 'soon' is not "
                        + "a duration: write a whole number and a unit (150ms, 10s, 5min or 5m, 1h, 2d) or ISO-8601 "
                        + "(PT10M)"), e.problems());
        ConfigProblems without = new ConfigProblems();
        read(without, "model.update.max_bytes = 1 MiB");
        assertEquals(List.of(f + ":1: model.update.max_bytes needs model.update.public_key (see docs/updates.md)"),
                assertThrows(ConfigException.class, without::throwIfAny).problems());
    }
}
