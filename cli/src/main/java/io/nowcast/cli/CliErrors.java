package io.nowcast.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How every command ({@code nowcast}, {@code nowcast-train}) reports failure: one line on stderr, "{@code <command>:
 * <what is wrong and where>}", and exit status 1; the stack trace only with {@code --verbose}.
 * A usage error (unknown option, missing or bad value) is one line too, pointing at {@code --help},
 * with picocli's exit status 2.
 */
public final class CliErrors {
    /** Exit status of a command that failed on its input or environment. */
    public static final int FAILED = 1;

    private CliErrors() {
    }

    /** Installs the one-line error handler on {@code cli} and returns it. */
    public static CommandLine install(CommandLine cli) {
        return cli.setExecutionExceptionHandler(CliErrors::handle).setParameterExceptionHandler(CliErrors::usage);
    }

    private static int usage(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + describe(e) + " (see '" + name + " --help')");
        cmd.getErr().flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int handle(Exception e, CommandLine cmd, ParseResult parsed) {
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + describe(e));
        if (verbose(parsed)) {
            e.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
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

    /** One line for a user: what is wrong and where. */
    public static String describe(Throwable e) {
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file" + (f.getReason() == null ? "" : " (" + f.getReason() + ")");
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.replace('\n', ' ');
    }
}
