package io.nowcast.runtime.doctor;

import io.nowcast.engine.model.Model;
import io.nowcast.runtime.station.Channel;
import io.nowcast.runtime.station.config.StationConfig;
import io.nowcast.sensors.Hardware;
import io.nowcast.sensors.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code nowcast doctor}'s checks, in order: Java and the engines' kernels, the configuration
 * file, the clock (which {@code station.require_clock_sync = false} makes a warning), then what needs a valid configuration (the model, each sensor, the groups, the
 * broker, the data directory, the outbox), which is skipped with a line saying why when it is not
 * valid. Nothing here changes the station's files or takes its lock (the data directory check writes a
 * temporary file and deletes it).
 */
public final class Doctor {
    private static final String BAD_CONFIG = "the configuration has an error (the config line)";

    private final Model anyModel;
    private final Hardware hardware;
    private final NtpStatus ntp;
    private final UserGroups who;
    private final Map<String, String> env;

    /**
     * @param anyModel a valid model, to see which kernel each engine picks on this JVM
     * @param env      the environment, for {@code mqtt.password_env}
     */
    public Doctor(Model anyModel, Hardware hardware, NtpStatus ntp, UserGroups who, Map<String, String> env) {
        this.anyModel = anyModel;
        this.hardware = hardware;
        this.ntp = ntp;
        this.who = who;
        this.env = env;
    }

    /**
     * Runs every check for the station configured in {@code file}, reporting each result as it comes.
     *
     * @return every result, in order
     */
    public List<CheckResult> examine(Path file, Consumer<CheckResult> sink) {
        List<CheckResult> results = new ArrayList<>();
        Consumer<CheckResult> report = r -> {
            results.add(r);
            sink.accept(r);
        };
        report.accept(new JavaCheck(anyModel).run());
        StationSetup setup;
        try {
            setup = StationSetup.open(file, env, hardware);
        } catch (ConfigException e) {
            for (String problem : e.problems()) {
                report.accept(CheckResult.fail("config", problem, "correct it (every key: docs/station.md and docs/sensors.md)"));
            }
            report.accept(new ClockCheck(ntp, true).run());
            for (String subject : List.of("model", "sensors", "groups", "broker", "data dir", "outbox")) {
                report.accept(CheckResult.skipped(subject, BAD_CONFIG));
            }
            return results;
        }
        try (setup) {
            StationConfig c = setup.config;
            report.accept(CheckResult.pass("config", file + ": station " + c.stationId() + ", " + c.sensors().size()
                    + " sensor" + (c.sensors().size() == 1 ? "" : "s") + ", channels "
                    + String.join(", ", setup.channels.stream().map(Channel::name).toList())));
            report.accept(new ClockCheck(ntp, c.requireClockSync()).run());
            List<Check> checks = new ArrayList<>();
            checks.add(new ModelCheck(c.modelFile(), c.engine(), setup.channels));
            for (int i = 0; i < c.sensors().size(); i++) {
                checks.add(new SensorCheck(c.sensors().get(i), setup.sources.get(i), hardware.i2c(), who.user()));
            }
            checks.add(new GroupsCheck(c.sensors(), who));
            checks.add(new BrokerCheck(c.broker()));
            checks.add(new DataDirCheck(c.dataDir(), c.outboxMaxBytes(), who.user()));
            checks.add(new OutboxCheck(c.dataDir().resolve("outbox"), c.outboxMaxBytes()));
            checks.forEach(check -> report.accept(check.run()));
        }
        return results;
    }
}
