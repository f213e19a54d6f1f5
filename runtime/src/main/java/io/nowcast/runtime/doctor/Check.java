package io.nowcast.runtime.doctor;

/** One thing {@code nowcast doctor} checks. A check reports what it finds; it does not throw for it. */
@FunctionalInterface
interface Check {
    CheckResult run();
}
