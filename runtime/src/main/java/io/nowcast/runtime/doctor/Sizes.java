package io.nowcast.runtime.doctor;

import java.util.Locale;

/** Byte counts as people read them: {@code 512 B}, {@code 12.0 KiB}, {@code 64.0 MiB}, {@code 3.2 GiB}. */
final class Sizes {
    private Sizes() {
    }

    static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
