package io.nowcast.runtime.station.mqtt;

/** The topics of one station: {@code nowcast/<station-id>/{status,observation,forecast,model,skill}}. */
public record StationTopics(String stationId) {
    public static final String ROOT = "nowcast";

    public StationTopics {
        if (!validId(stationId)) {
            throw new IllegalArgumentException("station id '" + stationId
                    + "' must be 1..64 characters of a-z, A-Z, 0-9, '-' and '_'");
        }
    }

    /** True for ids usable in MQTT topics and Home Assistant unique ids. */
    public static boolean validId(String id) {
        return id != null && id.matches("[A-Za-z0-9_-]{1,64}");
    }

    public String status() {
        return ROOT + "/" + stationId + "/status";
    }

    public String observation() {
        return ROOT + "/" + stationId + "/observation";
    }

    public String forecast() {
        return ROOT + "/" + stationId + "/forecast";
    }

    public String model() {
        return ROOT + "/" + stationId + "/model";
    }

    /** The retained live skill of the running model. */
    public String skill() {
        return ROOT + "/" + stationId + "/skill";
    }
}
