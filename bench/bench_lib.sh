# Shared by the bench scripts (source it): timing a command several times and printing the median
# speed with peak memory.
#
# median_speed LABEL INPUT COMMAND...
#   Runs COMMAND $runs times (default 5) under /usr/bin/time and prints the median wall time, MB/s
#   and docs/s of INPUT (bytes and lines), and the largest peak RSS seen.
median_speed() {
  local label=$1 input=$2
  shift 2
  local bytes docs runs=${runs:-5} timing
  bytes=$(stat -c %s "$input")
  docs=$(wc -l <"$input")
  timing=$(mktemp)
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f "%e %M" -o "$timing" "$@" || { echo "failed: $*" >&2; return 1; }
    cat "$timing"
  done | sort -n | awk -v label="$label" -v bytes="$bytes" -v docs="$docs" -v runs="$runs" '
    { t[NR] = $1; m[NR] = $2 }
    END {
      mid = int((runs + 1) / 2); s = t[mid]; if (s <= 0) s = 0.001
      max = 0; for (i in m) if (m[i] > max) max = m[i]
      printf "%-40s %7.1f MB  %6.2f s  %7.1f MB/s  %9.0f docs/s  peak RSS %5.0f MB\n",
             label, bytes / 1e6, s, bytes / 1e6 / s, docs / s, max / 1024
    }'
  rm -f "$timing"
}
