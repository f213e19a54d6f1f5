#!/usr/bin/env bash
# The station on Raspberry Pi CPUs, without a Pi: runs the station's own jars with Debian's arm
# JREs under QEMU user emulation (docs/arm.md), on each target given (default: all three):
#   pi4     qemu-aarch64-static, QEMU_CPU=cortex-a72, openjdk-17-jre-headless:arm64 (Pi 4: NEON)
#   pi5     qemu-aarch64-static, QEMU_CPU=cortex-a76, openjdk-17-jre-headless:arm64 (Pi 5: NEON)
#   armhf   qemu-arm-static, QEMU_CPU=cortex-a7, openjdk-17-jre-headless:armhf (32-bit Raspberry
#           Pi OS: Pi Zero 2 W, Pi 3; QEMU's 32-bit ARM has no cortex-a53, cortex-a7 is the same ARMv7)
# On each: io.nowcast.engine.PlatformCheck (the Q16 golden files bit for bit and the float engine
# against its reference with each kernel choice, the kernel each engine picks, a predict's time),
# then `nowcast demo --forecasts 3` (its Mosquitto runs natively). Builds the jars, installs what
# is missing (as root: dpkg --add-architecture, apt-get install), times each step, prints a
# summary; exit status 1 when any check failed.
# Usage: deploy/arm-check.sh [pi4|pi5|armhf]...    Environment: WARMUP, RUNS (PlatformCheck's
# predict timing, default 100 and 20), CHECK_TIMEOUT, DEMO_TIMEOUT (seconds, default 1800 and 900).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
warmup=${WARMUP:-100}
runs=${RUNS:-20}
check_timeout=${CHECK_TIMEOUT:-1800}
demo_timeout=${DEMO_TIMEOUT:-900}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(pi4 pi5 armhf)

target_facts() { # $1 = target; sets qemu, cpu, arch
  case $1 in
    pi4) qemu=qemu-aarch64-static cpu=cortex-a72 arch=arm64 ;;
    pi5) qemu=qemu-aarch64-static cpu=cortex-a76 arch=arm64 ;;
    armhf) qemu=qemu-arm-static cpu=cortex-a7 arch=armhf ;;
    *) echo "arm-check.sh: unknown target '$1' (pi4, pi5 or armhf)" >&2; exit 1 ;;
  esac
}

jre() { # $1 = Debian architecture; the arm JRE's java
  echo "/usr/lib/jvm/java-17-openjdk-$1/bin/java"
}

# What is missing: Debian architectures to add, then packages to install.
missing_archs=()
missing_packages=()
for target in "${targets[@]}"; do
  target_facts "$target"
  if [ "$arch" != "$(dpkg --print-architecture)" ] && ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    [[ " ${missing_archs[*]} " == *" $arch "* ]] || missing_archs+=("$arch")
  fi
  command -v "$qemu" >/dev/null || [[ " ${missing_packages[*]} " == *" qemu-user-static "* ]] \
    || missing_packages+=(qemu-user-static)
  [ -x "$(jre "$arch")" ] || [[ " ${missing_packages[*]} " == *":$arch "* ]] \
    || missing_packages+=("openjdk-17-jre-headless:$arch")
done
command -v mosquitto >/dev/null || [ -x /usr/sbin/mosquitto ] || missing_packages+=(mosquitto)
if [ ${#missing_archs[@]} -gt 0 ] || [ ${#missing_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "arm-check.sh: missing${missing_archs[*]:+ Debian architectures: ${missing_archs[*]};}${missing_packages[*]:+ packages: ${missing_packages[*]}}; run as root to install them" >&2
    exit 1
  fi
  start=$SECONDS
  for arch in "${missing_archs[@]}"; do dpkg --add-architecture "$arch"; done
  echo "arm-check.sh: installing ${missing_packages[*]}..."
  apt-get update -qq
  # The arm JREs are Multi-Arch: same with the native openjdk-17 packages: apt upgrades those to the same version.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_packages[@]}" >/dev/null
  echo "arm-check.sh: installed in $((SECONDS - start)) s"
fi

# The jars, copied aside so that a build in the clone meanwhile does not change them under an emulated JVM.
start=$SECONDS
# On tmpfs: a 32-bit program under QEMU cannot list an ext4 (or btrfs, xfs) folder, whose 64-bit directory offsets
# do not fit its getdents ("Value too large for defined data type"): the JVM's lib/* and the demo's folders.
[ -d /dev/shm ] && [ -w /dev/shm ] || { echo "arm-check.sh: needs a writable tmpfs at /dev/shm" >&2; exit 1; }
work=$(mktemp -d -p /dev/shm arm-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir "$work/tmp"
if ! "$root/bin/mvn-jdk" -q -B -pl runtime -am package -DskipTests >"$work/build.log" 2>&1; then
  { grep -E '^\[(ERROR|FATAL)\]' "$work/build.log" || tail -n 20 "$work/build.log"; } | head -n 20 >&2
  echo "arm-check.sh: the build failed; run 'bin/mvn-jdk -pl runtime -am package' to see why" >&2
  exit 1
fi
cp "$root"/engine/target/nowcast-engine-*-tests.jar "$work/engine-tests.jar"
cp "$(ls "$root"/engine/target/nowcast-engine-*.jar | grep -v -- '-tests.jar' | head -n 1)" "$work/engine.jar"
cp "$(ls "$root"/fixedpoint/target/nowcast-fixedpoint-*.jar | grep -v -- '-tests.jar' | head -n 1)" "$work/fixedpoint.jar"
cp "$(ls "$root"/runtime/target/nowcast-runtime-*.jar | grep -v -- '-tests.jar' | head -n 1)" "$work/runtime.jar"
cp -r "$root/runtime/target/lib" "$work/lib"
echo "arm-check.sh: built in $((SECONDS - start)) s"

# $1 = target, $2 = time limit (s), then the java arguments: runs the target's java under QEMU.
# The JVM's spawn helper is an ARM program that the host cannot start (no binfmt_misc needed
# here): FORK makes the JVM exec the demo's native mosquitto itself.
emulated_java() {
  local target=$1 limit=$2
  shift 2
  target_facts "$target"
  QEMU_CPU=$cpu timeout "$limit" "$qemu" -L / "$(jre "$arch")" -Djdk.lang.Process.launchMechanism=FORK \
    -Djava.io.tmpdir="$work/tmp" --add-modules jdk.incubator.vector "$@" 2>&1 | grep --line-buffered -vx 'WARNING: Using incubator modules: jdk.incubator.vector'
}

summary=()
failed=0
for target in "${targets[@]}"; do
  target_facts "$target"
  echo
  echo "== $target: $("$qemu" --version | head -n 1), QEMU_CPU=$cpu; $("$qemu" -L / "$(jre "$arch")" -version 2>&1 | sed -n 2p)"
  target_start=$SECONDS
  log=$work/$target-check.log
  start=$SECONDS
  if emulated_java "$target" "$check_timeout" -cp "$work/engine.jar:$work/fixedpoint.jar:$work/engine-tests.jar" \
      io.nowcast.engine.PlatformCheck "$warmup" "$runs" | tee "$log"; then
    check="passed"
  else
    check="FAILED ($(grep -c '^✘' "$log" || true) ✘; exit status or time limit of ${check_timeout} s)"
    failed=1
  fi
  check_seconds=$((SECONDS - start))
  echo "-- PlatformCheck: $check in $check_seconds s"

  log=$work/$target-demo.log
  start=$SECONDS
  emulated_java "$target" "$demo_timeout" -cp "$work/runtime.jar:$work/lib/*" io.nowcast.runtime.cli.NowcastCli \
    demo --forecasts 3 | tee "$log" || true
  shown=$(sed -n 's/^Shown \([0-9]*\) forecasts\.$/\1/p' "$log")
  if [ "${shown:-0}" -ge 3 ]; then
    demo="passed ($shown forecasts shown)"
  else
    demo="FAILED (${shown:-no 'Shown N forecasts.' line: time limit of $demo_timeout s, or it failed}${shown:+ forecasts shown})"
    failed=1
  fi
  echo "-- demo: $demo in $((SECONDS - start)) s"
  summary+=("$target ($cpu): PlatformCheck $check in $check_seconds s; demo $demo in $((SECONDS - start)) s; $((SECONDS - target_start)) s in all")
done

echo
echo "== summary ($(date -u +%Y-%m-%dT%H:%MZ))"
printf '%s\n' "${summary[@]}"
exit "$failed"
