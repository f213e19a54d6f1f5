package io.nowcast.sensors.mqtt;

import io.nowcast.history.Quantity;
import io.nowcast.sensors.json.JsonReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.nowcast.history.Quantity.*;

/**
 * rtl_433's JSON events, as {@code rtl_433 -F mqtt} publishes them on {@code rtl_433/<host>/events}
 * (one object per received message). Field names follow rtl_433's docs/DATA_FORMAT.md ("additional
 * data value fields should follow the form {@code <Type>_<Unit>}"); the unit variants are those its
 * {@code -C si} and {@code -C customary} conversions produce (src/r_api.c): {@code _C}/{@code _F},
 * {@code _km_h}/{@code _mi_h}, {@code _mm}/{@code _in}, {@code _mm_h}/{@code _in_h}, {@code _hPa}/{@code _inHg};
 * wind also in {@code _m_s}. {@code rain_mm}/{@code rain_in} is "rainfall since last reset" (a running
 * total); {@code uvi} is the UV index where a device also sends a raw {@code uv} reading (Fine Offset
 * WH24), so it is preferred.
 *
 * <p>Events of other devices on the same topic are skipped: with {@code model} set, an event must have
 * that {@code model} (any case); with {@code id} set, that {@code id}. A field a message does not have
 * leaves its channel as it was (devices alternate message types with different fields).
 */
final class Rtl433Decoder implements MessageDecoder {
    private record Field(String name, PayloadUnit unit) {
    }

    /** Per quantity, the fields that carry it, the first one present used. */
    private static final Map<Quantity, List<Field>> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put(TEMPERATURE, List.of(new Field("temperature_C", PayloadUnit.CELSIUS),
                new Field("temperature_F", PayloadUnit.FAHRENHEIT)));
        FIELDS.put(HUMIDITY, List.of(new Field("humidity", PayloadUnit.PERCENT)));
        FIELDS.put(PRESSURE, List.of(new Field("pressure_hPa", PayloadUnit.HECTOPASCAL),
                new Field("pressure_inHg", PayloadUnit.INCH_OF_MERCURY), new Field("pressure_kPa", PayloadUnit.KILOPASCAL)));
        FIELDS.put(RAIN, List.of(new Field("rain_mm", PayloadUnit.MILLIMETRE), new Field("rain_in", PayloadUnit.INCH)));
        FIELDS.put(RAIN_RATE, List.of(new Field("rain_rate_mm_h", PayloadUnit.MILLIMETRE_PER_HOUR),
                new Field("rain_rate_in_h", PayloadUnit.INCH_PER_HOUR)));
        FIELDS.put(WIND_SPEED, List.of(new Field("wind_avg_km_h", PayloadUnit.KILOMETRE_PER_HOUR),
                new Field("wind_avg_m_s", PayloadUnit.METRE_PER_SECOND), new Field("wind_avg_mi_h", PayloadUnit.MILE_PER_HOUR)));
        FIELDS.put(WIND_GUST, List.of(new Field("wind_max_km_h", PayloadUnit.KILOMETRE_PER_HOUR),
                new Field("wind_max_m_s", PayloadUnit.METRE_PER_SECOND), new Field("wind_max_mi_h", PayloadUnit.MILE_PER_HOUR)));
        FIELDS.put(WIND_DIR, List.of(new Field("wind_dir_deg", PayloadUnit.DEGREE)));
        FIELDS.put(UV, List.of(new Field("uvi", PayloadUnit.INDEX), new Field("uv", PayloadUnit.INDEX)));
        FIELDS.put(LIGHT, List.of(new Field("light_lux", PayloadUnit.LUX), new Field("light_klx", PayloadUnit.KILOLUX)));
    }

    private final String topic;
    private final String model;      // null: any
    private final String deviceId;   // null: any
    private final Quantity[] quantity;   // [channel]
    private final List<Field>[] fields;  // [channel]

    /**
     * @param model    the {@code model} an event must have (any case), or null for any
     * @param deviceId the {@code id} an event must have, as written ({@code 191}), or null for any
     */
    @SuppressWarnings("unchecked")
    Rtl433Decoder(String topic, String model, String deviceId, List<MqttChannel> channels) {
        this.topic = topic;
        this.model = model;
        this.deviceId = deviceId;
        this.quantity = new Quantity[channels.size()];
        this.fields = new List[channels.size()];
        for (int i = 0; i < quantity.length; i++) {
            quantity[i] = channels.get(i).quantity();
            fields[i] = FIELDS.get(quantity[i]);
            if (fields[i] == null) {
                throw new IllegalArgumentException("rtl_433 events carry no " + quantity[i]);
            }
        }
    }

    /** The quantities rtl_433 events can give, in the order of the field table. */
    static List<Quantity> quantities() {
        return List.copyOf(FIELDS.keySet());
    }

    @Override
    public List<String> topics() {
        return List.of(topic);
    }

    @Override
    public ChannelKind kind(int channel) {
        return quantity[channel] == RAIN ? ChannelKind.TOTAL : ChannelKind.LEVEL;
    }

    @Override
    public String expected(int channel) {
        List<String> names = new ArrayList<>();
        fields[channel].forEach(f -> names.add(f.name()));
        return String.join(" or ", names) + " in rtl_433 events on " + topic
                + (model == null ? "" : " from " + model) + (deviceId == null ? "" : " id " + deviceId);
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
        if (!(parsed instanceof Map<?, ?> event)) {
            out.rejectedAll("a message on " + messageTopic + " is " + PayloadValues.describe(parsed)
                    + ", not an rtl_433 event (a JSON object)");
            return;
        }
        if (!ours(event)) {
            return;
        }
        for (int c = 0; c < quantity.length; c++) {
            for (Field f : fields[c]) {
                if (event.containsKey(f.name())) {
                    Object v = event.get(f.name());
                    if (v instanceof Number n) {
                        out.value(c, f.unit().toStation(quantity[c], n.doubleValue()), f.name());
                    } else {
                        out.rejected(c, f.name() + " is " + PayloadValues.describe(v) + ", not a number");
                    }
                    break;
                }
            }
        }
    }

    /** True when the event comes from the configured device (model and id, where set). */
    private boolean ours(Map<?, ?> event) {
        if (model != null && !(event.get("model") instanceof String m && m.equalsIgnoreCase(model))) {
            return false;
        }
        return deviceId == null || deviceId.equals(idText(event.get("id")));
    }

    /** An event's id as written: {@code 191} for the number 191.0, a string as it is; null otherwise. */
    private static String idText(Object id) {
        if (id instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return id instanceof String s ? s : null;
    }
}
