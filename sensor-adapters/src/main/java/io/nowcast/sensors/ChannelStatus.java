package io.nowcast.sensors;

/** Whether a channel's value in one reading can be used. */
public enum ChannelStatus {
    /** The value was measured and passed every check. */
    OK,
    /** No value: the sensor could not be read (error, timeout, absent, backing off). */
    MISSING,
    /** A value came back but failed a check (CRC, physical range, stuck); it is not passed on. */
    REJECTED
}
