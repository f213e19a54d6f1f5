package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nowcast.runtime.station.outbox.Outbox;
import io.nowcast.runtime.station.outbox.OutboxEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox on a file system filled to its last byte: acks still stick, so delivery goes on. */
class OutboxFullDiskTest {
    @TempDir
    Path tmp;

    @Test
    void acksAreRecordedOnAFullDisk() throws Exception {
        try (Faults faults = new Faults()) {
            Path disk = faults.tmpfs(tmp.resolve("disk"), 256);
            Path dir = disk.resolve("outbox");
            try (Outbox box = Outbox.open(dir, Outbox.MIN_MAX_BYTES)) {
                for (int i = 0; i < 4; i++) {
                    box.append("t", i, ("m" + i).getBytes(StandardCharsets.UTF_8));
                }
                Faults.fill(disk);
                // The segment's last page still has room (tmpfs allocates whole pages): append until refused.
                assertThrows(IOException.class, () -> {
                    for (int i = 4; i < 100; i++) {
                        box.append("t", i, new byte[2048]);
                    }
                }, "the disk is full");
                for (int i = 0; i < 3; i++) {
                    OutboxEntry e = box.next(1, TimeUnit.SECONDS);
                    box.ack(e.index()); // the cursor is written in place: no new block needed
                }
            }
            try (Outbox box = Outbox.open(dir, Outbox.MIN_MAX_BYTES)) {
                assertEquals("m3", new String(box.next(1, TimeUnit.SECONDS).payload(), StandardCharsets.UTF_8),
                        "the three acks made on the full disk were recorded");
            }
        }
    }
}
