#!/usr/bin/env bash
# The station's resident memory and its time to the first forecast, as a Pi runs it: `nowcast run`
# with the demo model and a simulated sensor (read every 60 s of station time), on a clock 3600×
# real time, publishing to a Mosquitto of its own (not counted), until 20 forecasts are delivered.
#
#   bench/station-memory.sh [RUNS] [JAVA OPTIONS...]
#       e.g. bench/station-memory.sh 3 -Xmx64m -Xms8m -XX:+UseSerialGC
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/station-memory.sh 3 -Xmx64m -Xms8m -XX:+UseSerialGC
#
# Prints per run: the JVM's peak resident set (VmHWM of /proc/PID/status, sampled every 0.1 s),
# the seconds from the command's start to the first forecast the broker delivered (about 4 s of it
# is filling the model's window: 24 intervals of 600 s at 3600×), and the forecasts received.
# Needs mosquitto and mosquitto_sub (apt-get install mosquitto mosquitto-clients).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
runs=${1:-3}
shift || true
opts="$*"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mosquitto -p "$port" > "$work/mosquitto.log" 2>&1 &
cp "$root/runtime/src/main/resources/demo/demo.ncm" "$work/"
cat > "$work/station.conf" <<CONF
station.id = memory
station.data_dir = $work/data
model.file = demo.ncm
mqtt.broker = tcp://127.0.0.1:$port
sensor.sim.type = simulated
sensor.sim.interval = 60s
CONF
"$root/bin/nowcast" --version > /dev/null  # builds the runtime first when its sources changed
echo "$("$root/bin/nowcast" --version 2>&1 | head -1); options: ${opts:-none}"
for ((i = 1; i <= runs; i++)); do
  rm -rf "$work/data"
  mosquitto_sub -p "$port" -t 'nowcast/memory/forecast' -F '%U' > "$work/forecasts" &
  sub=$!
  sleep 0.3
  start=$(date +%s.%N)
  NOWCAST_JAVA_OPTS="$opts" "$root/bin/nowcast" run --config "$work/station.conf" --speed 3600 --forecasts 20 \
      > "$work/run.log" 2>&1 &
  pid=$!
  peak=0
  while kill -0 $pid 2>/dev/null; do
    kb=$(awk '/VmHWM/ {print $2}' /proc/$pid/status 2>/dev/null || true)
    [ -n "$kb" ] && peak=$kb
    sleep 0.1
  done
  wait $pid || { echo "the station failed:"; cat "$work/run.log"; exit 1; }
  sleep 0.3
  kill $sub
  first=$(head -n 1 "$work/forecasts")
  printf 'run %d: peak RSS %d kB, first forecast after %.1f s, %d forecasts received\n' "$i" "$peak" \
      "$(echo "$first - $start" | bc)" "$(wc -l < "$work/forecasts")"
done
