#!/usr/bin/env bash
# Builds deploy/target/nowcast_<version>_all.deb from a built clone:
#   bin/mvn-jdk -B -pl runtime -am package -DskipTests && deploy/build-deb.sh
# The tree is what install.sh installs (ROOT=staging); the package scripts add the user, write
# the unit's data-directory drop-in (`nowcast unit-data-dir`; postrm removes it on purge) and
# reload systemd. Install on the station with: sudo apt-get install ./nowcast_<version>_all.deb
set -euo pipefail
src=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
jar=$(ls "$src"/runtime/target/nowcast-runtime-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -n 1 || true)
if [ -z "$jar" ]; then
  echo "build-deb.sh: build first: bin/mvn-jdk -B -pl runtime -am package -DskipTests" >&2
  exit 1
fi
version=$(basename "$jar" .jar | sed 's/^nowcast-runtime-//; s/-SNAPSHOT/~snapshot/')
out=$src/deploy/target
stage=$out/nowcast_${version}_all
rm -rf "$stage"
mkdir -p "$stage/DEBIAN"
ROOT=$stage "$src/deploy/install.sh" >/dev/null
# The unit's SupplementaryGroups must exist where it runs; postinst adds what the machine has.
sed -i '/^SupplementaryGroups=/d' "$stage/etc/systemd/system/nowcast.service"
mkdir -p "$stage/lib/systemd/system"
mv "$stage/etc/systemd/system/nowcast.service" "$stage/lib/systemd/system/nowcast.service"
rm -r "$stage/etc/systemd"
sed "s/@VERSION@/$version/" "$src/deploy/debian/control.in" > "$stage/DEBIAN/control"
install -m 0755 "$src/deploy/debian/postinst" "$src/deploy/debian/prerm" "$src/deploy/debian/postrm" "$stage/DEBIAN/"
install -m 0644 "$src/deploy/debian/conffiles" "$stage/DEBIAN/"
fakeroot dpkg-deb --build -Zxz "$stage" "$out/nowcast_${version}_all.deb" >/dev/null
rm -rf "$stage"
echo "$out/nowcast_${version}_all.deb"
