// Benchmark peer: the column statistics that `winnow inspect` reports for the text column, computed by DuckDB.
//
//   node bench/duckdb_stats.mjs FILE [--threads N] [--column text]
//
// Prints one JSON line: {"open_s", "query_s", "rows", "len_min", "len_max", "len_mean", "len_median",
// "len_std", "distinct", "duckdb_version", "threads"}.
// Only the query is timed as query_s (read_json_auto + aggregation, result materialised); opening the
// in-memory database and connecting is reported separately as open_s.
//
// @duckdb/node-api is resolved from bench/.work/node (installed by bench/run_bench.sh); override the
// directory with WINNOW_BENCH_NODE_DIR. It is a benchmark peer, not a project dependency.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const here = path.dirname(fileURLToPath(import.meta.url));
const nodeDir = process.env.WINNOW_BENCH_NODE_DIR || path.join(here, '.work', 'node');
const require = createRequire(path.join(nodeDir, 'package.json'));
const { DuckDBInstance } = await import(pathToFileURL(require.resolve('@duckdb/node-api')).href);

const args = process.argv.slice(2);
let file = null;
let threads = null;
let column = 'text';
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--threads') threads = args[++i];
  else if (args[i] === '--column') column = args[++i];
  else if (file === null) file = args[i];
  else { console.error(`unexpected argument: ${args[i]}`); process.exit(2); }
}
if (!file) { console.error('usage: duckdb_stats.mjs FILE [--threads N] [--column text]'); process.exit(2); }

const sqlStr = (s) => `'${String(s).replaceAll("'", "''")}'`;
const ident = (s) => `"${String(s).replaceAll('"', '""')}"`;
const col = ident(column);

const t0 = performance.now();
const options = threads ? { threads: String(threads) } : {};
const instance = await DuckDBInstance.create(':memory:', options);
const conn = await instance.connect();
const t1 = performance.now();

// length() counts Unicode code points (characters), as winnow does.
const sql = `
  SELECT count(*)                              AS rows,
         min(length(${col}))                   AS len_min,
         max(length(${col}))                   AS len_max,
         avg(length(${col}))                   AS len_mean,
         median(length(${col}))                AS len_median,
         stddev_pop(length(${col}))            AS len_std,
         count(DISTINCT ${col})                AS distinct
  FROM read_json_auto(${sqlStr(file)})`;
const t2 = performance.now();
const reader = await conn.runAndReadAll(sql);
const row = reader.getRowObjectsJS()[0];
const t3 = performance.now();

const meta = (await conn.runAndReadAll(
  "SELECT version() AS v, current_setting('threads') AS t")).getRowObjectsJS()[0];
conn.closeSync();
instance.closeSync();

const num = (v) => (typeof v === 'bigint' ? Number(v) : v === null ? null : Number(v));
console.log(JSON.stringify({
  open_s: (t1 - t0) / 1000,
  query_s: (t3 - t2) / 1000,
  rows: num(row.rows),
  len_min: num(row.len_min),
  len_max: num(row.len_max),
  len_mean: num(row.len_mean),
  len_median: num(row.len_median),
  len_std: num(row.len_std),
  distinct: num(row.distinct),
  duckdb_version: meta.v,
  threads: num(meta.t),
}));
