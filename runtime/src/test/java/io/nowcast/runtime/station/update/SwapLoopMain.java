package io.nowcast.runtime.station.update;

import java.nio.file.Path;

/**
 * The child of {@link SwapKillTest}: opens the store (recovering from the last kill) and swaps in
 * one new version after another until killed, saying {@code begin N} before each swap and
 * {@code done N} after it, each line flushed before going on.
 *
 * <p>Arguments: the data directory, model.file.
 */
public final class SwapLoopMain {
    private SwapLoopMain() {
    }

    public static void main(String[] args) throws Exception {
        try (ModelStore store = ModelStore.open(Path.of(args[0]), Path.of(args[1]))) {
            for (long v = store.highest().version() + 1; ; v++) {
                byte[] model = SwapKillTest.modelOf(v);
                System.out.println("begin " + v);
                System.out.flush();
                store.stage(v, model);
                store.commit(v, SwapKillTest.sha256(model));
                System.out.println("done " + v);
                System.out.flush();
            }
        }
    }
}
