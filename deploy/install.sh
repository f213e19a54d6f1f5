#!/usr/bin/env bash
# Installs or upgrades a Nowcast station from a built clone (run as root on the station):
#   bin/mvn-jdk -B -pl runtime -am package -DskipTests && sudo deploy/install.sh
# Installs /opt/nowcast/{bin,lib,docs}, the user nowcast, /etc/nowcast/station.conf (only when
# absent), the systemd unit and, for a station.data_dir outside /var/lib/nowcast, the unit's drop-in
# nowcast.service.d/data-dir.conf (`nowcast unit-data-dir`, docs/deploy.md). An upgrade replaces
# the jars and the unit, keeps the configuration and /var/lib/nowcast (outbox, seq, history),
# and restarts a running station.
# ROOT=/some/dir installs under that directory instead of / and skips useradd and systemctl
# (for packaging and for the tests).
set -euo pipefail
src=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
root=${ROOT:-}
opt=$root/opt/nowcast
jar=$(ls "$src"/runtime/target/nowcast-runtime-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -n 1 || true)
if [ -z "$jar" ] || [ ! -d "$src/runtime/target/lib" ]; then
  echo "install.sh: build first: bin/mvn-jdk -B -pl runtime -am package -DskipTests" >&2
  exit 1
fi
if [ -z "$root" ] && [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: run as root (sudo deploy/install.sh)" >&2
  exit 1
fi

# Jars: into a fresh folder, then swapped in, so that a failed copy leaves the old version.
install -d "$opt/bin" "$opt/docs"
rm -rf "$opt/lib.new"
install -d "$opt/lib.new"
install -m 0644 "$jar" "$src"/runtime/target/lib/*.jar "$opt/lib.new/"
rm -rf "$opt/lib.old"
[ -d "$opt/lib" ] && mv "$opt/lib" "$opt/lib.old"
mv "$opt/lib.new" "$opt/lib"
rm -rf "$opt/lib.old"
install -m 0755 "$src/deploy/nowcast" "$opt/bin/nowcast"
install -m 0644 "$src"/docs/*.md "$opt/docs/"

install -d -m 0755 "$root/etc/nowcast"
if [ ! -e "$root/etc/nowcast/station.conf" ]; then
  install -m 0640 "$src/deploy/station.conf" "$root/etc/nowcast/station.conf"
  echo "install.sh: wrote $root/etc/nowcast/station.conf: set station.id, model.file, mqtt.broker and the sensors"
else
  echo "install.sh: kept $root/etc/nowcast/station.conf"
fi
install -d "$root/etc/systemd/system"
install -m 0644 "$src/deploy/nowcast.service" "$root/etc/systemd/system/nowcast.service"

if [ -n "$root" ]; then
  echo "install.sh: installed under $root (no user, no systemctl)"
  exit 0
fi
id nowcast >/dev/null 2>&1 || useradd --system --home-dir /var/lib/nowcast --shell /usr/sbin/nologin nowcast
for g in i2c gpio; do
  if getent group "$g" >/dev/null; then usermod -a -G "$g" nowcast; fi
done
# Groups the unit names but this machine lacks would stop systemd from starting it.
present=$(for g in i2c gpio; do getent group "$g" >/dev/null && printf '%s ' "$g"; done)
sed -i "s/^SupplementaryGroups=.*/SupplementaryGroups=${present% }/" /etc/systemd/system/nowcast.service
[ -z "${present// }" ] && sed -i '/^SupplementaryGroups=$/d' /etc/systemd/system/nowcast.service
chgrp nowcast /etc/nowcast/station.conf
# The sandbox lets the station write only its data directory: make it follow station.data_dir.
"$opt/bin/nowcast" unit-data-dir --config /etc/nowcast/station.conf \
  || echo "install.sh: fix station.data_dir in /etc/nowcast/station.conf, then: $opt/bin/nowcast unit-data-dir" >&2
systemctl daemon-reload
if systemctl is-active --quiet nowcast; then
  # --no-block: the unit starts only once the clock is synchronized; an upgrade must not hang on that.
  systemctl restart --no-block nowcast
  echo "install.sh: upgraded; nowcast is restarting (undelivered messages were kept in the outbox): journalctl -u nowcast -f"
else
  echo "install.sh: installed. Edit /etc/nowcast/station.conf, copy the model, then: systemctl enable --now nowcast"
fi
