#!/usr/bin/env bash
# The weewx example (docs/weather.md): outdoor temperature 1 and 3 hours ahead at a real weewx
# station, read straight from its archive (weewx.sdb), from the last 24 hours of temperature,
# humidity, station pressure, wind and the time of day, one step every 30 minutes. The archive is
# split by time: the first 70 % of its usable records train, the next 10 % validate, the last 20 %
# test, with the float and the Q16 engine, against persistence, the time-of-day mean and ridge
# regression on the same window.
#
# Data: DATA_DIR/weewx.sdb, the Bariloche archive by default (../shared/data/weather/weewx-bariloche
# beside the clone; its README there lists the quirks). Its console stood indoors until
# 2017-08-08 (about 21 °C at 27 % RH in the southern winter): records before FROM (default
# 2017-08-08T09:00:00Z, the first outdoor one) are left out as the trainer reads them (--from); the
# archive is only read. FROM=none trains on the whole archive (another station's, say). Everything else — US units, the
# 30-minute records off the grid, months of NULL outdoor fields, calm wind without a direction —
# the trainer's weewx reader handles (docs/trainer.md).
# Beyond nowcast-train's defaults (docs/weather.md), a linear path: the first 32 units of each layer
# start as moving averages of the 8 inputs over 0, 4, 15 and 60 steps (--linear-path), which
# helped on this archive's validation data.
# Writes OUT_DIR/model.ncm, OUT_DIR/report.md, OUT_DIR/metrics.json and charts.
#
# Usage: [FROM=INSTANT|none] examples/weewx/run.sh [DATA_DIR OUT_DIR] [extra nowcast-train train options]
# Without arguments DATA_DIR is ../shared/data/weather/weewx-bariloche beside the clone and
# OUT_DIR out/weewx in the clone.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
. "$root/examples/lib/dirs.sh"
example_dirs "$root/../shared/data/weather/weewx-bariloche" "$root/out/weewx" "[FROM=INSTANT|none] $0 [DATA_DIR OUT_DIR] [nowcast-train train options]" "$@"
shift "$taken"
archive=$data/weewx.sdb
if [ ! -r "$archive" ]; then
  echo "$0: no $archive (a weewx archive; see docs/weather.md)" >&2
  exit 1
fi
from=${FROM:-2017-08-08T09:00:00Z}
from_option=()
[ "$from" = none ] || from_option=(--from "$from")
exec "$root/bin/nowcast-train" train \
  --data "$archive" "${from_option[@]}" --split 0.7,0.1 \
  --inputs temperature,humidity,pressure,wind_speed,wind_dir_sin,wind_dir_cos,time_of_day_sin,time_of_day_cos \
  --target temperature --horizon 1h,3h --delta \
  --interval 30min --window 48 --linear-path 0,4,15,60 \
  --seed 1 --out "$out" "$@"
