package io.nowcast.runtime.soak;

import io.nowcast.history.Quantity;
import io.nowcast.sensors.sim.SimulatedWeather;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A BME280 as the kernel's IIO driver shows it, in a folder of our own ({@code sensor.<id>.iio-dir}):
 * {@code iio:deviceN/name} = {@code bme280} and the three processed {@code in_*_input} files, in the
 * kernel's units, rewritten every 20 ms (real time) with the simulated weather at the station's
 * time. Each file is replaced atomically (written beside it, then renamed), as sysfs never shows a
 * half-written value.
 *
 * <p>Faults, as a real station meets them: the device vanishes (unplugged, the driver unbound) and
 * comes back; it comes back under another number (a replug renumbers it; the station finds it by its
 * driver name); a channel's file holds something that is not a number; a channel reads a value
 * outside the physical range.
 */
final class FakeIio implements AutoCloseable {
    /** The channels, in the order of their files. */
    static final String[] CHANNELS = {"temperature", "humidity", "pressure"};
    private static final String[] FILES = {"in_temp_input", "in_humidityrelative_input", "in_pressure_input"};
    /** Values outside the physical range of a BME280 (°C, %RH, hPa), in the kernel's units. */
    private static final String[] OUT_OF_RANGE = {"150000", "131072", "25.000000000"};

    enum Bad { NONE, NOT_A_NUMBER, OUT_OF_RANGE }

    private final Path root;
    private final SimulatedWeather weather;
    private final Supplier<Instant> stationTime;
    private final Object lock = new Object();
    private final Thread writer;
    private int number; // iio:device<number>
    private boolean unplugged;
    private int badChannel = -1;
    private Bad bad = Bad.NONE;
    private volatile boolean running = true;
    private volatile IOException failure;

    FakeIio(Path root, long seed, Supplier<Instant> stationTime) throws IOException {
        this.root = root;
        this.weather = new SimulatedWeather(seed, ZoneOffset.UTC, 10);
        this.stationTime = stationTime;
        Files.createDirectories(device());
        Files.writeString(device().resolve("name"), "bme280\n");
        writeValues();
        writer = new Thread(this::loop, "fake-iio");
        writer.setDaemon(true);
        writer.start();
    }

    Path root() {
        return root;
    }

    private Path device() {
        return root.resolve("iio:device" + number);
    }

    private Path unpluggedDir() {
        return root.resolve("unplugged");
    }

    private void loop() {
        while (running) {
            try {
                writeValues();
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void writeValues() throws IOException {
        EnumMap<Quantity, Double> v = weather.at(stationTime.get(), Duration.ofMinutes(1));
        String[] text = {
            Long.toString(Math.round(v.get(Quantity.TEMPERATURE) * 1000)),
            Long.toString(Math.round(v.get(Quantity.HUMIDITY) * 1000)),
            String.format(Locale.ROOT, "%.9f", v.get(Quantity.PRESSURE) / 10)};
        synchronized (lock) {
            if (unplugged) {
                return;
            }
            for (int c = 0; c < FILES.length; c++) {
                String value = text[c];
                if (c == badChannel) {
                    value = bad == Bad.NOT_A_NUMBER ? "-EIO" : OUT_OF_RANGE[c];
                }
                Path target = device().resolve(FILES[c]);
                Path tmp = device().resolve("." + FILES[c] + ".new");
                Files.writeString(tmp, value + "\n", StandardCharsets.US_ASCII);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The device vanishes: its folder leaves the IIO directory. */
    void unplug() throws IOException {
        synchronized (lock) {
            Files.move(device(), unpluggedDir(), StandardCopyOption.ATOMIC_MOVE);
            unplugged = true;
        }
    }

    /** The device comes back, under the same number. */
    void plugIn() throws IOException {
        synchronized (lock) {
            if (unplugged) {
                Files.move(unpluggedDir(), device(), StandardCopyOption.ATOMIC_MOVE);
                unplugged = false;
            }
        }
    }

    /** The device goes and comes back at once under the next number, as after a replug. */
    void renumber() throws IOException {
        synchronized (lock) {
            Path from = device();
            number++;
            Files.move(from, device(), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** From now on, channel {@code c} reads {@code how}. */
    void corrupt(int c, Bad how) throws IOException {
        synchronized (lock) {
            badChannel = c;
            bad = how;
        }
        writeValues();
    }

    /** Every fault cleared: plugged in, every channel good. */
    void heal() throws IOException {
        plugIn();
        synchronized (lock) {
            badChannel = -1;
            bad = Bad.NONE;
        }
        writeValues();
    }

    /** The last error of the writer, if any (a failure of the test bench, not of the station). */
    IOException failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        writer.interrupt();
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
