package io.nowcast.sensors.i2c;

import io.nowcast.sensors.SensorException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A Sensirion SHT3x/SHT4x at the command level: it remembers the commands written and answers
 * reads with queued byte strings (words and CRCs as the sensor sends them).
 */
final class FakeSht extends FakeRegisterDevice {
    private final List<String> commands = new ArrayList<>();
    private final Deque<byte[]> answers = new ArrayDeque<>();
    private boolean nackNextRead;

    /** The next raw read is not acknowledged, as while a conversion is still running. */
    synchronized void nackNextRead() {
        nackNextRead = true;
    }

    synchronized void queueAnswer(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        answers.add(b);
    }

    /** Queues the two words with correct CRCs. */
    synchronized void queueWords(int first, int second) {
        queueAnswer(first >> 8, first & 0xFF, crc(first), second >> 8, second & 0xFF, crc(second));
    }

    static int crc(int word) {
        return SensirionCrc8Test.crcByPolynomialDivision(word);
    }

    synchronized List<String> commands() {
        return List.copyOf(commands);
    }

    @Override
    protected void command(byte[] data, int length) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length; i++) {
            hex.append(String.format("%02X", data[i] & 0xFF));
        }
        commands.add(hex.toString());
    }

    @Override
    protected void answer(byte[] buffer, int length) throws SensorException {
        if (nackNextRead) {
            nackNextRead = false;
            throw SensorException.failure("Remote I/O error");
        }
        byte[] a = answers.poll();
        if (a == null || a.length != length) {
            throw new IllegalStateException("the test queued no " + length + "-byte answer");
        }
        System.arraycopy(a, 0, buffer, 0, length);
    }
}
