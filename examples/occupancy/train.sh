#!/usr/bin/env bash
# Trains the occupancy example: indoor temperature 30 minutes ahead (with 10 and 20 minutes on the
# way) from the last 60 minutes of all five sensors at a one-minute interval. Trains on
# DATA_DIR/datatraining.txt (its last 15 % is the validation split), tests on DATA_DIR/datatest.txt.
# Writes OUT_DIR/model.ncm, OUT_DIR/report.md, OUT_DIR/metrics.json and charts.
#
# The files' timestamps are local time of the office (Mons, Belgium: Europe/Brussels) without a zone.
# The model's inputs are named after the CSV columns, so `bin/nowcast predict` runs it on any CSV
# with those columns plus a `timestamp` column.
#
# Usage: examples/occupancy/train.sh DATA_DIR OUT_DIR [extra nowcast-train train options]
# (extra options come after these; a list option such as --hidden given again is appended to, not
# replaced: picocli's rule for repeated multi-value options)
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 DATA_DIR OUT_DIR [nowcast-train train options]" >&2
  exit 2
fi
data=$1 out=$2
shift 2
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
exec "$root/bin/nowcast-train" train \
  --data "$data/datatraining.txt" --test-data "$data/datatest.txt" \
  --timestamp-column date --time-zone Europe/Brussels \
  --inputs Temperature,Humidity,Light,CO2,HumidityRatio \
  --unit Temperature=°C,Humidity=%,Light=lx,CO2=ppm,HumidityRatio=kg/kg \
  --target Temperature --horizon 10min,20min,30min --delta \
  --interval 60s --window 60 \
  --hidden 52,120 --linear-path 0,4,15,60 --cell tanh --gate sigmoid \
  --batch 32 --epochs 30 --lr 0.001 --patience 8 --level-noise 3.0 --average 0.998 --seed 1 \
  --out "$out" "$@"
