package io.nowcast.runtime.doctor;

import io.nowcast.sensors.config.SensorConfig;
import io.nowcast.sensors.config.SensorType;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The user is in the groups that own the devices the configured sensors need: {@code i2c} for I2C
 * sensors, {@code gpio} for the pulse counters (as Raspberry Pi OS sets up {@code /dev/i2c-*} and
 * {@code /dev/gpiochip*}). root needs none.
 */
final class GroupsCheck implements Check {
    private static final String SUBJECT = "groups";

    private final List<SensorConfig> sensors;
    private final UserGroups who;

    GroupsCheck(List<SensorConfig> sensors, UserGroups who) {
        this.sensors = sensors;
        this.who = who;
    }

    @Override
    public CheckResult run() {
        Map<String, String> needed = new TreeMap<>(); // group -> a sensor that needs it
        for (SensorConfig s : sensors) {
            if (SensorCheck.onI2c(s)) {
                needed.putIfAbsent("i2c", s.id());
            } else if (s.type() == SensorType.RAIN_GAUGE || s.type() == SensorType.ANEMOMETER) {
                needed.putIfAbsent("gpio", s.id());
            }
        }
        if (needed.isEmpty()) {
            return CheckResult.pass(SUBJECT, "no configured sensor needs the i2c or gpio group");
        }
        if ("root".equals(who.user())) {
            return CheckResult.pass(SUBJECT, "root needs no group for " + String.join(", ", needed.keySet())
                    + " (the service runs as nowcast with SupplementaryGroups=i2c gpio)");
        }
        List<String> missing;
        try {
            var groups = who.groups();
            missing = needed.keySet().stream().filter(g -> !groups.contains(g)).toList();
        } catch (IOException e) {
            return CheckResult.warn(SUBJECT, "cannot tell the groups of user " + who.user() + ": " + e.getMessage(),
                    "check with: id " + who.user());
        }
        if (missing.isEmpty()) {
            return CheckResult.pass(SUBJECT, "user " + who.user() + " is in " + String.join(", ", needed.keySet()));
        }
        return CheckResult.fail(SUBJECT, "user " + who.user() + " is not in " + String.join(", ", missing) + " (needed by "
                + String.join(", ", missing.stream().map(g -> "sensor " + needed.get(g)).toList()) + ")",
                "sudo usermod -aG " + String.join(",", missing) + " " + who.user() + ", then log in again");
    }
}
