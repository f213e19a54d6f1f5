package io.nowcast.runtime.cli;

import io.nowcast.cli.CliErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code nowcast}: the device's command line. */
@Command(name = "nowcast",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runs Nowcast forecast models on a weather station.",
        subcommands = {DemoCommand.class, RunCommand.class, ListenCommand.class, SensorsCommand.class,
            DoctorCommand.class, InspectCommand.class, PredictCommand.class, RollbackCommand.class,
            CommandLine.HelpCommand.class})
public final class NowcastCli {
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also what the tests run). */
    public static CommandLine commandLine() {
        return CliErrors.install(new CommandLine(new NowcastCli()).setCaseInsensitiveEnumValuesAllowed(true));
    }
}
