package io.nowcast.sensors.mqtt;

import io.nowcast.history.Quantity;
import io.nowcast.sensors.Channel;
import io.nowcast.sensors.ChannelReading;
import io.nowcast.sensors.ManualClock;
import io.nowcast.sensors.Reading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builds mqtt sources over a {@link HandFedLink} for the format tests. */
final class Sources {
    static final Duration STALE = Duration.ofMinutes(5);

    private Sources() {
    }

    /** A source of a format with a field table, one channel per quantity, named after it. */
    static MqttSource tabled(HandFedLink link, ManualClock clock, MqttFormat format, String topic, String model,
            String deviceId, Quantity... quantities) {
        List<MqttChannel> channels = new ArrayList<>();
        for (Quantity q : quantities) {
            channels.add(MqttChannel.of(Channel.of(q)));
        }
        return new MqttSource(new MqttSource.Spec("garden", format, topic, model, deviceId, channels, STALE), clock, link);
    }

    static MqttSource fielded(HandFedLink link, ManualClock clock, MqttFormat format, String topic, MqttChannel... channels) {
        return new MqttSource(new MqttSource.Spec("garden", format, topic, null, null, List.of(channels), STALE), clock, link);
    }

    static MqttChannel field(String name, Quantity q, String field, PayloadUnit unit) {
        return new MqttChannel(new Channel(name, name, q), field, unit, false);
    }

    static double ok(Reading r, String channel) {
        ChannelReading c = r.channel(channel).orElseThrow(() -> new AssertionError("no channel " + channel + " in " + r));
        assertTrue(c.isOk(), () -> channel + " is not OK: " + c);
        return c.value();
    }

    static void assertOk(Reading r, String channel, double expected, double tolerance) {
        assertEquals(expected, ok(r, channel), tolerance, channel);
    }

    static ChannelReading channel(Reading r, String channel) {
        return r.channel(channel).orElseThrow(() -> new AssertionError("no channel " + channel + " in " + r));
    }
}
