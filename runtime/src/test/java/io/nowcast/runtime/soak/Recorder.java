package io.nowcast.runtime.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The consumer of the station's messages: a persistent session (clean session off) at QoS 1, as a
 * subscriber that must not miss anything subscribes, subscribing again after every reconnection
 * (a broker killed with SIGKILL may come back without the session). Every observation and forecast
 * is kept by stream ({@code epoch}) and {@code seq}: how often it came, and each distinct payload
 * (by SHA-256); each arrival is one line of {@code received.log}. Of the retained health and model
 * it keeps the newest.
 */
final class Recorder implements AutoCloseable {
    /** One seq of one stream: its first payload, how often it arrived, its distinct payloads. */
    static final class Delivery {
        final long seq;
        final String epoch;
        final JsonNode first;
        final Set<String> hashes = new LinkedHashSet<>();
        final long firstArrivalMillis;
        int count;
        /** Arrivals after the first with the DUP flag: the broker sent it again to this subscriber. */
        int dupFlagged;

        Delivery(long seq, String epoch, JsonNode first, long arrival) {
            this.seq = seq;
            this.epoch = epoch;
            this.first = first;
            this.firstArrivalMillis = arrival;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String station;
    private final String filter;
    private final MqttClient client;
    private final PrintWriter log;
    private final ExecutorService resubscriber = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "recorder-subscribe");
        t.setDaemon(true);
        return t;
    });
    /** topic kind ("observation", "forecast") → "epoch seq" → delivery. */
    private final Map<String, Map<String, Delivery>> streams = new TreeMap<>();
    private JsonNode health;
    private JsonNode model;
    private long lastObservationArrival;
    private long malformed;
    private long connections;

    Recorder(String uri, String station, Path logFile) throws MqttException, IOException {
        this.station = station;
        this.filter = "nowcast/" + station + "/#";
        this.log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), true);
        streams.put("observation", new TreeMap<>());
        streams.put("forecast", new TreeMap<>());
        client = new MqttClient(uri, "soak-subscriber", new MemoryPersistence());
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                synchronized (Recorder.this) {
                    connections++;
                }
                if (reconnect) {
                    resubscriber.execute(Recorder.this::subscribe);
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
                // automatic reconnect is on
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                arrived(topic, message.getPayload(), message.isRetained(), message.isDuplicate());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // subscriber only
            }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(1000);
        o.setKeepAliveInterval(10);
        client.connect(o);
        subscribe();
    }

    private void subscribe() {
        try {
            client.subscribe(filter, 1);
        } catch (MqttException e) {
            synchronized (this) {
                log.println(Instant.now() + " subscribe failed: " + e);
            }
        }
    }

    private synchronized void arrived(String topic, byte[] payload, boolean retained, boolean dup) {
        String kind = topic.substring(topic.lastIndexOf('/') + 1);
        long now = System.currentTimeMillis();
        JsonNode json;
        try {
            json = kind.equals("status") ? null : JSON.readTree(payload);
        } catch (IOException e) {
            malformed++;
            log.println(Instant.ofEpochMilli(now) + " " + topic + " not JSON: " + e.getMessage());
            return;
        }
        switch (kind) {
            case "observation", "forecast" -> {
                long seq = json.path("seq").asLong(-1);
                String epoch = json.path("epoch").asText("(none)");
                String hash = sha256(payload);
                Delivery d = streams.get(kind).computeIfAbsent(epoch + " " + seq, k -> new Delivery(seq, epoch, json, now));
                d.count++;
                if (d.count > 1 && dup) {
                    d.dupFlagged++;
                }
                boolean newPayload = d.hashes.add(hash);
                if (kind.equals("observation")) {
                    lastObservationArrival = now;
                }
                log.println(Instant.ofEpochMilli(now) + " " + kind + " epoch=" + epoch + " seq=" + seq + " sha256="
                        + hash.substring(0, 16) + (dup ? " dup-flag" : "")
                        + (d.count > 1 ? (newPayload ? " REPEAT-WITH-ANOTHER-PAYLOAD" : " repeat") : ""));
            }
            case "health" -> {
                if (health == null || json.path("time").asText().compareTo(health.path("time").asText()) >= 0) {
                    health = json;
                }
            }
            case "model" -> model = json;
            default -> {
                // status, discovery: not tallied
            }
        }
    }

    private static String sha256(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The deliveries of one kind ("observation", "forecast"), copied. */
    synchronized List<Delivery> deliveries(String kind) {
        return new ArrayList<>(streams.get(kind).values());
    }

    synchronized int count(String kind) {
        return streams.get(kind).size();
    }

    /** The highest seq delivered of a kind (−1 when none), and whether every seq from 0 to it came. */
    synchronized long[] contiguous(String kind) {
        long max = -1;
        for (Delivery d : streams.get(kind).values()) {
            max = Math.max(max, d.seq);
        }
        return new long[] {max, streams.get(kind).size() == max + 1 ? 1 : 0};
    }

    synchronized JsonNode health() {
        return health;
    }

    synchronized JsonNode model() {
        return model;
    }

    synchronized long lastObservationArrival() {
        return lastObservationArrival;
    }

    synchronized long malformed() {
        return malformed;
    }

    synchronized long connections() {
        return connections;
    }

    String station() {
        return station;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        } catch (MqttException e) {
            // closing anyway
        }
        resubscriber.shutdownNow();
        synchronized (this) {
            log.close();
        }
    }
}
