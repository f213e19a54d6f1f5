package io.nowcast.sensors.mqtt;

import io.nowcast.history.Quantity;
import io.nowcast.sensors.json.JsonReader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.nowcast.history.Quantity.*;

/**
 * weewx-mqtt's aggregate messages (matthewwall/weewx-mqtt, bin/user/mqtt.py): with
 * {@code aggregation = aggregate} it publishes every loop packet (or archive record) as one JSON
 * object on {@code <topic>/loop}, each observation named as in weewx's database with its unit label
 * appended ({@code append_units_label = True}, the default: {@code outTemp_F}, {@code pressure_mbar},
 * {@code windSpeed_kph}) and its value formatted as a string ({@code "21.3"}). Unit labels are
 * weewx-mqtt's {@code UNIT_REDUCTIONS} ({@code degree_F} → {@code F}, {@code inch} → {@code in},
 * {@code km_per_hour} → {@code kph}, {@code meter_per_second} → {@code mps},
 * {@code watt_per_meter_squared} → {@code Wpm2}) or weewx's unit name where it has none
 * ({@code mbar}, {@code cm}, {@code inch_per_hour}); percentages, compass degrees and the UV index
 * carry no label ({@code outHumidity}, {@code windDir}, {@code UV}).
 *
 * <p>weewx's {@code rain} is the rain of that one packet (weewx turns a station's counter into
 * amounts), so a reading sums the packets since the one before. An observation a packet does not
 * have (weewx-mqtt leaves out values that are None) leaves its channel as it was.
 */
final class WeewxDecoder implements MessageDecoder {
    /** weewx's name of each observation (its wview schema). */
    private static final Map<Quantity, String> OBSERVATIONS = new LinkedHashMap<>();
    /** Unit labels as weewx-mqtt appends them. */
    private static final Map<String, PayloadUnit> LABELS = Map.ofEntries(
            Map.entry("F", PayloadUnit.FAHRENHEIT), Map.entry("C", PayloadUnit.CELSIUS),
            Map.entry("mbar", PayloadUnit.MILLIBAR), Map.entry("hPa", PayloadUnit.HECTOPASCAL),
            Map.entry("kPa", PayloadUnit.KILOPASCAL), Map.entry("inHg", PayloadUnit.INCH_OF_MERCURY),
            Map.entry("in", PayloadUnit.INCH), Map.entry("cm", PayloadUnit.CENTIMETRE), Map.entry("mm", PayloadUnit.MILLIMETRE),
            Map.entry("inch_per_hour", PayloadUnit.INCH_PER_HOUR), Map.entry("cm_per_hour", PayloadUnit.CENTIMETRE_PER_HOUR),
            Map.entry("mm_per_hour", PayloadUnit.MILLIMETRE_PER_HOUR),
            Map.entry("mph", PayloadUnit.MILE_PER_HOUR), Map.entry("kph", PayloadUnit.KILOMETRE_PER_HOUR),
            Map.entry("mps", PayloadUnit.METRE_PER_SECOND), Map.entry("knot", PayloadUnit.KNOT),
            Map.entry("Wpm2", PayloadUnit.WATT_PER_SQUARE_METRE), Map.entry("lux", PayloadUnit.LUX));

    static {
        OBSERVATIONS.put(TEMPERATURE, "outTemp");
        OBSERVATIONS.put(HUMIDITY, "outHumidity");
        OBSERVATIONS.put(PRESSURE, "pressure");
        OBSERVATIONS.put(PRESSURE_SEA_LEVEL, "barometer");
        OBSERVATIONS.put(RAIN, "rain");
        OBSERVATIONS.put(RAIN_RATE, "rainRate");
        OBSERVATIONS.put(WIND_SPEED, "windSpeed");
        OBSERVATIONS.put(WIND_GUST, "windGust");
        OBSERVATIONS.put(WIND_DIR, "windDir");
        OBSERVATIONS.put(RADIATION, "radiation");
        OBSERVATIONS.put(UV, "UV");
        OBSERVATIONS.put(LIGHT, "illuminance");
        OBSERVATIONS.put(DEWPOINT, "dewpoint");
    }

    private final String topic;
    private final Quantity[] quantity;   // [channel]
    private final String[] observation;  // [channel]

    WeewxDecoder(String topic, List<MqttChannel> channels) {
        this.topic = topic;
        this.quantity = new Quantity[channels.size()];
        this.observation = new String[channels.size()];
        for (int i = 0; i < quantity.length; i++) {
            quantity[i] = channels.get(i).quantity();
            observation[i] = OBSERVATIONS.get(quantity[i]);
            if (observation[i] == null) {
                throw new IllegalArgumentException("weewx packets carry no " + quantity[i]);
            }
        }
    }

    static List<Quantity> quantities() {
        return List.copyOf(OBSERVATIONS.keySet());
    }

    @Override
    public List<String> topics() {
        return List.of(topic);
    }

    @Override
    public ChannelKind kind(int channel) {
        return quantity[channel] == RAIN ? ChannelKind.AMOUNT : ChannelKind.LEVEL;
    }

    @Override
    public String expected(int channel) {
        return observation[channel] + (unitless(quantity[channel]) ? "" : "_<unit>") + " in weewx packets on " + topic;
    }

    /** The observations weewx-mqtt writes without a unit label (their unit has none). */
    private static boolean unitless(Quantity q) {
        return q == HUMIDITY || q == WIND_DIR || q == UV;
    }

    @Override
    public void decode(String messageTopic, String payload, Updates out) {
        Object parsed;
        try {
            parsed = JsonReader.parse(payload);
        } catch (JsonReader.JsonException e) {
            out.rejectedAll("a message on " + messageTopic + " is " + e.getMessage());
            return;
        }
        if (!(parsed instanceof Map<?, ?> packet)) {
            out.rejectedAll("a message on " + messageTopic + " is " + PayloadValues.describe(parsed)
                    + ", not a weewx packet (a JSON object)");
            return;
        }
        for (int c = 0; c < quantity.length; c++) {
            for (Map.Entry<?, ?> e : packet.entrySet()) {
                String key = (String) e.getKey();
                if (key.equals(observation[c]) || key.startsWith(observation[c] + "_")) {
                    field(c, key, e.getValue(), out);
                    break;
                }
            }
        }
    }

    private void field(int c, String key, Object value, Updates out) {
        PayloadUnit unit;
        if (key.length() == observation[c].length()) {
            // illuminance had no unit group before weewx 4 and is written bare by weewx-mqtt then: lux
            if (!unitless(quantity[c]) && quantity[c] != LIGHT) {
                out.rejected(c, key + " has no unit label (weewx-mqtt's append_units_label must stay True)");
                return;
            }
            unit = PayloadUnit.stationUnit(quantity[c]);
        } else {
            String label = key.substring(observation[c].length() + 1);
            unit = LABELS.get(label);
            if (unit == null || !unit.fits(quantity[c])) {
                out.rejected(c, key + ": unit label '" + label + "' is not one of weewx's units of " + quantity[c].channelName());
                return;
            }
        }
        double v = value instanceof Number n ? n.doubleValue()
                : value instanceof String s ? PayloadValues.decimal(s) : Double.NaN;
        if (Double.isNaN(v)) {
            out.rejected(c, key + " is " + PayloadValues.describe(value) + ", not a number");
        } else {
            out.value(c, unit.toStation(quantity[c], v), key);
        }
    }
}
