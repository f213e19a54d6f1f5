package io.nowcast.trainer.cli;

import io.nowcast.cli.CliErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code nowcast-train}: the workstation command. Errors are reported as {@code nowcast} reports
 * them ({@link CliErrors}): one line, the stack trace only with {@code --verbose}.
 */
@Command(name = "nowcast-train", mixinStandardHelpOptions = true, version = "nowcast-train 0.1.0",
        description = "Trains LSTM forecasters from a station's CSV history and exports them as .ncm models.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, SizeStudyCommand.class, BenchCommand.class,
                ImportOnnxCommand.class, ExportOnnxCommand.class, KeygenCommand.class, PublishModelCommand.class})
public final class NowcastTrainCli implements Runnable {
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the one-line error handler installed. */
    public static CommandLine commandLine() {
        return CliErrors.install(new CommandLine(new NowcastTrainCli()));
    }
}
