package io.nowcast.runtime.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.FloatEngine;
import io.nowcast.engine.Q16Engine;
import io.nowcast.runtime.cli.NowcastCli;
import io.nowcast.runtime.doctor.CheckResult.Status;
import io.nowcast.runtime.station.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorJavaTest {
    @TempDir
    Path tmp;

    @Test
    void namesTheJavaAndTheKernelEachEnginePicksHere() {
        var model = TestModels.weather(3, 600);
        CheckResult c = new JavaCheck(model).run();
        boolean vectorApi = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(vectorApi ? Status.PASS : Status.WARN, c.status(), c.line());
        assertTrue(c.message().startsWith("Java " + Runtime.version() + " ("), c.message());
        assertTrue(c.message().endsWith("kernels: float engine " + new FloatEngine(model).kernelName() + ", q16 engine "
                + new Q16Engine(model).kernelName()), c.message());
    }

    @Test
    void aJavaWithoutTheVectorApiWarnsThatBothEnginesRunTheirReferenceKernel() throws Exception {
        Path config = Files.writeString(tmp.resolve("station.conf"), "station.id = garden\n"); // the java line comes first
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), NowcastCli.class.getName(), "doctor", "--config", config.toString())
                .redirectErrorStream(true).start(); // no --add-modules jdk.incubator.vector
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), out);
        String first = out.lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("⚠ java: Java " + Runtime.version() + " ("), first);
        assertTrue(first.endsWith("no Vector API; kernels: float engine reference, q16 engine reference — fix: start Java "
                + "with --add-modules jdk.incubator.vector (bin/nowcast and the service do) to use the faster kernels"), first);
    }
}
