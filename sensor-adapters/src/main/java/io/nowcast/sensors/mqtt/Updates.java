package io.nowcast.sensors.mqtt;

/**
 * What a decoder found in one message, channel by channel (channel = the index into the source's
 * channels). A channel the message says nothing about is left alone.
 */
interface Updates {
    /**
     * A value for the channel, converted to its quantity's station unit; {@code field} names where it
     * came from (for a message when it is out of range).
     */
    void value(int channel, double value, String field);

    /** The message holds something for the channel that cannot be used, and why. */
    void rejected(int channel, String reason);

    /** The message cannot be read at all (not JSON, not an object): every channel, and why. */
    void rejectedAll(String reason);
}
