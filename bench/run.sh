#!/usr/bin/env bash
# Builds the JMH benchmarks (bench/target/benchmarks.jar) and runs them with a JDK >= 17, holding
# /tmp/nowcast-bench.lock so that two benchmark runs never share the machine. The JDK is the
# launchers' (bin/lib/jdk.sh): $JAVA_HOME when set, else the java on PATH, else the newest in
# /usr/lib/jvm; to measure another, set JAVA_HOME, e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/run.sh.
#
#   bench/run.sh                  every benchmark, -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
#   bench/run.sh ARGS...          JMH's own arguments instead, e.g.
#                                 bench/run.sh EngineBenchmark -p hidden=64 -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
#
# Results go to bench/target/jmh-result.csv; afterwards the GFLOP/s of every EngineBenchmark row
# are printed, counting matrix work only: 2·4H·(n + H) per layer and step, two layers with n = 6
# then n = H (BenchModels), T = 48 steps per predict.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
. "$root/bin/lib/jdk.sh"
nowcast_find_jdk
JAVA_HOME=$NOWCAST_JAVA_HOME "$root/bin/mvn-jdk" -q -B -pl bench -am package -DskipTests >&2
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(-f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc)
csv=$root/bench/target/jmh-result.csv
echo "JDK: $("$NOWCAST_JAVA_HOME/bin/java" -version 2>&1 | head -n 1); $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores" >&2
flock /tmp/nowcast-bench.lock "$NOWCAST_JAVA_HOME/bin/java" -jar "$root/bench/target/benchmarks.jar" \
  "${args[@]}" -rf csv -rff "$csv"

# Derived GFLOP/s for the engine rows (time rows only, not the -prof gc rows).
awk -F, '
  { sub(/\r$/, ""); gsub(/"/, "") }
  NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  $1 ~ /EngineBenchmark\.(predict|step)$/ && $col["Unit"] == "us/op" {
    h = $col["Param: hidden"]; steps = ($1 ~ /predict$/) ? 48 : 1
    flops = steps * (2 * 4 * h * (6 + h) + 2 * 4 * h * (h + h))
    if (!header++) printf "%-10s %-6s %-10s %6s %12s %10s\n", "benchmark", "H", "kernel", "act", "us/op", "GFLOP/s"
    name = $1; sub(/.*\./, "", name)
    printf "%-10s %-6s %-10s %6s %12.3f %10.2f\n", name, h, $col["Param: kernel"], $col["Param: activations"], $col["Score"], flops / ($col["Score"] * 1000)
  }' "$csv"
