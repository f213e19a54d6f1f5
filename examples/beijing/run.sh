#!/usr/bin/env bash
# The Beijing example (docs/weather.md): air temperature 1, 3 and 6 hours ahead at Beijing Capital
# International Airport, from the last 24 hours of temperature, dew point, humidity, pressure,
# wind, precipitation and the time of day, one step an hour. Trains on 2010-2013 (its last 15 % is the validation split) and tests
# on 2014, with the float and the Q16 engine, against persistence, the time-of-day mean and ridge
# regression on the same window.
#
# Data: the UCI "Beijing PM2.5" file, DATA_DIR/PRSA_data_2010.1.1-2014.12.31.csv (hourly, local
# time UTC+8). prepare.awk turns it into OUT_DIR/data/train.csv (2010-2013) and test.csv (2014)
# with an ISO-8601 timestamp (+08:00) and the station's channel names and units; see that file.
# Everything else is nowcast-train's defaults (two LSTM layers of 64, at most 50 epochs, weights
# averaged, level noise 0.5: chosen on weather data, docs/weather.md).
# Writes OUT_DIR/model.ncm, OUT_DIR/report.md, OUT_DIR/metrics.json and charts.
#
# Usage: examples/beijing/run.sh [DATA_DIR OUT_DIR] [extra nowcast-train train options]
# Without arguments DATA_DIR is ../shared/data/weather/beijing-prsa beside the clone and OUT_DIR
# out/beijing in the clone. Extra options come after these (a list option such as --hidden given
# again is appended to, not replaced: picocli's rule for repeated multi-value options).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
here=$root/examples/beijing
. "$root/examples/lib/dirs.sh"
example_dirs "$root/../shared/data/weather/beijing-prsa" "$root/out/beijing" "$0 [DATA_DIR OUT_DIR] [nowcast-train train options]" "$@"
shift "$taken"
csv=$data/PRSA_data_2010.1.1-2014.12.31.csv
if [ ! -r "$csv" ]; then
  echo "$0: no $csv (the UCI Beijing PM2.5 file; see docs/weather.md)" >&2
  exit 1
fi
mkdir -p "$out/data"
awk -F, -v out="$out/data" -f "$here/prepare.awk" "$csv"
echo "prepared $out/data/train.csv ($(($(wc -l < "$out/data/train.csv") - 1)) hours) and $out/data/test.csv ($(($(wc -l < "$out/data/test.csv") - 1)) hours)" >&2
exec "$root/bin/nowcast-train" train \
  --data "$out/data/train.csv" --test-data "$out/data/test.csv" \
  --inputs temperature,dewpoint,humidity,pressure,wind_speed,wind_dir_sin,wind_dir_cos,precipitation,time_of_day_sin,time_of_day_cos \
  --target temperature --horizon 1h,3h,6h --delta \
  --interval 1h --window 24 \
  --seed 1 --out "$out" "$@"
