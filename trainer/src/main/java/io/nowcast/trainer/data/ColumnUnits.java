package io.nowcast.trainer.data;

import io.nowcast.history.Quantity;
import java.util.Map;

/**
 * The unit of a column, for the model file and the charts: the one given with {@code --unit}
 * (by name, exact or ignoring case), else the unit of the station quantity of that name
 * ({@link Quantity#unit()}: {@code temperature} → °C), else none ("").
 */
public final class ColumnUnits {
    private ColumnUnits() {
    }

    public static String of(String column, Map<String, String> given) {
        String unit = given.get(column);
        if (unit != null) {
            return unit;
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (e.getKey().equalsIgnoreCase(column)) {
                return e.getValue();
            }
        }
        return Quantity.byChannelName(column).map(Quantity::unit).orElse("");
    }

    /** "temperature (°C)", or the label alone when there is no unit. */
    public static String label(String label, String unit) {
        return unit.isEmpty() ? label : label + " (" + unit + ")";
    }

    /** "0.61 °C", or the number alone when there is no unit. */
    public static String value(String number, String unit) {
        return unit.isEmpty() ? number : number + " " + unit;
    }
}
