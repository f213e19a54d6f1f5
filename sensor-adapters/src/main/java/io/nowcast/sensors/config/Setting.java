package io.nowcast.sensors.config;

/**
 * One key a sensor type accepts.
 *
 * @param key          the key after {@code sensor.<id>.}
 * @param kind         how its value is written and checked
 * @param defaultValue the value when the key is absent; null when there is none
 * @param required     true when the key must be given (the few keys listed in
 *                     {@link SensorType#oneOf()} are checked there instead)
 */
record Setting(String key, SettingKind kind, String defaultValue, boolean required) {

    static Setting optional(String key, SettingKind kind, String defaultValue) {
        return new Setting(key, kind, defaultValue, false);
    }

    /** A key that may be left out and then has no value at all (e.g. an mqtt sensor's own broker). */
    static Setting optional(String key, SettingKind kind) {
        return new Setting(key, kind, null, false);
    }

    static Setting required(String key, SettingKind kind) {
        return new Setting(key, kind, null, true);
    }
}
