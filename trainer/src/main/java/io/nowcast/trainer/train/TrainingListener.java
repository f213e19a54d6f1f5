package io.nowcast.trainer.train;

/** Hears how training goes (for the progress bar); called on the training thread. */
public interface TrainingListener {
    /** After each mini-batch: {@code done} of {@code total} batches of this run. */
    void batchDone(int epoch, long done, long total, double runningTrainLoss);

    /** After each epoch's validation. */
    void epochDone(int epoch, double trainLoss, double validationLoss, double learningRate, boolean improved);

    TrainingListener SILENT = new TrainingListener() {
        @Override
        public void batchDone(int epoch, long done, long total, double runningTrainLoss) {
        }

        @Override
        public void epochDone(int epoch, double trainLoss, double validationLoss, double learningRate, boolean improved) {
        }
    };
}
