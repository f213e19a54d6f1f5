package io.nowcast.sensors.mqtt;

import java.util.List;

/** Turns the messages of one payload format into channel updates. Runs on the MQTT client's thread. */
interface MessageDecoder {
    /** The topic filters to subscribe to. */
    List<String> topics();

    ChannelKind kind(int channel);

    /** What the channel waits for, for the reason of a MISSING channel, e.g. {@code temperature_C or temperature_F}. */
    String expected(int channel);

    /** Decodes one message; never throws, whatever the payload. */
    void decode(String topic, String payload, Updates out);
}
