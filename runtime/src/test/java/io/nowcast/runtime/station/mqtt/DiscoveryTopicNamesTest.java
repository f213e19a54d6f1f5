package io.nowcast.runtime.station.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nowcast.engine.model.Model;
import io.nowcast.engine.model.OutputSpec;
import io.nowcast.runtime.station.Channel;
import io.nowcast.runtime.station.HomeAssistantDiscovery;
import io.nowcast.runtime.station.ModelInfo;
import io.nowcast.runtime.station.TestModels;
import io.nowcast.sensors.config.ConfigException;
import io.nowcast.engine.model.ModelWriter;
import io.nowcast.runtime.cli.NowcastCli;
import io.nowcast.runtime.station.Mosquitto;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Topic names made of the model's output names and homeassistant.prefix are checked at start, one line each. */
class DiscoveryTopicNamesTest {
    private static final StationTopics TOPICS = new StationTopics("garden");

    @TempDir
    Path dir;

    private static ModelInfo withOutput(String name) {
        Model m = TestModels.weather(3, 600);
        OutputSpec first = m.outputs().get(0);
        List<OutputSpec> outputs = List.of(new OutputSpec(name, first.unit(), first.horizonSeconds(), first.baseInput(),
                first.mean(), first.std()), m.outputs().get(1));
        Model renamed = new Model(m.weightType(), m.cellActivation(), m.gateActivation(), m.window(), m.intervalSeconds(),
                m.inputs(), outputs, m.description(), m.layers(), m.headWeights(), m.headBias());
        return new ModelInfo("garden.ncm", "00".repeat(32), "float", renamed);
    }

    private static String refusal(String prefix, List<Channel> channels, ModelInfo info) {
        return assertThrows(ConfigException.class,
                () -> HomeAssistantDiscovery.configs(prefix, TOPICS, channels, info, 1800)).getMessage();
    }

    @Test
    void aWildcardOrNulInThePrefixIsRefusedNamingTheKey() throws Exception {
        ModelInfo info = TestModels.info(TestModels.weather(3, 600));
        assertEquals("homeassistant.prefix = 'home/#': holds '#'; allowed: a topic without '+', '#' or NUL",
                refusal("home/#", TestModels.CHANNELS, info));
        assertEquals("homeassistant.prefix = 'home+': holds '+'; allowed: a topic without '+', '#' or NUL",
                refusal("home+", TestModels.CHANNELS, info));
        assertEquals("homeassistant.prefix = 'ho\\u0000me': holds NUL; allowed: a topic without '+', '#' or NUL",
                refusal("ho\0me", TestModels.CHANNELS, info));
        assertEquals("homeassistant.prefix = '': empty; allowed: a topic without '+', '#' or NUL",
                refusal("", TestModels.CHANNELS, info));
        // A prefix of several levels is a topic like any other.
        assertEquals(5, HomeAssistantDiscovery.configs("home/assistant", TOPICS, TestModels.CHANNELS, info, 1800).size());
    }

    @Test
    void anOutputNameThatCannotBeOneTopicLevelIsRefusedNamingTheModelAndTheOutput() {
        String tail = ", which cannot be in a Home Assistant discovery topic; rename the output when training "
                + "or set homeassistant.discovery = false";
        assertEquals("garden.ncm: output 'temp+1h' holds '+'" + tail, refusal("homeassistant", TestModels.CHANNELS,
                withOutput("temp+1h")));
        assertEquals("garden.ncm: output 'temp#' holds '#'" + tail, refusal("homeassistant", TestModels.CHANNELS,
                withOutput("temp#")));
        assertEquals("garden.ncm: output 'temp/1h' holds '/'" + tail, refusal("homeassistant", TestModels.CHANNELS,
                withOutput("temp/1h")));
        assertEquals("garden.ncm: output 'temp\\u0000\\u000a' holds NUL" + tail, refusal("homeassistant",
                TestModels.CHANNELS, withOutput("temp\0\n")));
    }

    @Test
    void aChannelNameThatCannotBeOneTopicLevelIsRefusedNamingTheChannel() throws Exception {
        ModelInfo info = TestModels.info(TestModels.weather(3, 600));
        assertEquals("channel 'wind+gust' holds '+', which cannot be in a Home Assistant discovery topic; rename the "
                + "channel (sensor.<id>.channels) or set homeassistant.discovery = false",
                refusal("homeassistant", List.of(new Channel("wind+gust", "m/s")), info));
    }

    @Test
    void nowcastRunStopsAtStartWithTheOneLine() throws Exception {
        ModelWriter.write(TestModels.weather(3, 600), dir.resolve("model.ncm"));
        Path conf = dir.resolve("station.conf");
        Files.write(conf, List.of("station.id = garden", "station.data_dir = data", "model.file = model.ncm",
                "mqtt.broker = tcp://127.0.0.1:" + Mosquitto.freePort(), "homeassistant.prefix = home/#",
                "sensor.yard.type = simulated", "sensor.yard.channels = temperature, humidity, pressure"));
        StringWriter err = new StringWriter();
        CommandLine cli = NowcastCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertEquals(1, cli.execute("run", "--config", conf.toString()));
        assertEquals("nowcast run: homeassistant.prefix = 'home/#': holds '#'; allowed: a topic without '+', '#' or NUL",
                err.toString().strip());
    }
}
