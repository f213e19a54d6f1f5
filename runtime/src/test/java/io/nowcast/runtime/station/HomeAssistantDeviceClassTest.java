package io.nowcast.runtime.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nowcast.history.Quantity;
import org.junit.jupiter.api.Test;

/**
 * Every station quantity's Home Assistant device class, from Home Assistant's list of sensor device
 * classes and the units each accepts (developers.home-assistant.io, "Sensor entity", device classes).
 */
class HomeAssistantDeviceClassTest {
    private static String classOf(Quantity q) {
        return HomeAssistantDiscovery.deviceClass(q.channelName(), HomeAssistantDiscovery.unit(q.unit()));
    }

    @Test
    void eachQuantityGetsTheClassItsUnitAllows() {
        assertEquals("temperature", classOf(Quantity.TEMPERATURE));
        assertEquals("temperature", classOf(Quantity.DEWPOINT));
        assertEquals("humidity", classOf(Quantity.HUMIDITY));
        assertEquals("atmospheric_pressure", classOf(Quantity.PRESSURE));
        assertEquals("atmospheric_pressure", classOf(Quantity.PRESSURE_SEA_LEVEL));
        assertEquals("precipitation", classOf(Quantity.RAIN));
        assertEquals("precipitation_intensity", classOf(Quantity.RAIN_RATE));
        assertEquals("wind_speed", classOf(Quantity.WIND_SPEED));
        assertEquals("wind_speed", classOf(Quantity.WIND_GUST));
        assertEquals("irradiance", classOf(Quantity.RADIATION));
        assertEquals("illuminance", classOf(Quantity.LIGHT));
        assertNull(classOf(Quantity.UV), "no device class for the UV index: a plain number");
        assertNull(classOf(Quantity.WIND_DIR), "degrees: a plain number with its unit");
    }
}
