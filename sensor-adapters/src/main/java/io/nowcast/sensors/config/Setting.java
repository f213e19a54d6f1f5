package io.nowcast.sensors.config;

/**
 * One key a sensor type accepts.
 *
 * @param key          the key after {@code sensor.<id>.}
 * @param kind         how its value is written and checked
 * @param defaultValue the value when the key is absent; null when the key is required
 *                     (or, for the few keys listed in {@link SensorType#oneOf()}, optional)
 */
record Setting(String key, SettingKind kind, String defaultValue) {

    static Setting optional(String key, SettingKind kind, String defaultValue) {
        return new Setting(key, kind, defaultValue);
    }

    static Setting required(String key, SettingKind kind) {
        return new Setting(key, kind, null);
    }
}
