package io.nowcast.runtime.doctor;

import io.nowcast.engine.FloatEngine;
import io.nowcast.engine.Q16Engine;
import io.nowcast.engine.model.Model;

/**
 * The Java this runs on, whether it has the Vector API, and the kernel each engine picks with it.
 * The pick depends on the JVM alone, so any valid model shows it (the runtime's demo model).
 */
final class JavaCheck implements Check {
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private final Model anyModel;

    JavaCheck(Model anyModel) {
        this.anyModel = anyModel;
    }

    @Override
    public CheckResult run() {
        boolean vectorApi = ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
        String found = "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + "), "
                + (vectorApi ? "Vector API present" : "no Vector API") + "; kernels: float engine "
                + new FloatEngine(anyModel).kernelName() + ", q16 engine " + new Q16Engine(anyModel).kernelName();
        if (!vectorApi) {
            return CheckResult.warn("java", found, "start Java with --add-modules " + VECTOR_MODULE
                    + " (bin/nowcast and the service do) to use the faster kernels");
        }
        return CheckResult.pass("java", found);
    }
}
