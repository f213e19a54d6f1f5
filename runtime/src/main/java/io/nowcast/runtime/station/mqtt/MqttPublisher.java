package io.nowcast.runtime.station.mqtt;

import io.nowcast.broker.PahoClients;
import io.nowcast.broker.BrokerException;
import io.nowcast.broker.TlsSockets;
import io.nowcast.broker.BrokerLogin;
import io.nowcast.broker.BrokerSettings;
import io.nowcast.runtime.station.outbox.Outbox;
import io.nowcast.runtime.station.outbox.OutboxEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.tinylog.Logger;

/**
 * Delivers the {@link Outbox} to the broker, oldest first, one message at a time: an entry leaves
 * the outbox only after the broker has acknowledged it (PUBACK for QoS 1). Paho's own buffering
 * is off (clean session, in-memory persistence, no automatic reconnect): when the connection
 * drops, what was in flight stays in the outbox and is sent again, so a subscriber may see a
 * message twice, never zero times.
 *
 * <p>On each connection it sets the retained {@code status} to {@code online} (the last will sets
 * it to {@code offline}), publishes the retained messages it was given, and, when Home Assistant
 * discovery messages are given, subscribes to Home Assistant's status topic and publishes them
 * again whenever Home Assistant announces {@code online}. On its first connection it also clears
 * the retained discovery configs, on the same topic levels as the current ones, of channels and
 * outputs the station no longer has (no ghost entities after a model or sensor change).
 *
 * <p><b>Failures.</b> The broker must answer a CONNECT or a PUBLISH within the keep-alive (at most
 * 30 s), as it must answer a PINGREQ; otherwise the connection is given up. A failed connection
 * (broker down, wrong password, TLS refused, no answer) or a lost one is logged as one line saying
 * why and retried after a back-off that doubles from {@code reconnect_min} to {@code
 * reconnect_max}, and falls back to {@code reconnect_min} only after a connection that stayed up
 * for a minute. A message whose sending fails {@link #MAX_ATTEMPTS} times on connections the broker
 * had accepted (it closed the connection after it, or did not acknowledge it) is a poison message:
 * it is appended to the dead-letter file ({@link DeadLetters}), leaves the outbox and is counted,
 * and the queue goes on. A failed connection attempt sets the count back to zero: when the broker
 * cannot be reached, the message is not to blame.
 *
 * <p><b>Never dies quietly.</b> Any exception or error that escapes the delivery loop is logged (the
 * first of each kind with its stack trace, later ones at debug), counted ({@link Stats#restarts()})
 * and the loop starts again after the same kind of back-off, on a new connection. An error that
 * breaks the JVM itself ({@link VirtualMachineError}: out of memory, stack overflow, internal error)
 * ends the publisher instead: it is logged, the connection is dropped without a DISCONNECT so that
 * the broker publishes the last will {@code offline}, {@link Stats#running()} becomes false, and
 * the error goes on to the thread's uncaught-exception handler. The outbox keeps every message for
 * the next start.
 */
public final class MqttPublisher implements AutoCloseable {
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";
    /** The dead-letter file's name in the data directory. */
    public static final String DEAD_LETTER_FILE = "dead-letter.jsonl";
    /** Failed sendings of one message, on connections the broker had accepted, before it is given up on. */
    public static final int MAX_ATTEMPTS = 5;
    private static final long MAX_ANSWER_MS = 30_000;
    private static final long POLL_MS = 250;
    /** 1 ms waits for Paho's stale in-flight count (about 2 s) before the connection is given up. */
    private static final long MAX_IN_FLIGHT_WAITS = 2_000;
    /** Retained configs come right after the SUBACK; this long without one more ends the collection. */
    private static final long CONFIGS_QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    private static final long CONFIGS_MAX_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** MQTT 3.1.1 section 3.9.3: SUBACK return code Failure. */
    private static final int SUBSCRIPTION_REFUSED = 0x80;

    /**
     * What the publisher has done since start, for a health message. Immutable; every count only
     * grows.
     *
     * @param running          the delivery thread runs (false before {@link #start()}, after
     *                         {@link #close()}, and after an error that broke the JVM)
     * @param connected        a connection to the broker is up
     * @param delivered        outbox entries the broker has acknowledged
     * @param connections      connections made
     * @param connectFailures  connection attempts that failed
     * @param connectionLosses connections that were up and broke
     * @param restarts         times the delivery loop was started again after an unexpected exception or error
     * @param deadLettered     messages given up on and moved to the dead-letter file
     * @param lastError        the last failure, one line (kept after recovery; see {@code lastErrorAt}), or null
     * @param lastErrorAt      when it happened, or null
     */
    public record Stats(boolean running, boolean connected, long delivered, long connections, long connectFailures,
            long connectionLosses, long restarts, long deadLettered, String lastError, Instant lastErrorAt) {
    }

    /** One failure and its time, swapped in whole so that a reader sees the two together. */
    private record Failure(String what, Instant at) {
    }

    private final BrokerSettings settings;
    private final StationTopics topics;
    private final Outbox outbox;
    private final DeadLetters deadLetters;
    private final List<RetainedMessage> retained;
    private final List<RetainedMessage> discovery;
    private final String homeAssistantStatusTopic;
    private final SSLSocketFactory sslFactory;
    private final long answerMs;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong connectFailures = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong connectionLosses = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean running;
    private volatile boolean discoveryRequested;
    private volatile boolean connected;
    private volatile Failure lastFailure;
    private volatile AckListener ackListener = (entry, nanoTime) -> { };
    private volatile MqttAsyncClient client;
    /** Why Paho says the current connection broke, until the publisher's thread takes it up; else null. */
    private volatile Throwable lostCause;
    /** The filters of the stale-config collection while it runs, else null; found topics go to {@link #configsFound}. */
    private volatile List<String> collecting;
    private volatile long lastConfigArrival;
    private final Set<String> configsFound = ConcurrentHashMap.newKeySet();

    // The publisher thread's own state.
    private final Backoff reconnectWait;
    private final Set<String> kindsLogged = new HashSet<>();
    private long connectedSince;
    private OutboxEntry inFlight; // sent, not yet acknowledged
    private String retainedInFlight; // the retained topic being sent, for messages
    private long attemptIndex = -1; // the outbox entry the attempts are counted for
    private int attempts;
    private boolean staleConfigsChecked;

    /** Told of each entry the broker acknowledged, on the publisher's thread. */
    @FunctionalInterface
    public interface AckListener {
        void acknowledged(OutboxEntry entry, long nanoTime);
    }

    /**
     * A publisher without a dead-letter file: a message given up on is logged whole (warning) and
     * counted. For tools and tests with no data directory; a station gives the file.
     *
     * @see #MqttPublisher(BrokerSettings, StationTopics, Outbox, List, List, String, Path)
     */
    public MqttPublisher(BrokerSettings settings, StationTopics topics, Outbox outbox, List<RetainedMessage> retained,
            List<RetainedMessage> discovery, String homeAssistantStatusTopic) throws BrokerException {
        this(settings, topics, outbox, retained, discovery, homeAssistantStatusTopic, null);
    }

    /**
     * @param retained                 published (retained) on every connection
     * @param discovery                Home Assistant discovery configs: published (retained) on every
     *                                 connection and when Home Assistant announces itself; empty for none
     * @param homeAssistantStatusTopic where Home Assistant announces itself ({@code homeassistant/status})
     * @param deadLetterFile           where messages given up on go ({@code <data_dir>/dead-letter.jsonl},
     *                                 {@link #DEAD_LETTER_FILE}); null to log them only
     * @throws BrokerException when the TLS files cannot be used
     */
    public MqttPublisher(BrokerSettings settings, StationTopics topics, Outbox outbox, List<RetainedMessage> retained,
            List<RetainedMessage> discovery, String homeAssistantStatusTopic, Path deadLetterFile) throws BrokerException {
        this.settings = settings;
        this.topics = topics;
        this.outbox = outbox;
        this.deadLetters = new DeadLetters(deadLetterFile);
        this.retained = List.copyOf(retained);
        this.discovery = List.copyOf(discovery);
        this.homeAssistantStatusTopic = homeAssistantStatusTopic;
        this.sslFactory = settings.tls() ? TlsSockets.factory(settings) : null;
        int keepAlive = settings.keepAliveSeconds();
        this.answerMs = keepAlive > 0 ? Math.min(MAX_ANSWER_MS, keepAlive * 1000L) : MAX_ANSWER_MS;
        this.reconnectWait = new Backoff(settings.reconnectMinSeconds(), settings.reconnectMaxSeconds());
        this.thread = new Thread(this::run, "mqtt-publisher");
        this.thread.setDaemon(true);
    }

    public void start() {
        running = true;
        thread.start();
    }

    public void onAck(AckListener listener) {
        this.ackListener = listener;
    }

    /** The counts and the last failure, for a health message; safe from any thread. */
    public Stats stats() {
        Failure f = lastFailure;
        return new Stats(running, connected, delivered.get(), connections.get(), connectFailures.get(),
                connectionLosses.get(), restarts.get(), deadLettered.get(), f == null ? null : f.what(),
                f == null ? null : f.at());
    }

    /** True while a connection to the broker is up. */
    public boolean connected() {
        return connected;
    }

    /** The last failure (of a connection, a publish, the outbox or the loop), or null; kept after recovery. */
    public String lastError() {
        Failure f = lastFailure;
        return f == null ? null : f.what();
    }

    /** Connection attempts that failed since start. */
    public long connectFailures() {
        return connectFailures.get();
    }

    /** Connections made since start. */
    public long connections() {
        return connections.get();
    }

    /** Outbox entries the broker has acknowledged since start. */
    public long delivered() {
        return delivered.get();
    }

    /** The supervisor: runs the delivery loop, and starts it again after anything but a broken JVM. */
    private void run() {
        Backoff restartWait = new Backoff(settings.reconnectMinSeconds(), settings.reconnectMaxSeconds());
        try {
            while (!closed) {
                long started = System.nanoTime();
                try {
                    deliver();
                    return; // closed, or interrupted
                } catch (VirtualMachineError e) {
                    stopFor(e);
                    throw e;
                } catch (RuntimeException | Error e) {
                    if (closed) {
                        return;
                    }
                    restartAfter(e, restartWait, started);
                }
            }
        } finally {
            running = false;
        }
    }

    private void restartAfter(Throwable e, Backoff restartWait, long started) {
        long n = restarts.incrementAndGet();
        failed("publisher error: " + e);
        OutboxEntry culprit = inFlight;
        inFlight = null;
        dropConnection();
        restartWait.resetIfStableSince(started);
        long wait = restartWait.next();
        if (kindsLogged.add(e.getClass().getName())) {
            Logger.error(e, "MQTT publisher: unexpected {}; it starts again in {} s ({} restart(s) since start; "
                    + "more of this kind are counted and logged at debug level)", e, wait, n);
        } else {
            Logger.debug(e, "MQTT publisher: {} again; it starts again in {} s ({} restart(s) since start)", e, wait, n);
        }
        if (culprit != null) {
            attemptFailed(culprit, "the publisher failed while sending it: " + e);
        }
        pause(wait);
    }

    private void stopFor(VirtualMachineError e) {
        running = false;
        failed("publisher stopped: " + e);
        Logger.error(e, "MQTT publisher stopped by {}: nothing more is published until the station is restarted; "
                + "the outbox keeps every message", e);
        dropConnection(); // without DISCONNECT: the broker publishes the last will, offline
    }

    /** Delivers until closed (or interrupted); anything unexpected goes to {@link #run}. */
    private void deliver() {
        long inFlightWaits = 0; // consecutive 1 ms waits for Paho's in-flight count
        while (!closed) {
            try {
                Throwable lost = lostCause;
                if (connected && lost != null) {
                    // Noticed by Paho (a closed socket, no PINGRESP) while nothing was being sent.
                    throw lost instanceof MqttException m ? m
                            : new MqttException(MqttException.REASON_CODE_CONNECTION_LOST, lost);
                }
                if (!connected) {
                    connect();
                }
                if (discoveryRequested) {
                    discoveryRequested = false;
                    publishRetained(discovery);
                }
                OutboxEntry entry = outbox.next(POLL_MS, TimeUnit.MILLISECONDS);
                if (entry != null) {
                    publish(entry);
                }
                inFlightWaits = 0;
            } catch (MqttException e) {
                if (closed) {
                    return;
                }
                if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT && inFlightWaits < MAX_IN_FLIGHT_WAITS) {
                    // Paho ends a publish before its callback thread has taken the message off its
                    // in-flight count (paho.mqtt.java issue #551), so sending quickly one at a time
                    // can meet "too many publishes in progress" on a healthy connection. The entry was
                    // not sent and is still the outbox's oldest: wait for the count to catch up.
                    inFlightWaits++;
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    continue;
                }
                inFlightWaits = 0;
                broken(e);
            } catch (IOException e) {
                failed("outbox: " + e.getMessage());
                Logger.error("Outbox read failed: {}; retrying in {} s", e.getMessage(), settings.reconnectMinSeconds());
                pause(settings.reconnectMinSeconds());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void publish(OutboxEntry entry) throws MqttException, IOException, InterruptedException {
        if (entry.index() != attemptIndex) {
            attemptIndex = entry.index();
            attempts = 0;
        }
        Answer answer = new Answer();
        IMqttDeliveryToken token;
        try {
            token = client.publish(entry.topic(), entry.payload(), settings.qos(), false, null, answer);
        } catch (IllegalArgumentException e) {
            // Paho refuses the message itself (a wildcard in its topic): it can never go.
            giveUp(entry, 1, "the MQTT client refuses it: " + e.getMessage());
            return;
        }
        inFlight = entry;
        answer.await(token, answerMs, () -> closed);
        inFlight = null;
        outbox.ack(entry.index());
        delivered.incrementAndGet();
        ackListener.acknowledged(entry, System.nanoTime());
    }

    /** A connection attempt failed, or a connection broke: count, log, and wait before the next. */
    private void broken(MqttException e) {
        boolean wasConnected = connected;
        long since = connectedSince;
        OutboxEntry culprit = inFlight;
        inFlight = null;
        String sending = retainedInFlight;
        retainedInFlight = null;
        dropConnection();
        String why = describe(e) + (sending == null ? "" : " (while sending the retained " + sending + ")");
        failed(why);
        if (wasConnected) {
            connectionLosses.incrementAndGet();
            reconnectWait.resetIfStableSince(since);
            long wait = reconnectWait.next();
            String fate = culprit == null ? "" : "; " + attemptFailed(culprit, why);
            Logger.warn("MQTT {}: {}{}; {} messages wait in the outbox; reconnecting in {} s", settings.uri(),
                    why.startsWith("connection lost") ? why : "connection lost: " + why, fate, outbox.pending(), wait);
            pause(wait);
        } else {
            connectFailures.incrementAndGet();
            attempts = 0; // the broker cannot be reached or does not answer: not the message's fault
            long wait = reconnectWait.next();
            Logger.error("MQTT {}: cannot connect: {}; retrying in {} s", settings.uri(), why, wait);
            pause(wait);
        }
    }

    /** One more failed sending of {@code e}; gives up on it at {@link #MAX_ATTEMPTS}. Says what happened. */
    private String attemptFailed(OutboxEntry e, String why) {
        if (e.index() != attemptIndex) {
            attemptIndex = e.index();
            attempts = 0;
        }
        attempts++;
        if (attempts < MAX_ATTEMPTS) {
            return e.topic() + " seq " + e.seq() + " was in flight (attempt " + attempts + " of " + MAX_ATTEMPTS + ")";
        }
        return giveUp(e, attempts, "its sending failed " + attempts + " times in a row on connections the broker had "
                + "accepted; the last time: " + why);
    }

    /** {@link BrokerLogin#describe}, with a word for a connection closed without a message (EOF). */
    private static String describe(MqttException e) {
        Throwable cause = e.getCause();
        if (e.getReasonCode() == MqttException.REASON_CODE_CONNECTION_LOST && cause != null && cause.getMessage() == null) {
            return "connection lost: " + (cause instanceof java.io.EOFException ? "the broker closed the connection"
                    : cause.getClass().getSimpleName());
        }
        return BrokerLogin.describe(e);
    }

    /** Moves the entry to the dead-letter file and out of the outbox. Says what happened. */
    private String giveUp(OutboxEntry e, int tries, String reason) {
        try {
            deadLetters.add(e, tries, reason, Instant.now());
            outbox.ack(e.index());
        } catch (IOException x) {
            failed("dead-letter file " + deadLetters.file() + ": " + x.getMessage());
            Logger.error("MQTT: cannot move {} seq {} to the dead-letter file {}: {}; it stays in the outbox and is "
                    + "tried again", e.topic(), e.seq(), deadLetters.file(), x.getMessage());
            return e.topic() + " seq " + e.seq() + " stays in the outbox";
        }
        long n = deadLettered.incrementAndGet();
        attemptIndex = -1;
        attempts = 0;
        String what = "gave up on " + e.topic() + " seq " + e.seq() + " after " + tries + " attempt(s) and moved it to "
                + (deadLetters.file() == null ? "the log" : deadLetters.file().toString());
        failed(what + ": " + reason);
        Logger.warn("MQTT {}: {} ({}); {} message(s) given up on since start", settings.uri(), what, reason, n);
        return what;
    }

    private void failed(String what) {
        lastFailure = new Failure(what, Instant.now());
    }

    private void connect() throws MqttException, InterruptedException {
        dropConnection();
        MqttAsyncClient c = new MqttAsyncClient(settings.uri(), settings.clientId(), new MemoryPersistence());
        client = c;
        lostCause = null;
        c.setCallback(new Callback(c));
        MqttConnectOptions o = BrokerLogin.options(settings, sslFactory);
        o.setWill(topics.status(), OFFLINE.getBytes(StandardCharsets.UTF_8), 1, true);
        Answer answer = new Answer();
        answer.await(c.connect(o, null, answer), answerMs, () -> closed);
        publishRetained(List.of(new RetainedMessage(topics.status(), ONLINE.getBytes(StandardCharsets.UTF_8))));
        connected = true; // the broker has answered a PUBLISH on this connection
        connectedSince = System.nanoTime();
        connections.incrementAndGet();
        Logger.info("MQTT {}: connected as {}; {} messages wait in the outbox", settings.uri(), settings.clientId(),
                outbox.pending());
        publishRetained(retained);
        if (!discovery.isEmpty()) {
            if (!staleConfigsChecked) {
                clearStaleConfigs(c);
                staleConfigsChecked = true;
            }
            publishRetained(discovery);
            Answer subscribed = new Answer();
            subscribed.await(c.subscribe(homeAssistantStatusTopic, 1, null, subscribed), answerMs, () -> closed);
        }
    }

    /** One at a time: Paho allows only 10 QoS 1 messages in flight, and a station may have more configs. */
    private void publishRetained(List<RetainedMessage> messages) throws MqttException, InterruptedException {
        for (RetainedMessage m : messages) {
            retainedInFlight = m.topic();
            Answer answer = new Answer();
            answer.await(client.publish(m.topic(), m.payload(), 1, true, null, answer), answerMs, () -> closed);
        }
        retainedInFlight = null;
    }

    /**
     * Clears retained discovery configs that sit on the same topic levels as the current ones
     * ({@code <prefix>/sensor/nowcast_<id>/+/config}) but are not current: channels and outputs the
     * station no longer has. Subscribes briefly, collects the retained configs the broker sends,
     * and publishes an empty retained message (which deletes a retained message) to each stale one.
     */
    private void clearStaleConfigs(MqttAsyncClient c) throws MqttException, InterruptedException {
        Set<String> current = new HashSet<>();
        Set<String> filters = new LinkedHashSet<>();
        for (RetainedMessage m : discovery) {
            current.add(m.topic());
            String f = siblingsFilter(m.topic());
            if (f != null) {
                filters.add(f);
            }
        }
        if (filters.isEmpty()) {
            return;
        }
        String[] f = filters.toArray(new String[0]);
        int[] qos = new int[f.length];
        configsFound.clear();
        lastConfigArrival = System.nanoTime();
        collecting = List.of(f);
        try {
            Answer subscribed = new Answer();
            IMqttToken t = c.subscribe(f, qos, null, subscribed);
            subscribed.await(t, answerMs, () -> closed);
            for (int granted : t.getGrantedQos()) {
                if (granted == SUBSCRIPTION_REFUSED) {
                    Logger.warn("MQTT {}: the broker refused a subscription to {}: retained Home Assistant configs of "
                            + "channels or outputs this station no longer has cannot be found, and stay", settings.uri(),
                            String.join(", ", f));
                    return;
                }
            }
            long start = System.nanoTime();
            while (System.nanoTime() - lastConfigArrival < CONFIGS_QUIET_NANOS
                    && System.nanoTime() - start < CONFIGS_MAX_NANOS && !closed) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            Answer unsubscribed = new Answer();
            unsubscribed.await(c.unsubscribe(f, null, unsubscribed), answerMs, () -> closed);
        } finally {
            collecting = null;
        }
        Set<String> stale = new TreeSet<>(configsFound);
        stale.removeAll(current);
        for (String topic : stale) {
            retainedInFlight = topic;
            Answer cleared = new Answer();
            cleared.await(c.publish(topic, new byte[0], 1, true, null, cleared), answerMs, () -> closed);
        }
        retainedInFlight = null;
        if (!stale.isEmpty()) {
            Logger.info("MQTT {}: cleared {} retained Home Assistant config(s) of channels or outputs this station no "
                    + "longer has: {}", settings.uri(), stale.size(), String.join(", ", stale));
        }
    }

    /** {@code a/sensor/node/object/config} -> {@code a/sensor/node/+/config}; null for another shape. */
    static String siblingsFilter(String configTopic) {
        if (!configTopic.endsWith("/config")) {
            return null;
        }
        String parent = configTopic.substring(0, configTopic.length() - "/config".length());
        int slash = parent.lastIndexOf('/');
        return slash <= 0 ? null : parent.substring(0, slash) + "/+/config";
    }

    /** Closes and forgets the client, once (Paho throws on a second close); from the thread or from close(). */
    private synchronized void dropConnection() {
        connected = false;
        lostCause = null;
        MqttAsyncClient c = client;
        if (c == null) {
            return;
        }
        client = null;
        PahoClients.release(c);
    }

    private void pause(long seconds) {
        lock.lock();
        try {
            long nanos = TimeUnit.SECONDS.toNanos(seconds);
            while (nanos > 0 && !closed) {
                nanos = wake.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops delivering. When connected, sets the status to {@code offline} first (retained) and
     * disconnects cleanly; what is still in the outbox stays there for the next start.
     */
    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(answerMs + 5000); // every wait of the thread looks at `closed` at least every 250 ms
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the request; closing goes on
        }
        MqttAsyncClient c = client;
        if (c != null && connected) {
            try {
                c.publish(topics.status(), OFFLINE.getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(5000);
                c.disconnect().waitForCompletion(5000);
            } catch (MqttException e) {
                Logger.warn("MQTT {}: could not say offline before closing: {}", settings.uri(), BrokerLogin.describe(e));
            }
        }
        dropConnection();
        running = false;
    }

    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectionLost(Throwable cause) {
            Logger.debug("MQTT: connection lost: {}", cause == null ? null : cause.getMessage());
            if (owner == client) {
                lostCause = cause != null ? cause : new MqttException(MqttException.REASON_CODE_CONNECTION_LOST);
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            List<String> filters = collecting;
            if (filters != null && message.isRetained()) {
                for (String f : filters) {
                    if (MqttTopic.isMatched(f, topic)) {
                        lastConfigArrival = System.nanoTime();
                        if (message.getPayload().length > 0) {
                            configsFound.add(topic);
                        }
                        return;
                    }
                }
            }
            if (topic.equals(homeAssistantStatusTopic)
                    && ONLINE.equals(new String(message.getPayload(), StandardCharsets.UTF_8).trim())) {
                discoveryRequested = true;
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Delivery is confirmed through the answer the publisher waits for.
        }
    }
}
