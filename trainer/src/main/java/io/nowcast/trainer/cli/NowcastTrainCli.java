package io.nowcast.trainer.cli;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** {@code nowcast-train}: the workstation command. */
@Command(name = "nowcast-train", mixinStandardHelpOptions = true, version = "nowcast-train 0.1.0",
        description = "Trains LSTM forecasters from a station's CSV history and exports them as .ncm models.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, SizeStudyCommand.class, BenchCommand.class})
public final class NowcastTrainCli implements Runnable {
    /** Exit status of a command that failed on its input or environment (usage errors: 2). */
    static final int FAILED = 1;

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
        return new CommandLine(new NowcastTrainCli()).setExecutionExceptionHandler(NowcastTrainCli::handle);
    }

    private static int handle(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + describe(e));
        if (verbose(parsed)) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILED;
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.replace('\n', ' ');
    }
}
