package io.nowcast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link PlatformCheck}, which deploy/arm-check.sh runs on emulated ARM JVMs, run on this one. */
class PlatformCheckTest {
    @Test
    void everyCheckPassesHereWithOneLineEach() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = PlatformCheck.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2, 3);
        String report = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(report);
        assertEquals(0, status, report);
        // the JVM line, 4 golden files and 4 activation pairs with each of 2 kernel choices, 4 timings, the summary
        assertEquals(1 + 8 + 8 + 4 + 1, report.lines().count(), report);
        assertEquals(20, report.lines().filter(line -> line.startsWith("✔ ")).count(), report);
        assertTrue(report.lines().anyMatch(line -> line.startsWith("✔ q16 FASTEST picks vector-")), report);
    }

    @Test
    void aFailedCheckIsACrossAndTheReasonNotAnException() {
        PlatformCheck.Check failed = PlatformCheck.timings(0, 0).get(0).get();
        assertTrue(failed.line().startsWith("✘ float FASTEST: java.lang.ArrayIndexOutOfBoundsException"), failed.line());
    }
}
