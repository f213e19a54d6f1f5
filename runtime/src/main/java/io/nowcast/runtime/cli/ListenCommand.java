package io.nowcast.runtime.cli;

import io.nowcast.runtime.station.ForecastTable;
import io.nowcast.runtime.station.json.JsonReader;
import io.nowcast.runtime.station.mqtt.BrokerLogin;
import io.nowcast.runtime.station.mqtt.BrokerSettings;
import io.nowcast.runtime.station.mqtt.StationTopics;
import io.nowcast.runtime.station.mqtt.TlsSockets;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nowcast listen}: prints the forecasts a broker carries, as a table, as they arrive. */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = "Subscribe to a broker and print forecasts as a readable table as they arrive.")
public final class ListenCommand implements Callable<Integer> {
    @Option(names = "--broker", required = true, paramLabel = "URI", description = "tcp://HOST:PORT or ssl://HOST:PORT")
    String broker;

    @Option(names = "--station", paramLabel = "ID", description = "Only this station (default: every station).")
    String station;

    @Option(names = "--username", paramLabel = "NAME", description = "Broker user name.")
    String username;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the broker password.")
    Path passwordFile;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "CA certificate(s) of an ssl:// broker (default: the JDK's).")
    Path caFile;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N forecasts (default: run until interrupted).")
    int count;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (station != null && !StationTopics.validId(station)) {
            throw new IllegalArgumentException("--station '" + station + "' is not a station id (a-z, A-Z, 0-9, '-', '_')");
        }
        PrintWriter out = spec.commandLine().getOut();
        String topic = StationTopics.ROOT + "/" + (station == null ? "+" : station) + "/forecast";
        Map<String, Long> lastSeq = new HashMap<>(); // per station: QoS 1 may repeat a message
        CountDownLatch done = new CountDownLatch(count > 0 ? count : 1);
        MqttClient client = new MqttClient(broker, "nowcast-listen-" + UUID.randomUUID().toString().substring(0, 8),
                new MemoryPersistence());
        char[] password = null;
        if (passwordFile != null) {
            String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            password = (end < 0 ? text : text.substring(0, end)).stripTrailing().toCharArray();
        }
        BrokerSettings settings = new BrokerSettings(broker, "listen", 1, username, password, caFile, null, null, 30, 1, 1);
        MqttConnectOptions o = BrokerLogin.options(settings, broker.startsWith("ssl://") ? TlsSockets.factory(settings) : null);
        o.setAutomaticReconnect(true); // a listener, unlike the station's publisher, lets Paho reconnect
        try {
            client.connect(o);
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot connect to " + broker + ": " + BrokerLogin.describe(e));
        }
        client.subscribe(topic, 1, (t, message) -> {
            String text = new String(message.getPayload(), StandardCharsets.UTF_8);
            synchronized (out) {
                Map<String, Object> f = parseForecast(text);
                if (f == null) {
                    out.printf("%s: not a forecast payload: %s%n", t, text.length() > 80 ? text.substring(0, 80) + "..." : text);
                } else {
                    String id = (String) f.get("station");
                    long seq = ((Number) f.get("seq")).longValue();
                    Long previous = lastSeq.get(id);
                    if (previous != null && seq <= previous) {
                        return; // a QoS 1 repeat
                    }
                    lastSeq.put(id, seq);
                    out.print(ForecastTable.format(f));
                    done.countDown(); // --count counts forecasts shown, not repeats or other payloads
                }
                out.flush();
            }
        });
        // Said only once the broker has acknowledged the subscription: from here on nothing is missed.
        out.printf("listening on %s for %s (Ctrl-C to stop)%n", broker, topic);
        out.flush();
        if (count > 0) {
            done.await();
        } else {
            new CountDownLatch(1).await(); // until the process is interrupted
        }
        client.disconnect();
        client.close();
        return 0;
    }

    /** The payload as a forecast map, or null when it is not JSON with the fields a forecast has. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseForecast(String text) {
        try {
            return JsonReader.parse(text) instanceof Map<?, ?> m && m.get("station") instanceof String
                    && m.get("seq") instanceof Number && m.get("outputs") instanceof java.util.List<?>
                    ? (Map<String, Object>) m : null;
        } catch (JsonReader.JsonException e) {
            return null;
        }
    }
}
