package io.nowcast.runtime.cli;

import io.nowcast.runtime.station.ForecastTable;
import io.nowcast.sensors.json.JsonReader;
import io.nowcast.broker.BrokerLogin;
import io.nowcast.broker.BrokerSettings;
import io.nowcast.runtime.station.mqtt.BrokerSubscription;
import io.nowcast.runtime.station.mqtt.StationTopics;
import io.nowcast.runtime.station.skill.SkillView;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.eclipse.paho.client.mqttv3.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nowcast listen}: prints the forecasts a broker carries, as a table, as they arrive; with
 * {@code --skill}, the stations' live skill instead (retained: the last one at once, then each change).
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = "Subscribe to a broker and print forecasts (or, with --skill, live skill) as a readable table as they arrive.")
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

    @Option(names = "--count", paramLabel = "N",
            description = "Stop after N forecasts, or N skill messages with --skill (default: run until interrupted).")
    int count;

    @Option(names = "--skill", description = "Show the live skill of each station's model (nowcast/<id>/skill) instead of forecasts.")
    boolean skill;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (station != null && !StationTopics.validId(station)) {
            throw new IllegalArgumentException("--station '" + station + "' is not a station id (a-z, A-Z, 0-9, '-', '_')");
        }
        PrintWriter out = spec.commandLine().getOut();
        String topic = StationTopics.ROOT + "/" + (station == null ? "+" : station) + (skill ? "/skill" : "/forecast");
        Map<String, Long> lastSeq = new HashMap<>(); // per station: QoS 1 may repeat a message
        CountDownLatch done = new CountDownLatch(count > 0 ? count : 1);
        char[] password = null;
        if (passwordFile != null) {
            String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            password = (end < 0 ? text : text.substring(0, end)).stripTrailing().toCharArray();
        }
        // Back after a broker restart within 1, 2, 4 or at most 10 s.
        BrokerSettings settings = new BrokerSettings(broker, "nowcast-listen-" + UUID.randomUUID().toString().substring(0, 8),
                1, username, password, caFile, null, null, 30, 1, 10);
        PrintWriter err = spec.commandLine().getErr();
        BrokerSubscription subscription;
        try {
            subscription = BrokerSubscription.open(settings, List.of(topic), (t, payload) -> {
                String text = new String(payload, StandardCharsets.UTF_8);
                synchronized (out) {
                    if (skill) {
                        showSkill(out, t, text, done);
                        return;
                    }
                    Map<String, Object> f = parseForecast(text);
                    if (f == null) {
                        out.printf("%s: not a forecast payload: %s%n", t, text.length() > 80 ? text.substring(0, 80) + "..." : text);
                    } else {
                        String id = f.get("station") + " " + f.get("epoch"); // seq counts per station and stream epoch
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
            }, notice -> {
                synchronized (out) {
                    err.println("listen: " + notice);
                    err.flush();
                }
            });
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot connect to " + broker + ": "
                    + (e.getReasonCode() == MqttException.REASON_CODE_SUBSCRIBE_FAILED
                            ? "the broker refused the subscription to " + topic + " (may this user read it?)"
                            : BrokerLogin.describe(e)));
        }
        try (subscription) {
            // Said only once the broker has acknowledged the subscription: from here on nothing is missed
            // (but while the broker is away; listen connects and subscribes again when it is back).
            out.printf("listening on %s for %s (Ctrl-C to stop)%n", broker, topic);
            out.flush();
            if (count > 0) {
                done.await();
            } else {
                new CountDownLatch(1).await(); // until the process is interrupted
            }
        }
        return 0;
    }

    /** Prints one skill message as a table (an empty retained message, a cleared topic, is passed over). */
    private static void showSkill(PrintWriter out, String topic, String text, CountDownLatch done) {
        if (text.isEmpty()) {
            return;
        }
        Object parsed;
        try {
            parsed = JsonReader.parse(text);
        } catch (JsonReader.JsonException e) {
            parsed = null;
        }
        if (SkillView.isSkill(parsed)) {
            out.print(SkillView.format((Map<?, ?>) parsed));
            done.countDown();
        } else {
            out.printf("%s: not a skill payload: %s%n", topic, text.length() > 80 ? text.substring(0, 80) + "..." : text);
        }
        out.flush();
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
