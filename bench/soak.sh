#!/usr/bin/env bash
# The soak run (issue 13), for a bench, not for CI: a station — `nowcast run --clock-speed 7200`, in
# its own JVM with the service's options (-Xmx64m -Xms8m -XX:+UseSerialGC), the demo model, a
# BME280 behind a (fake) IIO driver — for DAYS simulated days (12 s of wall time each), against a
# Mosquitto of its own that is killed at random (SIGKILL or SIGTERM, down 5-60 s), with its data
# directory on a 24 MiB tmpfs that is filled at random (full 2-20 s), and with its sensor unplugged,
# replugged under another number, or reading garbage or out-of-range values at random. Then the
# faults stop, the outbox drains, the station gets SIGTERM, and a tally is printed: observations and
# forecasts due, made, delivered, lost (target 0), repeated (QoS 1 repeats with the same seq must
# carry the same payload), and the station's live heap after a full GC at the start and the end.
#
#   bench/soak.sh [DAYS] [SEED]        default 30 days, seed 1; 30 days take about 7 minutes
#   SOAK_SPEED=3600 bench/soak.sh      another clock speed (default 7200)
#   SOAK_WORK=/tmp/soak bench/soak.sh  keep the run's files there (default: a new /tmp/nowcast-soak.*)
#
# Disk-full spells need root (mounting the tmpfs); without root the run skips them and says so.
# Needs mosquitto (apt-get install mosquitto mosquitto-clients) and a JDK (jcmd reads the heap).
# Exit status 0 when nothing was lost and no seq came with two payloads, 1 when something was, 2
# when the bench itself failed. The run's files: events.log (every fault, with wall and station
# time), station.log, received.log (every observation and forecast received: seq, payload hash,
# repeats), broker/mosquitto.log, heap-*.txt (class histograms), data-copy/ (the data directory at
# the end, as root), tally.txt.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$root/bin/lib/jdk.sh"
nowcast_find_jdk
days=${1:-30}
seed=${2:-1}
speed=${SOAK_SPEED:-7200}
case $days$seed in *[!0-9-]*) echo "usage: bench/soak.sh [DAYS] [SEED]" >&2; exit 2 ;; esac
command -v mosquitto > /dev/null || [ -x /usr/sbin/mosquitto ] \
  || { echo "soak: mosquitto not found: apt-get install -y mosquitto mosquitto-clients" >&2; exit 2; }
if [ "$(id -u)" -ne 0 ]; then
  echo "soak: not root: the disk-full spells need a tmpfs of their own (mount), so they are skipped; run as root for them" >&2
fi
work=${SOAK_WORK:-$(mktemp -d /tmp/nowcast-soak.XXXXXX)}
mkdir -p "$work"

# Build the runtime and its test classes (the soak is a test-scope program), then take a copy of
# every class and jar, so that a build running meanwhile cannot change what the soak runs.
build() { JAVA_HOME=$NOWCAST_JAVA_HOME "$root/bin/mvn-jdk" -q -B "$@"; }
{ build -o -pl runtime -am install -DskipTests || build -pl runtime -am install -DskipTests; } >&2
build -o -pl runtime dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" >&2
rm -rf "$work/cp" && mkdir -p "$work/cp/lib" "$work/cp/station/lib"
cp -r "$root/runtime/target/classes" "$root/runtime/target/test-classes" "$work/cp/"
tr ':' '\n' < "$work/classpath.txt" | while read -r jar; do [ -f "$jar" ] && cp "$jar" "$work/cp/lib/"; done
cp "$(ls "$root"/runtime/target/nowcast-runtime-*.jar | grep -v -- '-tests.jar' | head -n 1)" "$work/cp/station/"
cp "$root"/runtime/target/lib/*.jar "$work/cp/station/lib/"

java=$NOWCAST_JAVA_HOME/bin/java
echo "soak: $("$java" -version 2>&1 | head -n 1); $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);" \
  "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'); files in $work"
start=$(date +%s)
status=0
"$java" -cp "$work/cp/test-classes:$work/cp/classes:$work/cp/lib/*" \
  -Dsoak.station.classpath="$work/cp/station/$(ls "$work/cp/station" | grep '\.jar$' | head -n 1):$work/cp/station/lib/*" \
  io.nowcast.runtime.soak.Soak --work "$work/run" --days "$days" --seed "$seed" --speed "$speed" || status=$?
echo "soak: $(( $(date +%s) - start )) s of wall time; exit status $status; files in $work/run"
exit $status
