# Sourced by the example scripts: reads [DATA_DIR OUT_DIR] from the front of the arguments.
#
#   example_dirs DEFAULT_DATA DEFAULT_OUT USAGE "$@"
#
# Sets data, out and taken (how many arguments it used: 0 or 2; the caller shifts them). Two
# leading arguments that are not options are DATA_DIR and OUT_DIR; none, or an option first, means
# the defaults; anything else prints USAGE and exits 2.
example_dirs() {
  local default_data=$1 default_out=$2 usage=$3
  shift 3
  if [ $# -ge 2 ] && [ "${1#-}" = "$1" ] && [ "${2#-}" = "$2" ]; then
    data=$1 out=$2 taken=2
  elif [ $# -eq 0 ] || [ "${1#-}" != "$1" ]; then
    data=$default_data out=$default_out taken=0
  else
    echo "usage: $usage" >&2
    exit 2
  fi
}
