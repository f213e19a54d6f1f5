package io.nowcast.runtime.station;

import io.nowcast.engine.model.OutputSpec;
import io.nowcast.runtime.station.json.JsonWriter;
import io.nowcast.runtime.station.mqtt.MqttPublisher;
import io.nowcast.runtime.station.mqtt.RetainedMessage;
import io.nowcast.runtime.station.mqtt.StationTopics;
import io.nowcast.runtime.station.skill.SkillStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Home Assistant discovery of the station's health ({@code nowcast/<id>/health}) and of its live
 * skill ({@code nowcast/<id>/skill}): diagnostic entities of the station's device, beside
 * {@link HomeAssistantDiscovery}'s sensors:
 * <ul>
 * <li>a {@code sensor} "Health" whose state is {@code ok} or {@code degraded} and whose attributes are
 *     the whole health message (reasons, backlog, errors);</li>
 * <li>a {@code binary_sensor} "Problem" (device class {@code problem}): on while degraded;</li>
 * <li>per model output, a {@code sensor} "Skill &lt;output&gt; +&lt;horizon&gt;": the 7-day skill
 *     (1 − RMSE / persistence's RMSE), the output's figures of every period as attributes.</li>
 * </ul>
 * All are {@code entity_category: diagnostic}, available while the status is {@code online}, and
 * never expire (the health is retained, and sent again at least once an interval; the skill is
 * retained, and changes only when a forecast is scored).
 */
final class HealthDiscovery {
    private HealthDiscovery() {
    }

    static List<RetainedMessage> configs(String prefix, StationTopics topics) {
        String station = topics.stationId();
        String device = "nowcast_" + station;
        String health = Station.healthTopic(topics);
        JsonWriter sensor = common(device, "health", "Health", health, "{{ value_json.state }}", topics)
                .name("json_attributes_topic").value(health)
                .name("icon").value("mdi:heart-pulse");
        JsonWriter problem = common(device, "problem", "Problem", health,
                "{{ 'ON' if value_json.state == 'degraded' else 'OFF' }}", topics)
                .name("device_class").value("problem");
        return List.of(
                new RetainedMessage(prefix + "/sensor/" + device + "/health/config", device(sensor, station)),
                new RetainedMessage(prefix + "/binary_sensor/" + device + "/problem/config", device(problem, station)));
    }

    /** One skill sensor per model output ({@code skill_<output>_<horizon>}), reading the retained skill. */
    static List<RetainedMessage> skillConfigs(String prefix, StationTopics topics, ModelInfo info) {
        String station = topics.stationId();
        String device = "nowcast_" + station;
        List<RetainedMessage> configs = new ArrayList<>();
        List<OutputSpec> outputs = info.model().outputs();
        for (int k = 0; k < Math.min(outputs.size(), SkillStore.MAX_OUTPUTS); k++) {
            OutputSpec o = outputs.get(k);
            String horizon = HomeAssistantDiscovery.horizonWord(o.horizonSeconds());
            String object = "skill_" + o.name() + "_" + horizon;
            JsonWriter sensor = common(device, object, "Skill " + o.name().replace('_', ' ') + " +" + horizon,
                    topics.skill(), "{{ value_json.outputs[" + k + "]['7d'].skill }}", topics)
                    .name("json_attributes_topic").value(topics.skill())
                    .name("json_attributes_template").value("{{ value_json.outputs[" + k + "] | tojson }}")
                    .name("state_class").value("measurement")
                    .name("icon").value("mdi:bullseye-arrow");
            configs.add(new RetainedMessage(prefix + "/sensor/" + device + "/" + object + "/config", device(sensor, station)));
        }
        return configs;
    }

    private static JsonWriter common(String device, String object, String name, String stateTopic, String template,
            StationTopics topics) {
        return new JsonWriter().beginObject()
                .name("name").value(name)
                .name("unique_id").value(device + "_" + object)
                .name("object_id").value(device + "_" + object)
                .name("state_topic").value(stateTopic)
                .name("value_template").value(template)
                .name("entity_category").value("diagnostic")
                .name("availability_topic").value(topics.status())
                .name("payload_available").value(MqttPublisher.ONLINE)
                .name("payload_not_available").value(MqttPublisher.OFFLINE);
    }

    /** The device block, as {@link HomeAssistantDiscovery} writes it, so that both join one device. */
    private static byte[] device(JsonWriter w, String station) {
        return w.name("device").beginObject()
                .name("identifiers").beginArray().value("nowcast_" + station).endArray()
                .name("name").value("Nowcast " + station)
                .name("manufacturer").value("Nowcast")
                .name("model").value("LSTM weather station")
                .endObject()
                .endObject().toBytes();
    }
}
