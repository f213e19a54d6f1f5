package io.nowcast.runtime.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of another JVM: {@code jcmd PID GC.class_histogram} collects fully first and then
 * counts what is still reachable, so its total is the heap in use right after a full GC.
 */
final class Heap {
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private Heap() {
    }

    /** Bytes of live objects in JVM {@code pid}, or −1 when jcmd fails; the histogram is kept in {@code save}. */
    static long live(long pid, Path save) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        Files.writeString(save, out);
        Matcher m = TOTAL.matcher(out);
        return m.find() ? Long.parseLong(m.group(2)) : -1;
    }
}
