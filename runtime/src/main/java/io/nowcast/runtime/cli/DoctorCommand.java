package io.nowcast.runtime.cli;

import io.nowcast.cli.CliErrors;
import io.nowcast.engine.model.ModelReader;
import io.nowcast.runtime.doctor.CheckResult;
import io.nowcast.runtime.doctor.Doctor;
import io.nowcast.runtime.doctor.NtpStatus;
import io.nowcast.runtime.doctor.UserGroups;
import io.nowcast.sensors.Hardware;
import io.nowcast.sensors.Pi4jPlatform;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nowcast doctor}: checks that a station can run, one line per check, each failure with its fix. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check that the station can run: Java and the engines' kernels, the clock, the",
            "configuration, the model and its inputs, each sensor, the i2c/gpio groups, the",
            "broker (login and TLS), the data directory and the outbox's backlog.",
            "One line per check: ✔ passed, ⚠ warning, ✘ failed, with its fix.",
            "It changes nothing and logs in to the broker under its own client id, so it can",
            "run beside a station. Run it as the station's user to check that user's access:",
            "  sudo -u nowcast nowcast doctor"},
        footer = {"", "Exit status: 0 no check failed (warnings allowed); 1 a check failed, or no such",
            "configuration file; 2 usage error. See docs/station.md."})
public final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "/etc/nowcast/station.conf", paramLabel = "FILE",
            description = "The station's configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Spec
    CommandSpec spec;

    private final Supplier<Hardware> hardware; // null: the real Pi4J platform
    private final NtpStatus ntp;
    private final UserGroups who;

    public DoctorCommand() {
        this(null, NtpStatus.timedatectl(), UserGroups.current());
    }

    /** For tests: other hardware, clock status and user. */
    DoctorCommand(Supplier<Hardware> hardware, NtpStatus ntp, UserGroups who) {
        this.hardware = hardware;
        this.ntp = ntp;
        this.who = who;
    }

    /** A missing configuration file is thrown: {@link CliErrors} prints it as one line. */
    @Override
    public Integer call() throws IOException {
        if (!Files.exists(config)) {
            throw new NoSuchFileException(config.toString(), null, "give --config FILE, the station's configuration");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Pi4jPlatform platform = new Pi4jPlatform()) {
            Doctor doctor = new Doctor(ModelReader.parse(DemoCommand.demoModelBytes(), "demo.ncm"),
                    hardware != null ? hardware.get() : platform.hardware(), ntp, who, System.getenv());
            List<CheckResult> results = doctor.examine(config, r -> {
                out.println(r.line());
                out.flush();
            });
            return results.stream().anyMatch(CheckResult::failed) ? CliErrors.FAILED : 0;
        }
    }
}
