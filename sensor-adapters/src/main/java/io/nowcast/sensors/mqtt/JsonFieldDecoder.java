package io.nowcast.sensors.mqtt;

import io.nowcast.history.Quantity;
import io.nowcast.sensors.json.JsonReader;

import java.util.List;
import java.util.Map;

/**
 * Any JSON object on one topic, each channel a field of it: {@code channel.<name> = field}, where
 * the field is a dotted path into nested objects (Tasmota's {@code tele/<device>/SENSOR} puts a
 * sensor's values under its name: {@code BME280.Temperature}). Values are JSON numbers in the
 * channel's configured unit. A message without a channel's field leaves the channel as it was.
 */
final class JsonFieldDecoder implements MessageDecoder {
    private final String topic;
    private final Quantity[] quantity;   // [channel]
    private final String[] field;        // [channel], as configured
    private final String[][] path;       // [channel][segment]
    private final PayloadUnit[] unit;    // [channel]
    private final boolean[] total;       // [channel]

    JsonFieldDecoder(String topic, List<MqttChannel> channels) {
        this.topic = topic;
        int n = channels.size();
        quantity = new Quantity[n];
        field = new String[n];
        path = new String[n][];
        unit = new PayloadUnit[n];
        total = new boolean[n];
        for (int i = 0; i < n; i++) {
            MqttChannel c = channels.get(i);
            quantity[i] = c.quantity();
            field[i] = c.field();
            path[i] = c.field().split("\\.", -1);
            unit[i] = c.unit() == null ? PayloadUnit.stationUnit(c.quantity()) : c.unit();
            total[i] = c.total();
        }
    }

    @Override
    public List<String> topics() {
        return List.of(topic);
    }

    @Override
    public ChannelKind kind(int channel) {
        return total[channel] ? ChannelKind.TOTAL
                : quantity[channel] == Quantity.RAIN ? ChannelKind.AMOUNT : ChannelKind.LEVEL;
    }

    @Override
    public String expected(int channel) {
        return field[channel] + " in JSON messages on " + topic;
    }

    @Override
    public void decode(String messageTopic, String payload, Updates out) {
        Object parsed;
        try {
            parsed = JsonReader.parse(payload);
        } catch (JsonReader.JsonException e) {
            out.rejectedAll("a message on " + messageTopic + " is " + e.getMessage());
            return;
        }
        if (!(parsed instanceof Map<?, ?>)) {
            out.rejectedAll("a message on " + messageTopic + " is " + PayloadValues.describe(parsed)
                    + ", not a JSON object");
            return;
        }
        for (int c = 0; c < quantity.length; c++) {
            Object v = parsed;
            for (String segment : path[c]) {
                if (!(v instanceof Map<?, ?> m) || !m.containsKey(segment)) {
                    v = Absent.FIELD;
                    break;
                }
                v = m.get(segment);
            }
            if (v == Absent.FIELD) {
                continue;
            }
            if (v instanceof Number n) {
                out.value(c, unit[c].toStation(quantity[c], n.doubleValue()), field[c]);
            } else {
                out.rejected(c, field[c] + " is " + PayloadValues.describe(v) + ", not a number");
            }
        }
    }

    /** Marks a field a message does not have (null is a JSON value). */
    private enum Absent {
        FIELD
    }
}
