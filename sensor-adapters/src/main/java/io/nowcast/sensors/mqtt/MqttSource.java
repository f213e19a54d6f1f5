package io.nowcast.sensors.mqtt;

import io.nowcast.sensors.Channel;
import io.nowcast.sensors.Reading;
import io.nowcast.sensors.SensorSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A sensor whose values arrive over MQTT ({@code sensor.<id>.type = mqtt}): rtl_433 events, weewx
 * loop packets, any JSON object, or one number per topic (docs/sensors.md, "mqtt").
 *
 * <p>Messages arrive on the MQTT client's thread whenever the device sends; each updates the latest
 * state of the channels it concerns ({@link ChannelStates}). The station pulls as from any sensor:
 * {@link #read()} returns at once, never waits for the broker, and gives per channel the latest value
 * (levels) or what fell since the previous reading (rain), MISSING when nothing came within
 * {@code stale}, REJECTED when the latest message could not be used. A malformed message never gets
 * further than its channels' state; the connection is kept up by {@link MqttSubscriber}.
 */
public final class MqttSource implements SensorSource {
    /**
     * What an mqtt sensor reads.
     *
     * @param id       the sensor's id
     * @param format   the payload format
     * @param topic    the topic filter ({@code rtl_433}, {@code weewx}, {@code json}); null for
     *                 {@code value}, whose channels name their topics
     * @param model    {@code rtl_433}: the {@code model} events must have, or null for any
     * @param deviceId {@code rtl_433}: the {@code id} events must have, or null for any
     * @param channels the channels, in reading order
     * @param stale    how old a channel's latest message may be before it is MISSING
     */
    public record Spec(String id, MqttFormat format, String topic, String model, String deviceId,
            List<MqttChannel> channels, Duration stale) {
        public Spec {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(format, "format");
            channels = List.copyOf(channels);
            if (channels.isEmpty()) {
                throw new IllegalArgumentException("an mqtt sensor needs at least one channel");
            }
            if ((topic == null) != (format == MqttFormat.VALUE)) {
                throw new IllegalArgumentException(format.configName() + (topic == null ? " needs a topic" : " takes no topic"));
            }
            if (!(stale.compareTo(Duration.ZERO) > 0)) {
                throw new IllegalArgumentException("stale must be more than zero, got " + stale);
            }
        }

        MessageDecoder decoder() {
            return switch (format) {
                case RTL_433 -> new Rtl433Decoder(topic, model, deviceId, channels);
                case WEEWX -> new WeewxDecoder(topic, channels);
                case JSON -> new JsonFieldDecoder(topic, channels);
                case VALUE -> new ValueDecoder(channels);
            };
        }
    }

    private final Spec spec;
    private final List<Channel> channels;
    private final MessageDecoder decoder;
    private final ChannelStates states;
    private final MessageLink link;

    MqttSource(Spec spec, Clock clock, MessageLink link) {
        this.spec = spec;
        this.channels = spec.channels().stream().map(MqttChannel::channel).toList();
        this.decoder = spec.decoder();
        this.states = new ChannelStates(spec.id(), channels, decoder, spec.stale(), clock);
        this.link = link;
        link.start(decoder.topics(), this::message);
    }

    /**
     * Starts the source: connects to the broker and subscribes in the background, and returns at once.
     * A broker that cannot be reached now is tried again until it can be (its channels read MISSING
     * meanwhile, with the reason).
     */
    public static MqttSource start(Spec spec, Clock clock, BrokerEndpoint broker) {
        return new MqttSource(spec, clock, new MqttSubscriber(spec.id(), broker));
    }

    /** One message from the broker; on the MQTT client's thread. */
    void message(String topic, byte[] payload, boolean retained) {
        states.message(decoder, topic, new String(payload, StandardCharsets.UTF_8), retained);
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public String type() {
        return "mqtt";
    }

    @Override
    public List<Channel> channels() {
        return channels;
    }

    /** The topic filters it subscribes to. */
    public List<String> topics() {
        return decoder.topics();
    }

    /** e.g. {@code mqtt: rtl_433 events on rtl_433/+/events from Fineoffset-WH24 id 191, at tcp://pi:1883 as ...}. */
    @Override
    public String describe() {
        String what = switch (spec.format()) {
            case RTL_433 -> "rtl_433 events on " + spec.topic() + (spec.model() == null ? "" : " from " + spec.model())
                    + (spec.deviceId() == null ? "" : " id " + spec.deviceId());
            case WEEWX -> "weewx packets on " + spec.topic();
            case JSON -> "JSON on " + spec.topic();
            case VALUE -> "numbers on " + String.join(", ", topics());
        };
        return "mqtt: " + what + ", at " + link.origin();
    }

    @Override
    public Reading read() {
        return states.read(link.trouble());
    }

    /** Waits until every channel has had a message (at most {@code timeout}), e.g. before a one-off read. */
    @Override
    public boolean awaitData(Duration timeout) throws InterruptedException {
        return states.awaitAll(timeout);
    }

    /** Counter resets seen on a running-total channel, by channel index (for tests and diagnosis). */
    int resets(int channel) {
        return states.resets(channel);
    }

    @Override
    public void close() {
        link.close();
    }

    @Override
    public String toString() {
        return "MqttSource[" + spec.id() + ", " + spec.format().configName() + " on " + String.join(", ", topics()) + "]";
    }
}
