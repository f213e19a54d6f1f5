package io.nowcast.sensors.config;

import io.nowcast.history.Durations;
import io.nowcast.history.Quantity;
import io.nowcast.sensors.mqtt.MqttFormat;
import io.nowcast.sensors.mqtt.PayloadUnit;
import org.eclipse.paho.client.mqttv3.MqttTopic;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the value of a setting is written and checked. Each check returns null or what is wrong. */
enum SettingKind {
    /** An I2C bus number: /dev/i2c-N. */
    BUS {
        @Override
        String problem(String v) {
            return intIn(v, 0, 255, "an I2C bus number");
        }
    },
    /** A 7-bit I2C address outside the reserved ranges, hex ({@code 0x76}) or decimal. */
    I2C_ADDRESS {
        @Override
        String problem(String v) {
            try {
                int a = parseAddress(v);
                return a >= 0x03 && a <= 0x77 ? null : "not an I2C address (0x03..0x77)";
            } catch (NumberFormatException e) {
                return "not an I2C address (0x03..0x77)";
            }
        }
    },
    /** A BCM GPIO number. */
    GPIO_PIN {
        @Override
        String problem(String v) {
            return intIn(v, 0, 53, "a BCM GPIO number (0..53)");
        }
    },
    /** Oversampling ratio of a Bosch sensor. */
    OVERSAMPLING {
        @Override
        String problem(String v) {
            return List.of("1", "2", "4", "8", "16").contains(v) ? null : "oversampling must be 1, 2, 4, 8 or 16";
        }
    },
    /** IIR filter coefficient of a Bosch sensor, 0 = off. */
    IIR_FILTER {
        @Override
        String problem(String v) {
            return List.of("0", "2", "4", "8", "16").contains(v) ? null : "filter must be 0 (off), 2, 4, 8 or 16";
        }
    },
    /** Sensirion repeatability / precision. */
    PRECISION {
        @Override
        String problem(String v) {
            return List.of("high", "medium", "low").contains(v) ? null : "precision must be high, medium or low";
        }
    },
    /** Pull resistor of a GPIO input. */
    PULL {
        @Override
        String problem(String v) {
            return List.of("up", "down", "none").contains(v) ? null : "pull must be up, down or none";
        }
    },
    /** A duration such as 10s; zero allowed. */
    DURATION {
        @Override
        String problem(String v) {
            try {
                Durations.parse(v);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
    },
    /** A duration that must be more than zero. */
    POSITIVE_DURATION {
        @Override
        String problem(String v) {
            String p = DURATION.problem(v);
            return p != null ? p : Durations.parse(v).isZero() ? "must be more than zero" : null;
        }
    },
    /** A whole number >= 0. */
    COUNT {
        @Override
        String problem(String v) {
            return intIn(v, 0, 1_000_000, "a whole number 0..1000000");
        }
    },
    /** A whole number 1..10. */
    ATTEMPTS {
        @Override
        String problem(String v) {
            return intIn(v, 1, 10, "a whole number 1..10");
        }
    },
    /** Any 64-bit integer. */
    SEED {
        @Override
        String problem(String v) {
            try {
                Long.parseLong(v);
                return null;
            } catch (NumberFormatException e) {
                return "not a whole number";
            }
        }
    },
    /** A finite number > 0. */
    POSITIVE_NUMBER {
        @Override
        String problem(String v) {
            String p = NUMBER.problem(v);
            return p != null ? p : Double.parseDouble(v) > 0 ? null : "must be more than zero";
        }
    },
    /** Any finite number. */
    NUMBER {
        @Override
        String problem(String v) {
            try {
                return Double.isFinite(Double.parseDouble(v)) ? null : "not a finite number";
            } catch (NumberFormatException e) {
                return "not a number";
            }
        }
    },
    /** A time zone id such as Europe/Berlin or UTC. */
    ZONE {
        @Override
        String problem(String v) {
            try {
                ZoneId.of(v);
                return null;
            } catch (DateTimeException e) {
                return "not a time zone (write e.g. UTC or Europe/Berlin)";
            }
        }
    },
    /** A 1-Wire DS18B20 device name: family 28, 12 hex digits. */
    W1_DEVICE {
        @Override
        String problem(String v) {
            return v.matches("28-[0-9a-f]{12}") ? null : "not a DS18B20 1-Wire id (28- and 12 lower-case hex digits)";
        }
    },
    /** An IIO device folder name. */
    IIO_DEVICE {
        @Override
        String problem(String v) {
            return v.matches("iio:device\\d{1,4}") ? null : "not an IIO device name (iio:deviceN)";
        }
    },
    /** Any non-empty text (file names, driver names, column names). */
    TEXT {
        @Override
        String problem(String v) {
            return v.isEmpty() ? "must not be empty" : null;
        }
    },
    /** The payload format of an mqtt sensor: rtl_433, weewx, json or value. */
    MQTT_FORMAT {
        @Override
        String problem(String v) {
            return MqttFormat.byConfigName(v).isPresent() ? null
                    : "not a format (" + MqttFormat.allConfigNames() + ")";
        }
    },
    /** An MQTT topic filter, wildcards {@code +} and {@code #} allowed (MQTT 3.1.1 section 4.7). */
    TOPIC_FILTER {
        @Override
        String problem(String v) {
            if (v.isEmpty()) {
                return "must not be empty";
            }
            try {
                MqttTopic.validate(v, true);
                return null;
            } catch (IllegalArgumentException | IllegalStateException e) {
                return "not an MQTT topic filter (" + e.getMessage() + ")";
            }
        }
    },
    /** A broker: {@code tcp://HOST:PORT} or {@code ssl://HOST:PORT}, as the station's mqtt.broker. */
    BROKER_URI {
        @Override
        String problem(String v) {
            try {
                URI u = new URI(v);
                if (("tcp".equals(u.getScheme()) || "ssl".equals(u.getScheme())) && u.getHost() != null) {
                    return null;
                }
            } catch (URISyntaxException e) {
                // refused below, with the allowed forms
            }
            return "not a broker (write tcp://HOST:PORT or ssl://HOST:PORT)";
        }
    },
    /** What a channel measures: a weather channel name ({@code temperature}, {@code rain}...) or {@code other}. */
    QUANTITY {
        @Override
        String problem(String v) {
            return quantityNamed(v) != null ? null : "not a quantity (" + allQuantityNames() + ")";
        }
    },
    /** The unit a payload's value is in: {@code C}, {@code F}, {@code hPa}, {@code inHg}, {@code mm}... */
    PAYLOAD_UNIT {
        @Override
        String problem(String v) {
            return PayloadUnit.named(v).isPresent() ? null : "not a unit (" + PayloadUnit.allNames() + ")";
        }
    },
    /** {@code true} or {@code false}. */
    BOOLEAN {
        @Override
        String problem(String v) {
            return v.equals("true") || v.equals("false") ? null : "must be true or false";
        }
    },
    /** Channel selection and renaming: {@code temperature, humidity:indoor_humidity}. */
    CHANNELS {
        @Override
        String problem(String v) {
            try {
                ChannelChoice.parseList(v);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
    };

    /** What is wrong with {@code value}, or null when it is fine. */
    abstract String problem(String value);

    /** The quantity called {@code name} ({@code other} included), or null. */
    static Quantity quantityNamed(String name) {
        return name.trim().equalsIgnoreCase(Quantity.OTHER.channelName()) ? Quantity.OTHER
                : Quantity.byChannelName(name).orElse(null);
    }

    static String allQuantityNames() {
        List<String> names = new ArrayList<>();
        for (Quantity q : Quantity.values()) {
            names.add(q.channelName());
        }
        return String.join(", ", names);
    }

    static int parseAddress(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        return s.startsWith("0x") ? Integer.parseInt(s.substring(2), 16) : Integer.parseInt(s);
    }

    private static String intIn(String v, int min, int max, String what) {
        try {
            int n = Integer.parseInt(v);
            return n >= min && n <= max ? null : "not " + what;
        } catch (NumberFormatException e) {
            return "not " + what;
        }
    }
}
