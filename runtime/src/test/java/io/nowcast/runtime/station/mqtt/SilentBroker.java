package io.nowcast.runtime.station.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on a free loopback port that takes MQTT connections and does not do its part: it
 * either never answers at all, or answers the CONNECT (CONNACK, accepted) and then nothing more, not
 * even a PUBACK. A hung broker, a half-open connection through a dead NAT, a firewall that swallows
 * packets: what a publisher must survive without stalling. It counts the connections accepted and
 * those still open.
 */
final class SilentBroker implements AutoCloseable {
    enum Mode {
        /** Reads everything, answers nothing. */
        NEVER_ANSWERS,
        /** Answers the CONNECT with CONNACK (return code 0), then reads everything and answers nothing. */
        CONNACK_ONLY
    }

    private final ServerSocket server;
    private final Mode mode;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    SilentBroker(Mode mode) throws IOException {
        this.mode = mode;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "silent-broker");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    String uri() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** Connections the client has not closed yet. */
    int open() {
        return open.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                open.incrementAndGet();
                sockets.add(s);
                Thread reader = new Thread(() -> serve(s), "silent-broker-conn");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int first = in.read();
            if (first < 0) {
                return;
            }
            skip(in, remainingLength(in));
            if (mode == Mode.CONNACK_ONLY && (first & 0xF0) == 0x10) {
                out.write(new byte[] {0x20, 0x02, 0x00, 0x00}); // CONNACK: no session present, accepted
                out.flush();
            }
            in.transferTo(OutputStream.nullOutputStream()); // until the client closes the connection
        } catch (IOException e) {
            // the client reset the connection, or the server is closing
        } finally {
            open.decrementAndGet();
        }
    }

    /** MQTT 3.1.1 section 2.2.3: the remaining length, 7 bits a byte, low bits first. */
    private static int remainingLength(InputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a fixed header");
            }
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed remaining length");
    }

    private static void skip(InputStream in, int n) throws IOException {
        if (in.readNBytes(n).length != n) {
            throw new IOException("connection closed inside a packet");
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
