# Sourced by the scripts in bin/: finds a JDK >= 21 and a Maven to build with.
# Order: $JAVA_HOME, the java on PATH, then /usr/lib/jvm/*. Sets NOWCAST_JAVA_HOME or exits 1
# with one line that says what is missing.

nowcast_java_major() { # $1 = a java executable; prints its feature version (17, 21, 25, ...)
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

nowcast_find_jdk() {
  local candidates=() home java major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  java=$(command -v java 2>/dev/null) && candidates+=("$(dirname "$(dirname "$(readlink -f "$java")")")")
  for home in /usr/lib/jvm/*; do [ -d "$home" ] && candidates+=("$home"); done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    major=$(nowcast_java_major "$home/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      NOWCAST_JAVA_HOME=$home
      # Maven's own libraries warn about sun.misc.Unsafe on JDK 24+; that noise is not ours.
      [ "$major" -ge 24 ] && export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
      return 0
    fi
  done
  echo "nowcast: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*); install one (Debian 13 / Ubuntu 24.04: 'apt-get install openjdk-21-jdk-headless'; Debian 12: Temurin 21 from adoptium.net) or set JAVA_HOME" >&2
  exit 1
}

nowcast_require_maven() {
  command -v mvn >/dev/null 2>&1 && return 0
  echo "nowcast: Maven (mvn) is needed to build from source; install it with 'apt-get install maven'" >&2
  exit 1
}

# Builds MODULE (and what it needs) unless its jar is newer than every source and pom.
# Maven's output is shown only when the build fails, on stderr: a launcher's stdout stays the command's own.
nowcast_build_if_stale() { # $1 = repository root, $2 = module folder, $3 = artifactId
  local root=$1 module=$2 artifact=$3 jar
  nowcast_require_maven
  (
    flock 9
    jar=$(ls "$root/$module/target/$artifact"-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -n 1 || true)
    if [ -n "$jar" ] && [ -z "$(find "$root" -path '*/target' -prune -o -path "$root/.git" -prune -o \
          \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -type f -newer "$jar" -print -quit)" ]; then
      exit 0
    fi
    echo "nowcast: building $module (first run, or sources changed)..." >&2
    log=$(mktemp)
    if ! JAVA_HOME=$NOWCAST_JAVA_HOME mvn -q -B -f "$root/pom.xml" -DskipTests -pl "$module" -am package >"$log" 2>&1; then
      grep -E '^\[(ERROR|FATAL)\]' "$log" | head -n 20 >&2
      rm -f "$log"
      echo "nowcast: build failed; run 'bin/mvn21 -pl $module -am package' to see why" >&2
      exit 1
    fi
    rm -f "$log"
  ) 9>"$root/.build.lock"
}
