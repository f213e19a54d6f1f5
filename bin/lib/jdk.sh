# Sourced by the scripts in bin/ and bench/run.sh: finds a JDK >= 17 and a Maven to build with.
#   nowcast_find_jdk      $JAVA_HOME when it is set (then it must be a JDK >= 17), else the java on
#                         PATH when it is one, else the newest JDK >= 17 under /usr/lib/jvm.
#   nowcast_find_newest_jdk  the newest JDK >= 17 of all of those.
# A JDK is a folder with bin/java and bin/javac (the launchers build from source). Each sets
# NOWCAST_JAVA_HOME and NOWCAST_JAVA_MAJOR, or exits 1 with one line that says what is missing.

NOWCAST_MIN_JAVA=17

nowcast_java_major() { # $1 = a java executable; prints its feature version (17, 21, 25, ...)
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

nowcast_jdk_verdict() { # $1 = a folder; prints its feature version if it is a JDK >= 17, else why it is not
  local major
  [ -x "$1/bin/java" ] || { echo "no bin/java"; return; }
  [ -x "$1/bin/javac" ] || { echo "a JRE, no bin/javac"; return; }
  major=$(nowcast_java_major "$1/bin/java")
  [ -n "$major" ] || { echo "bin/java does not run"; return; }
  [ "$major" -ge "$NOWCAST_MIN_JAVA" ] || { echo "Java $major"; return; }
  echo "$major"
}

nowcast_use_jdk() { # $1 = home, $2 = its feature version
  NOWCAST_JAVA_HOME=$1
  NOWCAST_JAVA_MAJOR=$2
  # Maven's own libraries warn about sun.misc.Unsafe on JDK 24+; that noise is not ours.
  if [ "$2" -ge 24 ]; then export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; fi
}

nowcast_missing_jdk() { # $1 = what was looked at and found; exits
  echo "nowcast: no JDK $NOWCAST_MIN_JAVA or newer found ($1); install one ('apt-get install openjdk-17-jdk-headless' on Raspberry Pi OS bookworm or Debian 12, or any newer openjdk-NN-jdk-headless) or set JAVA_HOME to one" >&2
  exit 1
}

# The newest JDK >= 17 among $1... (folders); NOWCAST_JAVA_HOME stays empty when there is none,
# and NOWCAST_REJECTED lists the others as "folder (why not)".
nowcast_pick_newest() {
  local home verdict best=0
  NOWCAST_JAVA_HOME=
  NOWCAST_REJECTED=
  for home in "$@"; do
    [ -d "$home" ] || continue
    verdict=$(nowcast_jdk_verdict "$home")
    case $verdict in
      ''|*[!0-9]*) NOWCAST_REJECTED+="${NOWCAST_REJECTED:+, }$home ($verdict)" ;;
      *) if [ "$verdict" -gt "$best" ]; then best=$verdict; nowcast_use_jdk "$home" "$verdict"; fi ;;
    esac
  done
}

nowcast_path_jdk() { # prints the home of the java on PATH, if there is one
  local java
  java=$(command -v java 2>/dev/null) && dirname "$(dirname "$(readlink -f "$java")")"
}

nowcast_find_jdk() {
  local verdict path_home on_path="none"
  if [ -n "${JAVA_HOME:-}" ]; then
    verdict=$(nowcast_jdk_verdict "$JAVA_HOME")
    case $verdict in
      ''|*[!0-9]*) echo "nowcast: JAVA_HOME=$JAVA_HOME is not a JDK $NOWCAST_MIN_JAVA or newer ($verdict); point it at one, or unset it to let the scripts look on PATH and in /usr/lib/jvm" >&2
                   exit 1 ;;
    esac
    nowcast_use_jdk "$JAVA_HOME" "$verdict"
    return 0
  fi
  path_home=$(nowcast_path_jdk || true)
  if [ -n "$path_home" ]; then
    nowcast_pick_newest "$path_home"
    [ -n "$NOWCAST_JAVA_HOME" ] && return 0
    on_path=$NOWCAST_REJECTED
  fi
  nowcast_pick_newest /usr/lib/jvm/*
  [ -n "$NOWCAST_JAVA_HOME" ] && return 0
  nowcast_missing_jdk "JAVA_HOME unset; java on PATH: $on_path; /usr/lib/jvm: ${NOWCAST_REJECTED:-nothing}"
}

nowcast_find_newest_jdk() {
  nowcast_pick_newest ${JAVA_HOME:+"$JAVA_HOME"} "$(nowcast_path_jdk || true)" /usr/lib/jvm/*
  [ -n "$NOWCAST_JAVA_HOME" ] && return 0
  nowcast_missing_jdk "JAVA_HOME, java on PATH and /usr/lib/jvm: ${NOWCAST_REJECTED:-nothing there}"
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
      { grep -E '^\[(ERROR|FATAL)\]' "$log" || tail -n 20 "$log"; } | head -n 20 >&2
      rm -f "$log"
      echo "nowcast: build failed; run 'bin/mvn-jdk -pl $module -am package' to see why" >&2
      exit 1
    fi
    rm -f "$log"
  ) 9>"$root/.build.lock"
}
