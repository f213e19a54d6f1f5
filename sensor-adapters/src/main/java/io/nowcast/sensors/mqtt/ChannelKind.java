package io.nowcast.sensors.mqtt;

/** How the values of a channel's messages become the value of one reading. */
enum ChannelKind {
    /** A level (temperature, pressure, wind speed...): a reading has the latest value. */
    LEVEL,
    /** An amount per message (weewx's {@code rain}): a reading has the sum since the previous reading. */
    AMOUNT,
    /**
     * A running total (rtl_433's {@code rain_mm}): a reading has its increase since the previous reading;
     * a decrease is a counter reset, after which the new total is the amount.
     */
    TOTAL
}
