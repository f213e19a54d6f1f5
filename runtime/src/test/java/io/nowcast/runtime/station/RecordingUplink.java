package io.nowcast.runtime.station;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nowcast.runtime.station.mqtt.RetainedMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** An uplink without a broker that keeps every retained message handed to it (the health), in order. */
final class RecordingUplink implements Uplink {
    private static final ObjectMapper JSON = new ObjectMapper();
    final List<RetainedMessage> retained = new ArrayList<>();

    @Override
    public synchronized void retain(RetainedMessage m) {
        retained.add(m);
    }

    /** The health payloads, parsed, oldest first. */
    synchronized List<JsonNode> health() throws IOException {
        List<JsonNode> h = new ArrayList<>();
        for (RetainedMessage m : retained) {
            if (m.topic().endsWith("/health")) {
                MqttSchemas.assertValid(m.topic(), new String(m.payload(), java.nio.charset.StandardCharsets.UTF_8));
                h.add(JSON.readTree(m.payload()));
            }
        }
        return h;
    }

    JsonNode lastHealth() throws IOException {
        List<JsonNode> h = health();
        return h.get(h.size() - 1);
    }

    @Override
    public Stats stats() {
        return Stats.NONE;
    }

    @Override
    public void close() {
        // nothing to stop
    }
}
