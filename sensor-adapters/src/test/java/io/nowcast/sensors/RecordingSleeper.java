package io.nowcast.sensors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A Sleeper that does not sleep but remembers every wait it was asked for. */
public final class RecordingSleeper implements Sleeper {
    private final List<Duration> waits = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        waits.add(duration);
    }

    public synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }

    public synchronized void clear() {
        waits.clear();
    }
}
