package io.nowcast.runtime.doctor;

import io.nowcast.engine.model.ModelWriter;
import io.nowcast.runtime.station.TestModels;
import io.nowcast.sensors.Hardware;
import io.nowcast.sensors.Pi4jPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A station's files for the doctor's tests, in a folder: a good model ({@code model.ncm}, inputs
 * temperature and humidity and two derived features), a simulated sensor, and a configuration made
 * of those and the lines a test adds; and one run of every check on it.
 */
final class DoctorRun {
    /** A port nothing listens on: connections are refused at once. */
    static final String NO_BROKER = "tcp://127.0.0.1:1";
    static final UserGroups ROOT = groups("root");

    private final Path dir;

    DoctorRun(Path dir) throws IOException {
        this.dir = dir;
        ModelWriter.write(TestModels.weather(3, 600), dir.resolve("model.ncm"));
    }

    /** A user in these groups. */
    static UserGroups groups(String user, String... groups) {
        return new UserGroups() {
            @Override
            public String user() {
                return user;
            }

            @Override
            public Set<String> groups() {
                return Set.of(groups);
            }
        };
    }

    Path dir() {
        return dir;
    }

    /**
     * A configuration with a station id, data_dir {@code data}, the model, no reachable broker and a
     * simulated sensor, unless {@code lines} set those keys themselves.
     */
    Path config(String... lines) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("station.id", "garden");
        keys.put("station.data_dir", dir.resolve("data").toString());
        keys.put("model.file", "model.ncm");
        keys.put("mqtt.broker", NO_BROKER);
        keys.put("sensor.sim.type", "simulated");
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            keys.remove(line.substring(0, line.indexOf('=')).strip());
        }
        keys.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return Files.writeString(dir.resolve("station.conf"), text);
    }

    /** Every check's result for {@code config}, on this machine's hardware, by subject. */
    static Map<String, CheckResult> results(Path config) {
        try (Pi4jPlatform platform = new Pi4jPlatform()) {
            return results(config, platform.hardware(), ROOT);
        }
    }

    static Map<String, CheckResult> results(Path config, Hardware hardware, UserGroups who) {
        Map<String, CheckResult> bySubject = new LinkedHashMap<>();
        all(config, hardware, who).forEach(r -> bySubject.put(r.subject(), r));
        return bySubject;
    }

    /** Every result line for {@code config}, in the order the doctor prints them. */
    static List<CheckResult> all(Path config, Hardware hardware, UserGroups who) {
        return new Doctor(TestModels.weather(3, 600), hardware, () -> "yes", who, Map.of()).examine(config, r -> { });
    }
}
