package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/** The JSON Schemas of docs/mqtt.md (src/test/resources/mqtt-schemas), applied to received messages. */
public final class MqttSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private MqttSchemas() {
    }

    /** The schema file for a topic, by its last level (or "ha-discovery" for a config topic). */
    static String schemaFor(String topic) {
        if (topic.startsWith("homeassistant/") && topic.endsWith("/config")) {
            if (topic.matches(".*/nowcast_[A-Za-z0-9_-]+/skill_[^/]+/config")) {
                return "ha-skill-discovery";
            }
            return topic.matches(".*/nowcast_[A-Za-z0-9_-]+/(health|problem)/config") ? "ha-health-discovery" : "ha-discovery";
        }
        return topic.substring(topic.lastIndexOf('/') + 1);
    }

    /** Fails the test with every violation when the payload does not match its topic's schema. */
    public static void assertValid(String topic, String payload) throws IOException {
        String name = schemaFor(topic);
        JsonSchema schema;
        try (InputStream in = MqttSchemas.class.getResourceAsStream("/mqtt-schemas/" + name + ".schema.json")) {
            if (in == null) {
                throw new AssertionError("no schema for topic " + topic);
            }
            schema = FACTORY.getSchema(in);
        }
        JsonNode node = name.equals("status") ? new TextNode(payload) : JSON.readTree(payload);
        Set<ValidationMessage> errors = schema.validate(node, executionContext -> executionContext.getExecutionConfig()
                .setFormatAssertionsEnabled(true));
        assertEquals(Set.of(), errors, topic + ": " + payload);
    }
}
