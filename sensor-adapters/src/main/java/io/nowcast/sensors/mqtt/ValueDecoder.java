package io.nowcast.sensors.mqtt;

import io.nowcast.history.Quantity;
import org.eclipse.paho.client.mqttv3.MqttTopic;

import java.util.List;

/**
 * A bare number per topic, as ESPHome publishes a sensor's state ({@code <node>/sensor/<name>/state},
 * e.g. {@code 21.50}) and Tasmota a single value: {@code channel.<name> = topic}, the payload a decimal
 * number in the channel's configured unit. Anything else ({@code nan}, which ESPHome sends for a
 * sensor without a reading, {@code unavailable}, JSON) rejects the channel.
 */
final class ValueDecoder implements MessageDecoder {
    private final Quantity[] quantity;   // [channel]
    private final String[] topic;        // [channel]: a topic filter
    private final PayloadUnit[] unit;    // [channel]
    private final boolean[] total;       // [channel]

    ValueDecoder(List<MqttChannel> channels) {
        int n = channels.size();
        quantity = new Quantity[n];
        topic = new String[n];
        unit = new PayloadUnit[n];
        total = new boolean[n];
        for (int i = 0; i < n; i++) {
            MqttChannel c = channels.get(i);
            quantity[i] = c.quantity();
            topic[i] = c.field();
            unit[i] = c.unit() == null ? PayloadUnit.stationUnit(c.quantity()) : c.unit();
            total[i] = c.total();
        }
    }

    @Override
    public List<String> topics() {
        return List.of(topic).stream().distinct().toList();
    }

    @Override
    public ChannelKind kind(int channel) {
        return total[channel] ? ChannelKind.TOTAL
                : quantity[channel] == Quantity.RAIN ? ChannelKind.AMOUNT : ChannelKind.LEVEL;
    }

    @Override
    public String expected(int channel) {
        return "a number on " + topic[channel];
    }

    @Override
    public void decode(String messageTopic, String payload, Updates out) {
        double v = PayloadValues.decimal(payload);
        for (int c = 0; c < topic.length; c++) {
            if (MqttTopic.isMatched(topic[c], messageTopic)) {
                if (Double.isNaN(v)) {
                    out.rejected(c, messageTopic + " says " + PayloadValues.quote(payload) + ", not a number");
                } else {
                    out.value(c, unit[c].toStation(quantity[c], v), messageTopic);
                }
            }
        }
    }
}
