package io.nowcast.runtime.station.mqtt;

/** A message the broker keeps for late subscribers (model description, discovery config). */
public record RetainedMessage(String topic, byte[] payload) {
}
