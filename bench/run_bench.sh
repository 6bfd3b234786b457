#!/usr/bin/env bash
# winnow benchmark: `winnow count` and `winnow inspect --json` against DuckDB (Node, @duckdb/node-api)
# computing the same text-column statistics, on a >= 200 MB JSONL corpus; peak RSS at 200 MB and ~1 GB.
#
#   bash bench/run_bench.sh
#
# Everything generated (corpora, the Release build, node_modules, logs, results.md) goes to bench/.work/.
# Environment (all optional):
#   WINNOW_SHARED        the shared folder with tools/make_corpus.py (default: <repo>/../shared)
#   WINNOW_BIN           use this winnow binary instead of building one (must be a Release build)
#   WINNOW_BUILD_DIR     where to build winnow (default: bench/.work/build)
#   BENCH_RUNS           timed runs per tool on the 200 MB corpus (default: 5)
#   BENCH_THREADS        threads for winnow (--workers) and DuckDB (default: nproc)
#   BENCH_SIZE_MB        size of the main corpus (default: 200)
#   BENCH_BIG_COPIES     the big corpus is this many copies of the main one (default: 5, ~1.08 GB)
#   BENCH_DUCKDB_BIG=1   also run DuckDB once on the big corpus
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
SHARED="${WINNOW_SHARED:-$(dirname "$REPO")/shared}"
MAKE_CORPUS="$SHARED/tools/make_corpus.py"
WORK="$HERE/.work"
RUNS="${BENCH_RUNS:-5}"
THREADS="${BENCH_THREADS:-$(nproc)}"
SIZE_MB="${BENCH_SIZE_MB:-200}"
BIG_COPIES="${BENCH_BIG_COPIES:-5}"
DUCKDB_PKG="@duckdb/node-api"
DUCKDB_VERSION="1.5.6-r.1"   # pinned; benchmark peer only, not a project dependency
PART_MB=20                   # make_corpus.py's text pool holds ~16 MB of base documents: ~20 MB per run

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }

if [[ ! -f "$MAKE_CORPUS" ]]; then
  echo "[bench] $MAKE_CORPUS not found (set WINNOW_SHARED to the shared folder); skipping the benchmark."
  exit 0
fi
for tool in python3 node npm cmake; do
  command -v "$tool" >/dev/null || die "$tool is required"
done

mkdir -p "$WORK/logs" "$WORK/corpus/parts" "$WORK/runs"
LOGS="$WORK/logs"
RUNDIR="$WORK/runs"
rm -f "$RUNDIR"/*

# --- /usr/bin/time for peak RSS --------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
  log "installing GNU time (apt-get install time) for peak RSS"
  if [[ $(id -u) -eq 0 ]]; then
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y time; } >"$LOGS/apt.log" 2>&1 || true
  else
    { sudo -n apt-get update && sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y time; } >"$LOGS/apt.log" 2>&1 || true
  fi
fi
HAVE_TIME=0
[[ -x /usr/bin/time ]] && HAVE_TIME=1
[[ $HAVE_TIME -eq 1 ]] || log "no /usr/bin/time: peak RSS will not be measured"

# --- 1. winnow Release build -----------------------------------------------------------------------------
if [[ -n "${WINNOW_BIN:-}" ]]; then
  BIN="$WINNOW_BIN"
  [[ -x "$BIN" ]] || die "WINNOW_BIN=$BIN is not executable"
  BUILD_TYPE="(given binary)"
else
  BUILD_DIR="${WINNOW_BUILD_DIR:-$WORK/build}"
  log "building winnow (Release) in $BUILD_DIR"
  GEN=()
  command -v ninja >/dev/null && GEN=(-G Ninja)
  if ! { cmake -S "$REPO" -B "$BUILD_DIR" "${GEN[@]}" -DCMAKE_BUILD_TYPE=Release \
           -DWINNOW_BUILD_TESTS=OFF -DWINNOW_BUILD_FUZZ=OFF \
         && cmake --build "$BUILD_DIR" --target winnow -j"$(nproc)"; } >"$LOGS/build.log" 2>&1; then
    tail -n 30 "$LOGS/build.log" >&2
    die "build failed (full log: $LOGS/build.log)"
  fi
  BIN="$BUILD_DIR/winnow"
  BUILD_TYPE="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt")"
  [[ "$BUILD_TYPE" == "Release" ]] || die "build dir $BUILD_DIR is configured as '$BUILD_TYPE', not Release"
fi

# --- 2. corpora ------------------------------------------------------------------------------------------
filesize() { stat -c %s "$1"; }
MAIN="$WORK/corpus/corpus-${SIZE_MB}mb.jsonl"
BIG="$WORK/corpus/corpus-${SIZE_MB}mb-x${BIG_COPIES}.jsonl"
MIN_MAIN=$((SIZE_MB * 1000000))

if [[ -f "$MAIN" && $(filesize "$MAIN") -ge $MIN_MAIN ]]; then
  log "reusing $MAIN ($(filesize "$MAIN") bytes)"
else
  # Independent make_corpus.py runs (seeds 1, 2, ...), ~20 MB each, ids prefixed with the seed so that they
  # stay unique after concatenation. Each run has its own planted exact and near duplicates; runs draw from
  # the same text pool, so documents also recur across runs (more duplicates, as in scraped data).
  nparts=$(( (SIZE_MB + 18) / 19 ))
  log "generating $nparts x ~${PART_MB} MB with make_corpus.py (seeds 1..$nparts; a few minutes, once)"
  gen_part() {  # seed
    local seed out
    seed=$1
    out="$WORK/corpus/parts/part-$(printf '%02d' "$seed").jsonl"
    [[ -s "$out" ]] && return 0
    python3 "$MAKE_CORPUS" --out "$out.tmp-gen" --size-mb "$PART_MB" --seed "$seed" \
      >"$LOGS/make_corpus-$seed.log" 2>&1 || { echo "make_corpus.py failed for seed $seed (see $LOGS)" >&2; return 1; }
    mv "$out.tmp-gen.summary.json" "$out.summary.json"
    mv "$out.tmp-gen.truth.jsonl" "$out.truth.jsonl"
    mv "$out.tmp-gen" "$out"
  }
  export -f gen_part
  export WORK MAKE_CORPUS PART_MB LOGS
  seq 1 "$nparts" | xargs -P "$(nproc)" -I{} bash -c 'gen_part {}' || die "corpus generation failed"
  seed=$nparts
  while :; do
    total=0
    for s in $(seq 1 "$seed"); do total=$((total + $(filesize "$WORK/corpus/parts/part-$(printf '%02d' "$s").jsonl"))); done
    [[ $total -ge $MIN_MAIN ]] && break
    seed=$((seed + 1)); gen_part "$seed" || die "corpus generation failed"
  done
  : >"$MAIN.tmp-cat"
  for s in $(seq 1 "$seed"); do
    p="$WORK/corpus/parts/part-$(printf '%02d' "$s").jsonl"
    # {"id": "d0000001", ...} -> {"id": "s01-d0000001", ...}; every line starts that way (checked below)
    sed "s/^{\"id\": \"/{\"id\": \"s$(printf '%02d' "$s")-/" "$p" >>"$MAIN.tmp-cat"
  done
  [[ $(grep -c . "$MAIN.tmp-cat") -eq $(grep -c '^{"id": "s[0-9][0-9]-d' "$MAIN.tmp-cat") ]] \
    || die "unexpected line layout in make_corpus.py output"
  mv "$MAIN.tmp-cat" "$MAIN"
  log "wrote $MAIN ($(filesize "$MAIN") bytes)"
fi

if [[ -f "$BIG" && "$BIG" -nt "$MAIN" && $(filesize "$BIG") -ge $(( $(filesize "$MAIN") * BIG_COPIES )) ]]; then
  log "reusing $BIG ($(filesize "$BIG") bytes)"
else
  log "writing $BIG ($BIG_COPIES copies of the main corpus, ids prefixed r1-..r$BIG_COPIES-)"
  : >"$BIG.tmp-cat"
  for r in $(seq 1 "$BIG_COPIES"); do
    sed "s/^{\"id\": \"/{\"id\": \"r$r-/" "$MAIN" >>"$BIG.tmp-cat"
  done
  mv "$BIG.tmp-cat" "$BIG"
fi

# --- 3. DuckDB for Node ----------------------------------------------------------------------------------
NODE_DIR="$WORK/node"
installed_version() {
  node -e "try{console.log(require('$NODE_DIR/node_modules/@duckdb/node-api/package.json').version)}catch(e){}" 2>/dev/null || true
}
if [[ "$(installed_version)" != "$DUCKDB_VERSION" ]]; then
  log "installing $DUCKDB_PKG@$DUCKDB_VERSION into $NODE_DIR"
  mkdir -p "$NODE_DIR"
  [[ -f "$NODE_DIR/package.json" ]] || echo '{"name":"winnow-bench-peers","private":true}' >"$NODE_DIR/package.json"
  (cd "$NODE_DIR" && npm install --no-audit --no-fund --save-exact "$DUCKDB_PKG@$DUCKDB_VERSION") \
    >"$LOGS/npm.log" 2>&1 || { tail -n 20 "$LOGS/npm.log" >&2; die "npm install failed (log: $LOGS/npm.log)"; }
fi
export WINNOW_BENCH_NODE_DIR="$NODE_DIR"

# --- 4. timed runs ---------------------------------------------------------------------------------------
now_ns() { date +%s%N; }

# run_one NAME RUN FILE CMD...: stdout -> runs/NAME-RUN.out; appends "NAME RUN seconds rss_kb" to runs/times.tsv
run_one() {
  local name=$1 run=$2 file=$3; shift 3
  local out="$RUNDIR/$name-$run.out" tv="$RUNDIR/$name-$run.time" t0 t1 rss=NA cpu=NA
  t0=$(now_ns)
  if [[ $HAVE_TIME -eq 1 ]]; then
    /usr/bin/time -v -o "$tv" "$@" >"$out" 2>"$RUNDIR/$name-$run.err" \
      || { cat "$RUNDIR/$name-$run.err" >&2; die "$name failed on $file"; }
  else
    "$@" >"$out" 2>"$RUNDIR/$name-$run.err" || { cat "$RUNDIR/$name-$run.err" >&2; die "$name failed on $file"; }
  fi
  t1=$(now_ns)
  if [[ $HAVE_TIME -eq 1 ]]; then
    rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$tv")
    cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ {s += $2} END {print s}' "$tv")
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$run" "$(( t1 - t0 ))" "$rss" "$file" "$cpu" >>"$RUNDIR/times.tsv"
}

W=(--workers "$THREADS" -q)
log "warming the page cache and each tool once (not timed)"
cat "$MAIN" >/dev/null
run_one count warmup "$MAIN" "$BIN" count "${W[@]}" "$MAIN"
run_one inspect warmup "$MAIN" "$BIN" inspect "${W[@]}" --json "$MAIN"
run_one duckdb warmup "$MAIN" node "$HERE/duckdb_stats.mjs" "$MAIN" --threads "$THREADS"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
log "timing: $RUNS rounds of winnow count, winnow inspect --json, DuckDB on $(basename "$MAIN")"
for i in $(seq 1 "$RUNS"); do
  run_one count "$i" "$MAIN" "$BIN" count "${W[@]}" "$MAIN"
  run_one inspect "$i" "$MAIN" "$BIN" inspect "${W[@]}" --json "$MAIN"
  run_one duckdb "$i" "$MAIN" node "$HERE/duckdb_stats.mjs" "$MAIN" --threads "$THREADS"
done

LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
log "memory flatness: winnow on $(basename "$BIG") ($(filesize "$BIG") bytes)"
cat "$BIG" >/dev/null
run_one count-big 1 "$BIG" "$BIN" count "${W[@]}" "$BIG"
run_one inspect-big 1 "$BIG" "$BIN" inspect "${W[@]}" --json "$BIG"
# where inspect's memory goes: the same without exact-duplicate counting
run_one inspect-nodup 1 "$MAIN" "$BIN" inspect "${W[@]}" --json --no-duplicates "$MAIN"
run_one inspect-nodup-big 1 "$BIG" "$BIN" inspect "${W[@]}" --json --no-duplicates "$BIG"
if [[ "${BENCH_DUCKDB_BIG:-0}" == 1 ]]; then
  run_one duckdb-big 1 "$BIG" node "$HERE/duckdb_stats.mjs" "$BIG" --threads "$THREADS"
fi

# --- 5. report -------------------------------------------------------------------------------------------
{
  echo "cpu=$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n1)"
  echo "nproc=$(nproc)"
  echo "mem=$(free -g | awk '/^Mem:/{print $2 " GiB"}')"
  # shellcheck disable=SC1091
  echo "os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"
  echo "winnow=$("$BIN" --version 2>/dev/null | head -n1)"
  echo "commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null)$(git -C "$REPO" diff --quiet HEAD 2>/dev/null || echo ' (+ uncommitted changes)')"
  echo "build_type=$BUILD_TYPE"
  cxx=""
  [[ -n "${BUILD_DIR:-}" ]] && cxx="$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt" | head -n1)"
  echo "compiler=$([[ -n "$cxx" ]] && "$cxx" --version 2>/dev/null | head -n1 || echo unknown)"
  echo "node=$(node --version)"
  echo "duckdb_pkg=$DUCKDB_PKG@$DUCKDB_VERSION"
  echo "threads=$THREADS"
  echo "load=$LOAD_BEFORE before the timed runs, $LOAD_AFTER after"
  echo "runs=$RUNS"
  echo "main=$MAIN"
  echo "big=$BIG"
  echo "big_copies=$BIG_COPIES"
} >"$RUNDIR/env.txt"

status=0
python3 - "$RUNDIR" "$WORK/results.md" <<'PY' || status=$?
import json, os, statistics, sys

rundir, results_md = sys.argv[1], sys.argv[2]
env = dict(line.rstrip("\n").split("=", 1) for line in open(os.path.join(rundir, "env.txt")) if "=" in line)
runs = {}
for line in open(os.path.join(rundir, "times.tsv")):
    name, run, ns, rss, path, cpu = line.rstrip("\n").split("\t")
    runs.setdefault(name, []).append({"run": run, "s": int(ns) / 1e9, "rss_kb": None if rss == "NA" else int(rss),
                                      "cpu": None if cpu == "NA" else float(cpu), "path": path})

def out(name, run):
    return open(os.path.join(rundir, f"{name}-{run}.out"), encoding="utf-8").read()

def rel(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-300)
timed = lambda name: [r for r in runs.get(name, []) if r["run"] != "warmup"]
main_path, big_path = env["main"], env["big"]
main_bytes, big_bytes = os.path.getsize(main_path), os.path.getsize(big_path)

problems, notes = [], []
def check(what, w, d, tol=0.0):
    ok = (w == d) if tol == 0 else (w is not None and d is not None and rel(w, d) <= tol)
    if not ok:
        problems.append(f"MISMATCH {what}: winnow={w!r} duckdb={d!r}" + (f" (rel diff {rel(w, d):.3g}, tol {tol})" if tol and w is not None and d is not None else ""))
    return ok

# --- outputs of every timed run must agree with each other -------------------------------------------
counts = {int(out("count", r["run"]).strip()) for r in timed("count") + runs["count"][:1]}
if len(counts) != 1:
    problems.append(f"MISMATCH winnow count differs between runs: {sorted(counts)}")
rows_w = min(counts)
duck = [json.loads(out("duckdb", r["run"]).strip().splitlines()[-1]) for r in timed("duckdb")]
d = duck[-1]
for other in duck[:-1]:
    for k in ("rows", "len_min", "len_max", "len_mean", "len_median", "len_std", "distinct"):
        # DuckDB's parallel aggregation may change the last bits of avg/stddev between runs
        if (other[k] != d[k]) if k not in ("len_mean", "len_std") else rel(other[k], d[k]) > 1e-12:
            problems.append(f"MISMATCH DuckDB {k} differs between runs: {other[k]} vs {d[k]}")
inspects = [json.loads(out("inspect", r["run"])) for r in timed("inspect")]
def text_col(profile):
    for c in profile["columns"]:
        if c["path"] == "text":
            return c
    raise SystemExit("inspect output has no 'text' column")
p = inspects[-1]
tc = text_col(p)
tl = tc["text_length"]
for other in inspects[:-1]:
    if text_col(other)["text_length"] != tl or other["rows"] != p["rows"]:
        problems.append("MISMATCH winnow inspect output differs between runs")

# --- winnow vs DuckDB on the main corpus -------------------------------------------------------------
check("rows (winnow count vs DuckDB count(*))", rows_w, d["rows"])
check("rows (winnow inspect vs DuckDB count(*))", p["rows"], d["rows"])
if p.get("bad_records"):
    problems.append(f"MISMATCH winnow inspect reports {p['bad_records']} bad records")
check("text length count (inspect vs DuckDB count(*))", tl["count"], d["rows"])
check("text length min", tl["min"], d["len_min"])
check("text length max", tl["max"], d["len_max"])
check("text length mean", tl["mean"], d["len_mean"], 1e-6)
if tl.get("approximate"):
    notes.append(f"winnow's median is approximate (sampled): winnow={tl['median']} duckdb={d['len_median']}")
else:
    check("text length median", tl["median"], d["len_median"], 1e-6)
check("text length std (population)", tl["std"], d["len_std"], 1e-6)
dist_w = tc["distinct_strings"]
dist_note = (f"distinct text: winnow {dist_w}{' (HyperLogLog estimate)' if tc.get('distinct_is_estimate') else ''}, "
             f"DuckDB {d['distinct']} (exact), difference {100 * (dist_w - d['distinct']) / d['distinct']:+.2f}%")
notes.append(dist_note)
if tc.get("distinct_is_estimate") and rel(dist_w, d["distinct"]) > 0.05:
    problems.append("MISMATCH " + dist_note + " (more than 5% off)")
elif not tc.get("distinct_is_estimate"):
    check("distinct text", dist_w, d["distinct"])

# --- big corpus = BIG_COPIES x main: the same text statistics, BIG_COPIES x the rows -------------------
k = int(env["big_copies"])
rows_big = int(out("count-big", "1").strip())
check(f"big corpus rows (winnow count) = {k} x main rows", rows_big, k * d["rows"])
pb = json.loads(out("inspect-big", "1"))
tb = text_col(pb)
check(f"big corpus inspect rows = {k} x main rows", pb["rows"], k * d["rows"])
for key in ("min", "max"):
    check(f"big corpus text length {key} = main's", tb["text_length"][key], d[f"len_{key}"])
for key in ("mean", "std"):
    check(f"big corpus text length {key} = main's", tb["text_length"][key], d[f"len_{key}"], 1e-6)
if tb["text_length"].get("approximate"):
    notes.append(f"big corpus median approximate (sampled): {tb['text_length']['median']} vs exact {d['len_median']}")
else:
    check("big corpus text length median = main's", tb["text_length"]["median"], d["len_median"], 1e-6)
if "duckdb-big" in runs:
    db = json.loads(out("duckdb-big", "1").strip().splitlines()[-1])
    check("big corpus rows (DuckDB)", db["rows"], k * d["rows"])

# --- tables ------------------------------------------------------------------------------------------
def summ(name):
    xs = sorted(r["s"] for r in timed(name))
    return statistics.median(xs), xs[0], xs[-1]
def rss_mib(name):
    v = [r["rss_kb"] for r in runs.get(name, []) if r["rss_kb"] is not None]
    return max(v) / 1024 if v else None
fmt_rss = lambda x: "n/a" if x is None else f"{x:.0f}"

duck_query = statistics.median(x["query_s"] for x in duck)
duck_q_min, duck_q_max = min(x["query_s"] for x in duck), max(x["query_s"] for x in duck)
duck_open = statistics.median(x["open_s"] for x in duck)
duck_proc, duck_proc_min, duck_proc_max = summ("duckdb")
mb = main_bytes / 1e6
rows = d["rows"]

lines = []
P = lines.append
P(f"Corpus: `{os.path.basename(main_path)}`, {main_bytes:,} bytes ({mb:.1f} MB), {rows:,} records "
  f"(JSONL `{{\"id\", \"text\"}}`, make_corpus.py seeds 1..N concatenated). "
  f"Median of {len(timed('count'))} runs (min–max), warm page cache, {env['threads']} threads.")
P("")
def cpu_med(name):
    v = [r["cpu"] for r in timed(name) if r["cpu"] is not None]
    return f"{statistics.median(v):.2f}" if v else "n/a"
P("| tool | seconds (median) | min–max | MB/s | rows/s | DuckDB query time / this | CPU s (user+sys, process) |")
P("|---|---:|---:|---:|---:|---:|---:|")
def row(label, med, lo, hi, cpu):
    P(f"| {label} | {med:.3f} | {lo:.3f}–{hi:.3f} | {mb / med:,.0f} | {rows / med:,.0f} | {duck_query / med:.2f}× | {cpu} |")
row("`winnow count`", *summ("count"), cpu_med("count"))
row("`winnow inspect --json` (full profile)", *summ("inspect"), cpu_med("inspect"))
row("DuckDB query (`read_json_auto` + stats)", duck_query, duck_q_min, duck_q_max, "")
row("DuckDB whole process (node start, open, query)", duck_proc, duck_proc_min, duck_proc_max, cpu_med("duckdb"))
P("")
P(f"DuckDB open + connect (not in the query time): {duck_open:.3f} s median. "
  f"\"DuckDB query time / this\" > 1 means faster than the DuckDB query. CPU seconds are per process "
  f"(DuckDB's include Node's start-up), median over the timed runs; they are less sensitive to other load than wall time.")
P("")
P("Peak RSS (`/usr/bin/time -v`, max over runs):")
P("")
P("| input | bytes | `count` MiB | `inspect --json` MiB | `inspect --no-duplicates` MiB | count s | inspect s | count MB/s | inspect MB/s |")
P("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
cm, im = summ("count")[0], summ("inspect")[0]
P(f"| {os.path.basename(main_path)} | {main_bytes:,} | {fmt_rss(rss_mib('count'))} | {fmt_rss(rss_mib('inspect'))} | "
  f"{fmt_rss(rss_mib('inspect-nodup'))} | {cm:.3f} | {im:.3f} | {mb / cm:,.0f} | {mb / im:,.0f} |")
cb, ib = runs["count-big"][0]["s"], runs["inspect-big"][0]["s"]
P(f"| {os.path.basename(big_path)} | {big_bytes:,} | {fmt_rss(rss_mib('count-big'))} | {fmt_rss(rss_mib('inspect-big'))} | "
  f"{fmt_rss(rss_mib('inspect-nodup-big'))} | {cb:.3f} | {ib:.3f} | {big_bytes / 1e6 / cb:,.0f} | {big_bytes / 1e6 / ib:,.0f} |")
P("")
P("Times at 200 MB are medians; the big corpus and `--no-duplicates` are run once.")
P("")
P(f"DuckDB process peak RSS on the main corpus (node + DuckDB): {fmt_rss(rss_mib('duckdb'))} MiB"
  + (f"; on the big corpus: {fmt_rss(rss_mib('duckdb-big'))} MiB, {runs['duckdb-big'][0]['s']:.2f} s." if "duckdb-big" in runs else "."))
P("")
P("Text-column statistics (code points), winnow inspect vs DuckDB:")
P("")
P("| statistic | winnow | DuckDB |")
P("|---|---:|---:|")
P(f"| rows | {rows_w} (count), {p['rows']} (inspect) | {d['rows']} |")
for key in ("min", "max", "mean", "median", "std"):
    P(f"| length {key} | {tl[key]!r} | {d['len_' + key]!r} |")
P(f"| distinct text | {dist_w}{' (estimate)' if tc.get('distinct_is_estimate') else ''} | {d['distinct']} |")
P("")
P("Checks: " + ("all agree." if not problems else f"{len(problems)} MISMATCH(ES):"))
for x in problems:
    P(f"- {x}")
for x in notes:
    P(f"- note: {x}")
P("")
P(f"Machine: {env['cpu']}, {env['nproc']} cores, {env['mem']} RAM, {env['os']}. "
  f"Load average (1/5/15 min): {env['load']} (other processes share the cores; high load inflates times). "
  f"{env['winnow']} ({env['build_type']}, {env['compiler']}) at {env['commit']}; "
  f"Node {env['node']}, {env['duckdb_pkg']} (DuckDB {d.get('duckdb_version')}, {d.get('threads')} threads).")
P("")
P("Commands: `winnow count --workers T -q FILE`, `winnow inspect --workers T -q --json FILE`, "
  "`node bench/duckdb_stats.mjs FILE --threads T`.")

md = "\n".join(lines) + "\n"
with open(results_md, "w", encoding="utf-8") as f:
    f.write("# winnow benchmark results\n\n" + md)
print(md)
for x in problems:
    print(x, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
log "results written to $WORK/results.md"
exit $status
