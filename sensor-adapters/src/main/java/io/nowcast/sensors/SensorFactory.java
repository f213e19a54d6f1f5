package io.nowcast.sensors;

import io.nowcast.history.Quantity;

import com.pi4j.io.gpio.digital.PullResistance;
import io.nowcast.history.CsvFormatException;
import io.nowcast.history.HistoryReader;
import io.nowcast.history.TimestampParser;
import io.nowcast.sensors.config.ConfigException;
import io.nowcast.sensors.config.MqttKeys;
import io.nowcast.sensors.config.SensorConfig;
import io.nowcast.sensors.config.SensorType;
import io.nowcast.sensors.csv.CsvReplaySource;
import io.nowcast.sensors.gpio.PulseDriver;
import io.nowcast.sensors.guard.GuardPolicy;
import io.nowcast.sensors.guard.GuardedSource;
import io.nowcast.sensors.guard.PhysicalRange;
import io.nowcast.sensors.guard.SensorDriver;
import io.nowcast.sensors.i2c.Bme280Driver;
import io.nowcast.sensors.i2c.ShtDriver;
import io.nowcast.sensors.iio.IioChannel;
import io.nowcast.sensors.iio.IioDeviceLocator;
import io.nowcast.sensors.iio.IioDriver;
import io.nowcast.sensors.mqtt.MqttSource;
import io.nowcast.sensors.sim.SimulatedStation;
import io.nowcast.sensors.sim.SimulatedWeather;
import io.nowcast.sensors.w1.Ds18b20Driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link SensorSource} from a {@link SensorConfig}. Building never talks to hardware: a
 * sensor that is absent at start-up gives MISSING readings and is picked up when it appears (an mqtt
 * sensor starts connecting to its broker in the background, and returns at once).
 * Physical ranges are the datasheets' operating ranges (see docs/sensors.md).
 */
public final class SensorFactory {
    private static final PhysicalRange BOSCH_T = new PhysicalRange(-40, 85);        // BME280/BMP280 Table 1
    private static final PhysicalRange BOSCH_P = new PhysicalRange(300, 1100);      // hPa, Table 1
    private static final PhysicalRange RH = new PhysicalRange(0, 100);
    private static final PhysicalRange SHT_T = new PhysicalRange(-40, 125);         // SHT3x/SHT4x
    private static final PhysicalRange DS18B20_T = new PhysicalRange(-55, 125);     // DS18B20

    private final Hardware hardware;
    private final Clock clock;
    private final BrokerConnector brokers;

    /**
     * A factory for every type but mqtt (an mqtt sensor is a configuration error).
     *
     * @param hardware the devices (use {@link Pi4jPlatform#hardware()} on a station)
     * @param clock    the time readings carry; a {@link ScaledClock} runs simulated and replayed
     *                 sources faster than real time
     */
    public SensorFactory(Hardware hardware, Clock clock) {
        this(hardware, clock, BrokerConnector.NONE);
    }

    /**
     * @param brokers where mqtt sensors connect (the station: its own broker, or a sensor's)
     */
    public SensorFactory(Hardware hardware, Clock clock, BrokerConnector brokers) {
        this.hardware = hardware;
        this.clock = clock;
        this.brokers = brokers;
    }

    /**
     * @throws ConfigException when the configuration cannot work at all (e.g. a CSV file that is
     *                         not there or has no such column)
     */
    public SensorSource create(SensorConfig config) throws ConfigException {
        SensorType type = config.type();
        return switch (type) {
            case BME280 -> bosch(config, Bme280Driver.Model.BME280);
            case BMP280 -> bosch(config, Bme280Driver.Model.BMP280);
            case SHT3X -> sht(config, ShtDriver.Variant.SHT3X);
            case SHT4X -> sht(config, ShtDriver.Variant.SHT4X);
            case DS18B20 -> ds18b20(config);
            case IIO -> iio(config);
            case RAIN_GAUGE -> pulses(config, Quantity.RAIN, config.number("mm-per-tip"), Map.of());
            case ANEMOMETER -> pulses(config, Quantity.WIND_SPEED, config.number("kmh-per-hz"),
                    Map.of(Quantity.WIND_SPEED, new PhysicalRange(0, config.number("max-speed"))));
            case SIMULATED -> new SimulatedStation(config.id(),
                    new SimulatedWeather(config.longValue("seed"), config.zone("zone"), config.number("mean-temperature")),
                    config.resolveChannels(SimulatedStation.allChannels()), clock, config.interval());
            case CSV_REPLAY -> csvReplay(config);
            case MQTT -> MqttSource.start(MqttKeys.spec(config), clock, brokers.endpoint(config));
        };
    }

    /** Builds every configured sensor; on a configuration error closes those already built. */
    public List<SensorSource> createAll(List<SensorConfig> configs) throws ConfigException {
        List<SensorSource> out = new ArrayList<>();
        try {
            for (SensorConfig c : configs) {
                out.add(create(c));
            }
            return out;
        } catch (ConfigException | RuntimeException e) {
            out.forEach(SensorSource::close);
            throw e;
        }
    }

    private SensorSource bosch(SensorConfig config, Bme280Driver.Model model) throws ConfigException {
        int bus = config.integer("bus");
        int address = config.address("address");
        Bme280Driver.Settings settings = new Bme280Driver.Settings(
                config.integer("oversampling.temperature"), config.integer("oversampling.pressure"),
                model == Bme280Driver.Model.BME280 ? config.integer("oversampling.humidity") : 1,
                config.integer("filter"));
        return guarded(config, Map.of(Quantity.TEMPERATURE, BOSCH_T, Quantity.HUMIDITY, RH, Quantity.PRESSURE, BOSCH_P),
                () -> Bme280Driver.open(hardware.i2c().open(bus, address), model, settings, hardware.sleeper()));
    }

    private SensorSource sht(SensorConfig config, ShtDriver.Variant variant) throws ConfigException {
        int bus = config.integer("bus");
        int address = config.address("address");
        ShtDriver.Precision precision = ShtDriver.Precision.valueOf(config.text("precision").toUpperCase(Locale.ROOT));
        return guarded(config, Map.of(Quantity.TEMPERATURE, SHT_T, Quantity.HUMIDITY, RH),
                () -> ShtDriver.open(hardware.i2c().open(bus, address), variant, precision, hardware.sleeper()));
    }

    private SensorSource ds18b20(SensorConfig config) throws ConfigException {
        Path dir = Path.of(config.text("w1-dir"));
        String device = config.text("device");
        return guarded(config, Map.of(Quantity.TEMPERATURE, DS18B20_T),
                () -> Ds18b20Driver.open(dir, device, hardware.sysfs()));
    }

    /**
     * IIO: the widest operating range among the weather drivers (sht4x to 125 °C, bme280 to
     * 1100 hPa). Default channels: the {@code in_*_input} files the device has now, or all three
     * when it is not there yet.
     */
    private SensorSource iio(SensorConfig config) throws ConfigException {
        Path dir = Path.of(config.text("iio-dir"));
        IioDeviceLocator locator = config.value("device").isPresent()
                ? IioDeviceLocator.byFolder(dir, config.text("device"), hardware.sysfs())
                : IioDeviceLocator.byDriver(dir, config.text("driver"), hardware.sysfs());
        List<Channel> available = new ArrayList<>();
        Path present = presentIioDevice(locator);
        for (IioChannel c : IioChannel.values()) {
            if (present == null || Files.exists(present.resolve(c.file()))) {
                available.add(Channel.of(c.quantity()));
            }
        }
        List<Channel> channels = config.resolveChannels(available);
        List<IioChannel> files = channels.stream().map(c -> IioChannel.of(c.quantity()).orElseThrow()).toList();
        return guarded(config, channels, Map.of(Quantity.TEMPERATURE, SHT_T, Quantity.HUMIDITY, RH, Quantity.PRESSURE, BOSCH_P),
                () -> IioDriver.open(locator, files, hardware.sysfs()));
    }

    private static Path presentIioDevice(IioDeviceLocator locator) {
        try {
            return locator.find().orElse(null);
        } catch (SensorException e) {
            return null;   // not readable now: the guard reports it at the first read
        }
    }

    private SensorSource pulses(SensorConfig config, Quantity quantity, double perPulse, Map<Quantity, PhysicalRange> ranges)
            throws ConfigException {
        int pin = config.integer("pin");
        PullResistance pull = switch (config.text("pull")) {
            case "up" -> PullResistance.PULL_UP;
            case "down" -> PullResistance.PULL_DOWN;
            default -> PullResistance.OFF;
        };
        long debounceNanos = config.duration("debounce").toNanos();
        return guarded(config, ranges, () -> PulseDriver.open(hardware.gpio(), config.id(), pin, pull, quantity, perPulse,
                debounceNanos, hardware.nanoTime()));
    }

    private SensorSource csvReplay(SensorConfig config) throws ConfigException {
        Path file = Path.of(config.text("file"));
        HistoryReader history;
        try {
            history = HistoryReader.open(file, config.text("timestamp-column"), new TimestampParser(null, config.zone("zone")));
        } catch (CsvFormatException e) {
            throw new ConfigException(config.where("file") + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(config.where("file") + " = '" + file + "': cannot read it ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        try {
            return new CsvReplaySource(config.id(), history, config.resolveChannels(CsvReplaySource.channelsOf(history)),
                    clock, config.number("speed"));
        } catch (ConfigException | RuntimeException e) {
            try {
                history.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private SensorSource guarded(SensorConfig config, Map<Quantity, PhysicalRange> ranges, SensorDriver.Opener opener)
            throws ConfigException {
        List<Channel> available = config.type().quantities().stream().map(Channel::of).toList();
        return guarded(config, config.resolveChannels(available), ranges, opener);
    }

    private SensorSource guarded(SensorConfig config, List<Channel> channels, Map<Quantity, PhysicalRange> ranges,
                                 SensorDriver.Opener opener) {
        GuardPolicy policy = GuardPolicy.defaults(0, ranges);
        if (config.type().hasGuardSettings()) {
            policy = policy.withTimeout(config.duration("timeout"))
                    .withAttempts(config.integer("attempts"))
                    .withBackoff(policy.backoffFirst(), config.duration("backoff-max"))
                    .withStuckAfter(config.integer("stuck-after"));
        }
        return new GuardedSource(config.id(), config.type().configName(), channels, opener, policy, clock, hardware.sleeper());
    }
}
