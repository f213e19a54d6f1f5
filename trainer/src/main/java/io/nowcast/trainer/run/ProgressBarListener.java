package io.nowcast.trainer.run;

import io.nowcast.trainer.train.TrainingListener;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress on the terminal (stderr): a bar over all mini-batches of the run with elapsed
 * time and ETA, and the epoch, running training loss and last validation loss beside it.
 */
public final class ProgressBarListener implements TrainingListener, AutoCloseable {
    private final int epochs;
    private ProgressBar bar; // created with the first batch, when the total is known
    private String lastValidation = "-";

    public ProgressBarListener(int epochs) {
        this.epochs = epochs;
    }

    @Override
    public void batchDone(int epoch, long done, long total, double runningTrainLoss) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .setMaxRenderedLength(120).build();
        }
        bar.stepTo(done);
        bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d/%d train %.4f val %s", epoch + 1, epochs,
                runningTrainLoss, lastValidation));
    }

    @Override
    public void epochDone(int epoch, double trainLoss, double validationLoss, double learningRate, boolean improved) {
        lastValidation = String.format(Locale.ROOT, "%.4f%s", validationLoss, improved ? "*" : "");
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
