package io.nowcast.trainer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code nowcast-train size-study}: placeholder replaced below. */
@Command(name = "size-study", mixinStandardHelpOptions = true, description = "Hidden size vs activation study.")
final class SizeStudyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
