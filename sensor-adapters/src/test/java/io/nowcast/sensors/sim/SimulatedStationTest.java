package io.nowcast.sensors.sim;

import io.nowcast.sensors.Channel;
import io.nowcast.history.Quantity;
import io.nowcast.sensors.Reading;
import io.nowcast.sensors.ScaledClock;
import io.nowcast.sensors.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatedStationTest {
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    private static List<Reading> history(long seed, int hours) {
        SimulatedStation s = new SimulatedStation("sim", new SimulatedWeather(seed, ZoneOffset.UTC, 10),
                SimulatedStation.allChannels(), new ManualClock(START), Duration.ofMinutes(10));
        List<Reading> out = new ArrayList<>();
        s.history(START, Duration.ofMinutes(10), hours * 6L).forEachRemaining(out::add);
        return out;
    }

    private static double[] series(List<Reading> h, String channel) {
        return h.stream().mapToDouble(r -> r.valueOrNaN(channel)).toArray();
    }

    @Test
    void theSameSeedGivesTheSameHistoryAndAnotherSeedAnother() {
        List<Reading> a = history(7, 48);
        assertEquals(a, history(7, 48));
        assertNotEquals(a, history(8, 48));
    }

    @Test
    void historyHasTheRequestedTimesAndEveryChannelOk() {
        List<Reading> h = history(1, 24);
        assertEquals(144, h.size());
        assertEquals(START, h.get(0).time());
        assertEquals(START.plus(Duration.ofMinutes(10 * 143)), h.get(143).time());
        assertTrue(h.stream().allMatch(Reading::allOk));
        assertEquals(List.of("temperature", "humidity", "pressure", "rain", "wind_speed"),
                h.get(0).channels().stream().map(c -> c.name()).toList());
    }

    @Test
    void valuesStayWeatherLikeOverAMonth() {
        List<Reading> h = history(3, 24 * 30);
        for (Reading r : h) {
            assertTrue(r.valueOrNaN("pressure") > 960 && r.valueOrNaN("pressure") < 1065, r.toString());
            assertTrue(r.valueOrNaN("humidity") >= 0 && r.valueOrNaN("humidity") <= 100, r.toString());
            assertTrue(r.valueOrNaN("temperature") > -30 && r.valueOrNaN("temperature") < 45, r.toString());
            assertTrue(r.valueOrNaN("rain") >= 0 && r.valueOrNaN("wind_speed") >= 0, r.toString());
        }
        double totalRain = h.stream().mapToDouble(r -> r.valueOrNaN("rain")).sum();
        long rainy = h.stream().filter(r -> r.valueOrNaN("rain") > 0).count();
        assertTrue(totalRain > 1 && rainy < h.size() / 2, "some rain, not all the time: " + totalRain + " mm in " + rainy + " samples");
    }

    @Test
    void afternoonsAreWarmerThanNightsAndHumidityMovesAgainstTemperature() {
        List<Reading> h = history(5, 24 * 14);
        double afternoon = 0;
        double night = 0;
        int n = 0;
        for (Reading r : h) {
            int hour = r.time().atZone(ZoneOffset.UTC).getHour();
            if (hour == 15) {
                afternoon += r.valueOrNaN("temperature");
                n++;
            } else if (hour == 3) {
                night += r.valueOrNaN("temperature");
            }
        }
        assertTrue(afternoon / n > night / n + 3, "daily cycle: " + afternoon / n + " vs " + night / n);
        assertTrue(correlation(series(h, "temperature"), series(h, "humidity")) < -0.3);
    }

    @Test
    void pressureSystemsPassOverDays() {
        double[] p = series(history(11, 24 * 20), "pressure");
        double min = java.util.Arrays.stream(p).min().orElseThrow();
        double max = java.util.Arrays.stream(p).max().orElseThrow();
        assertTrue(max - min > 10, "pressure should swing by more than 10 hPa over 20 days: " + (max - min));
        // and it moves slowly: 10 minutes never change it by more than 1.5 hPa (noise included)
        for (int i = 1; i < p.length; i++) {
            assertTrue(Math.abs(p[i] - p[i - 1]) < 1.5, "step " + i);
        }
    }

    @Test
    void runsOnAClockSixHundredTimesFasterThanRealTime() {
        ManualClock real = new ManualClock(Instant.parse("2026-11-28T12:00:00Z"));
        ScaledClock fast = ScaledClock.startingAt(real, START, 600);
        SimulatedStation s = new SimulatedStation("sim", new SimulatedWeather(2, ZoneOffset.UTC, 10),
                List.of(Channel.of(Quantity.TEMPERATURE), new Channel("rain_mm", "rain", Quantity.RAIN)), fast, Duration.ofMinutes(10));
        Reading first = s.read();
        real.advance(Duration.ofSeconds(1));
        Reading second = s.read();
        assertEquals(START, first.time());
        assertEquals(START.plus(Duration.ofMinutes(10)), second.time(), "one real second is ten simulated minutes");
        // the same instants from history: live reads and generated history agree
        Iterator<Reading> h = s.history(START, Duration.ofMinutes(10), 2);
        assertEquals(h.next(), first);
        assertEquals(h.next(), second);
        assertEquals("rain_mm", second.channels().get(1).name());
    }

    private static double correlation(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElseThrow();
        double my = java.util.Arrays.stream(y).average().orElseThrow();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
