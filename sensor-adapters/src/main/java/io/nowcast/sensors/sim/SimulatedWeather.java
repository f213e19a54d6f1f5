package io.nowcast.sensors.sim;

import io.nowcast.history.Quantity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.SplittableRandom;

/**
 * Weather-like values as a pure function of a seed and an instant, so that any moment can be
 * asked for in any order and the same seed always gives the same history.
 *
 * <ul>
 *   <li>Pressure: 1013.25 hPa plus four passing systems, sinusoids with periods of 2 to 9 days
 *       and amplitudes of 3 to 9 hPa (random per seed).</li>
 *   <li>Temperature: the configured mean, a seasonal swing of ±8 °C peaking late July, slow
 *       anomalies over days, and a daily cycle peaking at 15:00 local time whose amplitude grows
 *       with pressure (high pressure, clear sky, wide daily range).</li>
 *   <li>Humidity: from a dew point that follows the day's mean temperature but not its daily
 *       cycle, so relative humidity falls as the afternoon warms (Magnus formula, coefficients
 *       of Alduchov and Eskridge 1996).</li>
 *   <li>Rain: where a slow "wetness" signal and falling pressure together pass a threshold.</li>
 *   <li>Wind: grows with the rate of pressure change, stronger in the afternoon.</li>
 *   <li>Sensor noise: Gaussian, drawn from a generator seeded by (seed, second), so it too is
 *       a function of the instant.</li>
 * </ul>
 */
public final class SimulatedWeather {
    private static final double DAY = 86_400.0;          // s
    private static final double MAGNUS_B = 17.625;
    private static final double MAGNUS_C = 243.04;       // °C
    private static final Duration RAIN_STEP = Duration.ofMinutes(1);

    private final long seed;
    private final ZoneId zone;
    private final double meanTemperature;               // °C
    private final Wave pressureSystems;                 // hPa
    private final Wave temperatureAnomaly;              // °C
    private final Wave wetness;                         // about -1..1
    private final Wave dewSpread;                       // °C

    /**
     * @param seed            the same seed gives the same weather
     * @param zone            local time for the daily cycle
     * @param meanTemperature the yearly mean temperature, °C
     */
    public SimulatedWeather(long seed, ZoneId zone, double meanTemperature) {
        this.seed = seed;
        this.zone = zone;
        this.meanTemperature = meanTemperature;
        SplittableRandom r = new SplittableRandom(seed);
        this.pressureSystems = Wave.random(r, 4, 2 * DAY, 9 * DAY, 3.0, 9.0);
        this.temperatureAnomaly = Wave.random(r, 3, 3 * DAY, 11 * DAY, 1.0, 3.0);
        this.wetness = Wave.random(r, 3, 0.25 * DAY, 3 * DAY, 0.25, 0.45);
        this.dewSpread = Wave.random(r, 2, 2 * DAY, 6 * DAY, 0.8, 2.0);
    }

    /**
     * The sensor values at {@code t}: temperature, humidity and pressure at that instant, wind as
     * measured then, rain fallen during {@code window} up to {@code t}.
     */
    public EnumMap<Quantity, Double> at(Instant t, Duration window) {
        double s = seconds(t);
        SplittableRandom noise = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ t.getEpochSecond());
        double pressure = pressure(s);
        double dailyMean = dailyMean(t, s);
        double temperature = dailyMean + dailyCycle(t, pressure);
        double humidity = humidity(s, dailyMean, temperature, pressure);
        EnumMap<Quantity, Double> v = new EnumMap<>(Quantity.class);
        v.put(Quantity.TEMPERATURE, round(temperature + 0.05 * noise.nextGaussian(), 2));
        v.put(Quantity.HUMIDITY, round(clamp(humidity + 0.5 * noise.nextGaussian(), 0, 100), 2));
        v.put(Quantity.PRESSURE, round(pressure + 0.05 * noise.nextGaussian(), 2));
        v.put(Quantity.RAIN, round(rainBetween(t.minus(window), t), 4));
        v.put(Quantity.WIND_SPEED, round(Math.max(0, wind(t, s) + 1.0 * noise.nextGaussian()), 2));
        return v;
    }

    private double pressure(double s) {
        return 1013.25 + pressureSystems.value(s);
    }

    /** Pressure tendency, hPa per hour. */
    private double pressureTendency(double s) {
        return pressureSystems.derivative(s) * 3600.0;
    }

    /** Temperature without its daily cycle: mean, season, slow anomalies; °C. */
    private double dailyMean(Instant t, double s) {
        ZonedDateTime local = t.atZone(zone);
        double dayOfYear = local.getDayOfYear() + local.toLocalTime().toSecondOfDay() / DAY;
        double seasonal = 8.0 * Math.cos(2 * Math.PI * (dayOfYear - 200) / 365.25);
        return meanTemperature + seasonal + temperatureAnomaly.value(s);
    }

    /** The daily cycle, peaking at 15:00 local, wider under high pressure; °C. */
    private double dailyCycle(Instant t, double pressure) {
        double hour = t.atZone(zone).toLocalTime().toSecondOfDay() / 3600.0;
        double amplitude = clamp(4.0 + 0.25 * (pressure - 1013.25), 1.5, 8.0);
        return amplitude * Math.cos(2 * Math.PI * (hour - 15) / 24);
    }

    /**
     * Relative humidity from a dew point that trails the daily mean temperature minus a spread,
     * wider under high pressure (dry air) and narrow when wet, pulled up while it rains; %RH.
     */
    private double humidity(double s, double dailyMean, double temperature, double pressure) {
        double spread = Math.max(0.5, 6.0 + 0.3 * (pressure - 1013.25) + dewSpread.value(s)
                - 4.0 * Math.max(0, wetness.value(s)));
        double dewPoint = dailyMean - spread;
        double rh = 100.0 * Math.exp(MAGNUS_B * dewPoint / (MAGNUS_C + dewPoint))
                / Math.exp(MAGNUS_B * temperature / (MAGNUS_C + temperature));
        // falling rain saturates the air: at 2 mm/h and more, humidity is pulled to 97 %RH
        rh += (97.0 - rh) * Math.min(1.0, rainRate(s) / 2.0);
        return clamp(rh, 5, 100);
    }

    /** Rain rate, mm/h. */
    private double rainRate(double s) {
        double falling = Math.max(0, -pressureTendency(s));               // hPa/h
        return 4.0 * Math.max(0, wetness.value(s) + 0.4 * falling - 0.45);
    }

    /** Rain fallen in (from, to], mm: the rate integrated with the trapezoid rule on 1-minute steps. */
    private double rainBetween(Instant from, Instant to) {
        double a = seconds(from);
        double b = seconds(to);
        if (b <= a) {
            return 0;
        }
        int steps = (int) Math.max(1, Math.ceil((b - a) / RAIN_STEP.toSeconds()));
        double h = (b - a) / steps;
        double sum = 0.5 * (rainRate(a) + rainRate(b));
        for (int i = 1; i < steps; i++) {
            sum += rainRate(a + i * h);
        }
        return sum * h / 3600.0;
    }

    private double wind(Instant t, double s) {
        double hour = t.atZone(zone).toLocalTime().toSecondOfDay() / 3600.0;
        double afternoon = 3.0 * Math.max(0, Math.cos(2 * Math.PI * (hour - 14) / 24));
        return 6.0 + 8.0 * Math.abs(pressureTendency(s)) + afternoon;
    }

    private static double seconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    /** A sum of sinusoids: value(s) = Σ a_k sin(2π s / p_k + φ_k). */
    private record Wave(double[] amplitude, double[] period, double[] phase) {
        static Wave random(SplittableRandom r, int n, double minPeriod, double maxPeriod, double minAmp, double maxAmp) {
            double[] a = new double[n];
            double[] p = new double[n];
            double[] f = new double[n];
            for (int k = 0; k < n; k++) {
                a[k] = r.nextDouble(minAmp, maxAmp);
                p[k] = r.nextDouble(minPeriod, maxPeriod);
                f[k] = r.nextDouble(0, 2 * Math.PI);
            }
            return new Wave(a, p, f);
        }

        double value(double s) {
            double v = 0;
            for (int k = 0; k < amplitude.length; k++) {
                v += amplitude[k] * Math.sin(2 * Math.PI * s / period[k] + phase[k]);
            }
            return v;
        }

        /** d value / ds, per second. */
        double derivative(double s) {
            double v = 0;
            for (int k = 0; k < amplitude.length; k++) {
                v += amplitude[k] * 2 * Math.PI / period[k] * Math.cos(2 * Math.PI * s / period[k] + phase[k]);
            }
            return v;
        }
    }
}
