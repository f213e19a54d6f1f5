package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nowcast.engine.model.DerivedFeature;
import io.nowcast.engine.model.InputSpec;
import io.nowcast.engine.model.Model;
import io.nowcast.runtime.cli.DemoCommand;
import io.nowcast.runtime.station.mqtt.RetainedMessage;
import io.nowcast.runtime.station.mqtt.StationTopics;
import io.nowcast.sensors.sim.SimulatedStation;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The model that ships for `nowcast demo` fits the simulated station and Home Assistant. */
class DemoModelTest {
    @Test
    void everyInputIsASimulatedChannelOrADerivedFeatureAndEveryOutputGetsItsOwnHomeAssistantId() throws Exception {
        byte[] bytes;
        try (InputStream in = DemoCommand.class.getResourceAsStream(DemoCommand.DEMO_MODEL)) {
            assertNotNull(in, "the runtime jar carries " + DemoCommand.DEMO_MODEL);
            bytes = in.readAllBytes();
        }
        ModelInfo info = ModelInfo.of("demo.ncm", bytes, "float");
        Model m = info.model();
        Set<String> simulated = new HashSet<>();
        SimulatedStation.allChannels().forEach(c -> simulated.add(c.name()));
        for (InputSpec in : m.inputs()) {
            assertTrue(simulated.contains(in.name()) || DerivedFeature.byInputName(in.name()) != null, in.name());
        }
        List<Channel> channels = SimulatedStation.allChannels().stream()
                .map(c -> new Channel(c.name(), c.quantity().unit())).toList();
        List<RetainedMessage> configs = HomeAssistantDiscovery.configs("homeassistant", new StationTopics("demo"), channels,
                info, 1800);
        Set<String> topics = new HashSet<>();
        configs.forEach(c -> topics.add(c.topic()));
        assertEquals(configs.size(), topics.size(), "two outputs of one target differ by horizon: " + topics);
        assertTrue(topics.contains("homeassistant/sensor/nowcast_demo/fc_temperature_1h/config"), topics.toString());
        for (RetainedMessage c : configs) {
            MqttSchemas.assertValid(c.topic(), new String(c.payload(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
