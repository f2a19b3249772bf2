/**
 * `npm run bench`: the benchmark (not a timed test). For synthetic workbooks of 1, 10, 100 and 1,000
 * self-evaluation tables and a nine-table 部门决算 workbook with 5,000 subject lines (bench/synthetic.ts),
 * it measures in one run on this machine:
 * - engine: grid → findings (validateSheets, profile national), and the baseline: walking the same grid and
 *   parsing every cell to a number (parseAmount), the floor; the two interleaved, medians of several runs,
 *   in the steady state (after the warm-up, WARM_UP) that the targets are judged on, and in the first runs
 *   after a single warm-up ("cold", reported beside them);
 *   both as they ship, from tsc's output in lib/ (which `npm run bench` builds first): tsx, which runs
 *   this script, wraps every function made at run time to keep its name, a cost the product does not have;
 * - where the engine's time goes at 1,000 tables (V8's sampling profiler, bench/profile.ts), and what
 *   stands between it and 5× and 3× the baseline;
 * - adapter: validation on the simulated workbook (test/sim/excelSim.ts) with Excel on the web's limit
 *   set to 4 MB: context.sync() calls, and the largest request or response in bytes;
 * - reading: SheetJS's own load of the file (its fastest, dense mode) against the CLI's read path
 *   (src/cli/read: identify, bounds, SheetJS, grids), each in its own process, work time only;
 * - CLI: the whole process of `disclosure-check FILE`, and its peak memory (maxRSS);
 * - growth from 100 to 1,000 tables: of the engine and of the CLI;
 * - the add-in: `npm run build` (webpack, production) and the size of what the task pane page loads first,
 *   plain and gzip.
 * Prints the tables and writes bench/results.json with each target and whether it holds.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { validateActiveSheet, validateWorkbook, clearActiveSheet, clearWorkbook } from "../src/excel/adapter";
import { ALL_CAPABILITIES } from "../src/excel/capabilities";
import { PAYLOAD_LIMIT } from "../src/excel/payload";
import { memoryStore } from "../src/excel/record";
import { NATIONAL } from "../src/rules/profiles";
import type { Grid } from "../src/tables/grid";
import { SimWorkbook } from "../test/sim/excelSim";
import { writeLargeInputs } from "./hostile";
import { profileEngine } from "./profile";
import { startupTimes } from "./startup";
import { accountsSheets, indicatorRows, projectSheet, seedTables, subjectLines, writeWorkbook } from "./synthetic";

const ROOT = path.resolve(__dirname, "..");

/** The engine and the parser as they ship (lib/, tsc's output; see the header). */
type Engine = typeof import("../src/tables/validate") &
  typeof import("../src/rules/parse") &
  typeof import("../src/rules/profiles");
const shipped: Engine = {
  ...require(path.join(ROOT, "lib", "tables", "validate")),
  ...require(path.join(ROOT, "lib", "rules", "parse")),
  ...require(path.join(ROOT, "lib", "rules", "profiles")),
};
const { validateSheets, parseAmount } = shipped;
const WORK = path.join(ROOT, "bench", "work");
const TARGETS = {
  /** Issue 17: the engine at most 5× the parse-only baseline (at 100 tables and more, and 5,000 subject lines). */
  engineVsBaseline: 5,
  /** Issue 17: engine time at 1,000 tables at most 10.5× that at 100. */
  engineGrowth: 10.5,
  /** Issue 17: the CLI's read path at most 2× SheetJS's own load of the same file (at 100 and 1,000 tables). */
  readPathVsLoad: 2,
  /** Issue 17: the CLI's whole run at 1,000 tables at most 11× that at 100. */
  cliGrowth: 11,
  /** Issue 18: what the task pane page loads first (functions, commands, rules), gzip. */
  firstLoadGzipBytes: 300 * 1024,
  maxSyncs: 3,
  maxPayloadBytes: PAYLOAD_LIMIT,
  peakMemoryBytes: 1.5 * 1024 ** 3,
  /** Issue 16: any input of at most 50 MB is checked or refused within 60 s and 1.5 GB. */
  largeInputMs: 60_000,
  largeInputBytes: 1.5 * 1024 ** 3,
};

interface Case {
  name: string;
  tables: number;
  sheets: Array<{ name: string; grid: Grid }>;
  /** Indicator rows (self-evaluation) or subject lines (部门决算). */
  rows: number;
  rowsLabel: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Runs `a` and `b` alternately `reps` times (so that both see the same machine): their median times. */
function timePair(reps: number, a: () => void, b: () => void): [number, number] {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < reps; i++) {
    let t = now();
    a();
    ta.push(now() - t);
    t = now();
    b();
    tb.push(now() - t);
  }
  return [median(ta), median(tb)];
}

/**
 * The warm-up before the steady-state timing: engine and baseline alternately, for at least WARM_UP.ms
 * and WARM_UP.runs pairs (at most WARM_UP.maxRuns). Measured on this machine, the 100-table engine's
 * median fell from about 120 ms over its first 20 runs to about 65 ms after 80 (V8 optimises, meets new
 * object shapes, re-optimises); the baseline settles after one run. Returns the pairs run.
 */
const WARM_UP = { ms: 6000, runs: 5, maxRuns: 80 };
function warmUp(a: () => void, b: () => void): number {
  const t = now();
  let n = 0;
  while (n < WARM_UP.maxRuns && (n < WARM_UP.runs || now() - t < WARM_UP.ms)) {
    a();
    b();
    n++;
  }
  return n;
}

/** The floor: every cell of every sheet parsed to a number, nothing else. */
function baseline(sheets: Case["sheets"]): number {
  let n = 0;
  for (const { grid } of sheets)
    for (const row of grid.cells) for (const c of row) if (parseAmount(c).kind === "number") n++;
  return n;
}

async function adapter(
  c: Case,
): Promise<{ syncs: number; clearSyncs: number; maxPayloadBytes: number; refused: number }> {
  const wb = new SimWorkbook();
  wb.payloadLimit = PAYLOAD_LIMIT;
  for (const s of c.sheets) wb.addSheet(s.name, s.grid);
  const store = memoryStore();
  const opts = { profile: NATIONAL, caps: ALL_CAPABILITIES, store };
  const multi = c.sheets.length > 1;
  const v = await (multi ? validateWorkbook : validateActiveSheet)(wb.context(), opts);
  if (v.status !== "ok" || v.warnings.length > 0) throw new Error(`${c.name}: ${v.status} ${v.warnings.join(" ")}`);
  const syncs = wb.syncs;
  const requests = wb.requests.slice();
  wb.syncs = 0;
  await (multi ? clearWorkbook : clearActiveSheet)(wb.context(), { caps: ALL_CAPABILITIES, store });
  const all = [...requests, ...wb.requests.slice(requests.length)];
  return {
    syncs,
    clearSyncs: wb.syncs,
    maxPayloadBytes: Math.max(...all.map((r) => Math.max(r.request, r.response))),
    refused: all.filter((r) => Math.max(r.request, r.response) > PAYLOAD_LIMIT).length,
  };
}

interface Probe {
  /** Whole process, module loading included (median). */
  ms: number;
  /** The work alone, after the modules are loaded (median). */
  workMs: number;
  maxRSS: number;
  code: number;
}

function probe(mode: "load" | "read" | "cli", file: string, reps: number): Probe {
  const runs: Probe[] = [];
  for (let i = 0; i < reps; i++) {
    const t = now();
    const r = spawnSync(process.execPath, [path.join(ROOT, "bench", "probe.js"), mode, file], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    const wall = now() - t;
    if (r.status !== 0) throw new Error(`probe ${mode} ${file} failed: ${r.stderr}`);
    const j = JSON.parse(r.stdout.trim().split("\n").pop()!);
    runs.push({ ms: wall, workMs: j.workMs, maxRSS: j.maxRSS, code: j.code });
  }
  return {
    ms: median(runs.map((r) => r.ms)),
    workMs: median(runs.map((r) => r.workMs)),
    maxRSS: Math.max(...runs.map((r) => r.maxRSS)),
    code: runs[0].code,
  };
}

/** What the task pane page loads first (its script tags), after `npm run build`: bytes plain and gzip. */
function bundle(): { files: string[]; bytes: number; gzipBytes: number; buildSeconds: number } {
  const t = now();
  const b = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
  if (b.status !== 0) throw new Error(`npm run build failed: ${b.stderr || b.stdout}`);
  const buildSeconds = (now() - t) / 1000;
  const html = fs.readFileSync(path.join(ROOT, "dist", "taskpane.html"), "utf8");
  const files = [...html.matchAll(/<script\b[^>]*?\ssrc=["']?([^"'\s>]+)/g)]
    .map((m) => m[1])
    .filter((src) => !/^https?:/.test(src))
    .map((src) => src.replace(/^\.?\//, ""));
  let bytes = 0;
  let gzipBytes = 0;
  for (const f of files) {
    const data = fs.readFileSync(path.join(ROOT, "dist", f));
    bytes += data.length;
    gzipBytes += zlib.gzipSync(data, { level: 9 }).length;
  }
  return { files, bytes, gzipBytes, buildSeconds };
}

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const fmtBytes = (b: number) => (b >= 1024 ** 2 ? `${(b / 1024 ** 2).toFixed(2)} MB` : `${(b / 1024).toFixed(1)} KB`);

async function main(): Promise<void> {
  const started = now();
  fs.mkdirSync(WORK, { recursive: true });
  const sources = await seedTables();
  const cases: Case[] = [];
  for (const n of [1, 10, 100, 1000]) {
    const grid = projectSheet(sources, n, n);
    cases.push({
      name: `${n} table${n > 1 ? "s" : ""}`,
      tables: n,
      sheets: [{ name: "绩效自评表", grid }],
      rows: indicatorRows(grid),
      rowsLabel: "indicator rows",
    });
  }
  const accounts = await accountsSheets(5000);
  cases.push({
    name: "9 tables, 5000 subject lines",
    tables: 9,
    sheets: accounts,
    rows: subjectLines(accounts),
    rowsLabel: "subject lines",
  });

  const results: Record<string, unknown>[] = [];
  for (const c of cases) {
    const reps = c.tables >= 1000 ? 5 : c.tables >= 100 || c.sheets.length > 1 ? 9 : 15;
    const file = path.join(WORK, `${c.name.replace(/[^0-9a-z]+/gi, "-")}.xlsx`);
    await writeWorkbook(c.sheets, file);
    let findings = 0;
    const engine = () => {
      findings = validateSheets(c.sheets, shipped.NATIONAL).sheets.reduce((n, s) => n + s.result.findings.length, 0);
    };
    const floor = () => baseline(c.sheets);
    engine(); // one warm-up run each
    floor();
    // First runs ("cold"): what one validation costs before V8 has finished optimising the engine.
    const [engineColdMs, baselineColdMs] = timePair(reps, engine, floor);
    // Steady state: both warmed for the same time budget (see WARM_UP), then timed the same way. The
    // engine (hundreds of functions) takes dozens of runs to settle; the baseline's few functions one.
    const warmRuns = warmUp(engine, floor);
    const [engineMs, baselineMs] = timePair(reps, engine, floor);
    const a = await adapter(c);
    const procReps = c.tables >= 1000 ? 3 : 5;
    const load = probe("load", file, procReps);
    const read = probe("read", file, procReps);
    const cli = probe("cli", file, procReps);
    const r = {
      case: c.name,
      tables: c.tables,
      rows: c.rows,
      rowsLabel: c.rowsLabel,
      cells: c.sheets.reduce((n, s) => n + s.grid.cells.reduce((m, row) => m + row.length, 0), 0),
      fileBytes: fs.statSync(file).size,
      findings,
      engineMs,
      baselineMs,
      engineVsBaseline: engineMs / baselineMs,
      engineColdMs,
      baselineColdMs,
      engineVsBaselineCold: engineColdMs / baselineColdMs,
      warmRuns,
      rowsPerSecond: (c.rows / engineMs) * 1000,
      maxSyncs: a.syncs,
      clearSyncs: a.clearSyncs,
      maxPayloadBytes: a.maxPayloadBytes,
      refusedRequests: a.refused,
      readerLoadMs: load.workMs,
      readPathMs: read.workMs,
      readPathVsLoad: read.workMs / load.workMs,
      readerProcessMs: load.ms,
      cliMs: cli.ms,
      cliVsReaderProcess: cli.ms / load.ms,
      peakMemoryBytes: cli.maxRSS,
    };
    results.push(r);
    process.stderr.write(`  measured ${c.name} (${fmtMs(now() - started)} so far)\n`);
  }

  const head = [
    "case",
    "rows",
    "findings",
    "engine",
    "baseline",
    "engine/base",
    "cold",
    "rows/s",
    "syncs",
    "max request",
    "SheetJS load",
    "read path",
    "read/load",
    "CLI",
    "peak memory",
  ];
  const lines = results.map((r) => [
    String(r.case),
    `${r.rows} ${r.rowsLabel === "subject lines" ? "subj" : "ind"}`,
    String(r.findings),
    fmtMs(r.engineMs as number),
    fmtMs(r.baselineMs as number),
    `${(r.engineVsBaseline as number).toFixed(2)}×`,
    `${(r.engineVsBaselineCold as number).toFixed(2)}×`,
    Math.round(r.rowsPerSecond as number).toLocaleString("en-US"),
    `${r.maxSyncs} (+${r.clearSyncs})`,
    fmtBytes(r.maxPayloadBytes as number),
    fmtMs(r.readerLoadMs as number),
    fmtMs(r.readPathMs as number),
    `${(r.readPathVsLoad as number).toFixed(2)}×`,
    fmtMs(r.cliMs as number),
    fmtBytes(r.peakMemoryBytes as number),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => "| " + cells.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
  console.log(row(head));
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const l of lines) console.log(row(l));

  const at = (tables: number) => results.find((r) => r.tables === tables && r.rowsLabel === "indicator rows")!;
  const growth = {
    engine: (at(1000).engineMs as number) / (at(100).engineMs as number),
    baseline: (at(1000).baselineMs as number) / (at(100).baselineMs as number),
    cli: (at(1000).cliMs as number) / (at(100).cliMs as number),
  };
  console.log(
    `\ngrowth 100 → 1,000 tables: engine ${growth.engine.toFixed(2)}× (baseline ${growth.baseline.toFixed(2)}×), CLI ${growth.cli.toFixed(2)}×`,
  );
  // What stands between the engine and 5×, then 3×, the baseline at 1,000 tables: the time to cut, and
  // where the time goes (V8's sampling profiler over a few validations).
  const big = cases.find((c) => c.tables === 1000 && c.rowsLabel === "indicator rows")!;
  const engineProfile = await profileEngine(() => validateSheets(big.sheets, shipped.NATIONAL), 3);
  const gapAt = at(1000);
  const engineGap = {
    case: big.name,
    engineMs: gapAt.engineMs as number,
    baselineMs: gapAt.baselineMs as number,
    at5xMs: 5 * (gapAt.baselineMs as number),
    at3xMs: 3 * (gapAt.baselineMs as number),
  };
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const cut = (to: number) => pct(Math.max(0, 1 - to / engineGap.engineMs));
  console.log(
    `
engine at ${big.name}: ${fmtMs(engineGap.engineMs)} against the baseline's ${fmtMs(engineGap.baselineMs)}; ` +
      `5× needs ${fmtMs(engineGap.at5xMs)} (cut ${cut(engineGap.at5xMs)}), 3× needs ${fmtMs(engineGap.at3xMs)} (cut ${cut(engineGap.at3xMs)})`,
  );
  console.log(
    `engine profile (${engineProfile.runs} runs, sampled ${fmtMs(engineProfile.sampledMs)}): ` +
      Object.entries(engineProfile.parts)
        .map(([k, v]) => `${k} ${pct(v)}`)
        .join(" · ") +
      `; inside decimal.js ${pct(engineProfile.decimalJs)}`,
  );
  console.log("top functions by self time:");
  for (const t of engineProfile.top)
    console.log(`  ${pct(t.share).padStart(6)}  ${fmtMs(t.selfMs).padStart(9)}  ${t.function}  ${t.where}`);

  const addIn = bundle();
  const startup = await startupTimes(path.join(ROOT, "dist"));
  console.log(
    `add-in first load (${addIn.files.join(", ")}): ${fmtBytes(addIn.bytes)}, ${fmtBytes(addIn.gzipBytes)} gzip (build ${addIn.buildSeconds.toFixed(0)} s)`,
  );
  console.log(
    startup
      ? `add-in start-up in Chromium (simulated host, median of ${startup.runs}): functions and commands registered at ${fmtMs(startup.registeredMs)}, pane shown at ${fmtMs(startup.paneMs)}`
      : "add-in start-up: not measured (/usr/bin/chromium not installed)",
  );

  // Large inputs (at most 50 MB each): each checked or refused, by the whole CLI in its own process.
  const largeInputs = writeLargeInputs(path.join(WORK, "large")).map((input) => {
    const r = probe("cli", input.file, 1);
    const outcome = r.code === 2 ? "refused" : "checked";
    process.stderr.write(`  measured large input ${input.name}: ${outcome} in ${fmtMs(r.ms)}, ${fmtBytes(r.maxRSS)}\n`);
    return {
      name: input.name,
      fileBytes: fs.statSync(input.file).size,
      expected: input.outcome,
      outcome,
      exitCode: r.code,
      ms: r.ms,
      peakMemoryBytes: r.maxRSS,
    };
  });
  console.log("\nlarge inputs (≤ 50 MB; target: checked or refused within 60 s and 1.5 GB):");
  for (const l of largeInputs)
    console.log(
      `  ${l.name.padEnd(18)} ${fmtBytes(l.fileBytes).padStart(10)}  ${l.outcome.padEnd(8)} ${fmtMs(l.ms).padStart(9)}  ${fmtBytes(l.peakMemoryBytes).padStart(10)}`,
    );
  fs.rmSync(path.join(WORK, "large"), { recursive: true, force: true });

  // The engine's ratio is a target where the work outweighs a fixed cost per call (the 1- and 10-table
  // baselines take well under a few milliseconds); the read path's at 100 and 1,000 tables (issue 17).
  const isLarge = (r: Record<string, unknown>) => (r.tables as number) >= 100 || r.rowsLabel === "subject lines";
  const holds = {
    engineVsBaseline: results.filter(isLarge).every((r) => (r.engineVsBaseline as number) <= TARGETS.engineVsBaseline),
    engineGrowth: growth.engine <= TARGETS.engineGrowth,
    readPathVsLoad: [at(100), at(1000)].every((r) => (r.readPathVsLoad as number) <= TARGETS.readPathVsLoad),
    cliGrowth: growth.cli <= TARGETS.cliGrowth,
    firstLoadGzipBytes: addIn.gzipBytes <= TARGETS.firstLoadGzipBytes,
    largeInputs: largeInputs.every(
      (l) => l.outcome === l.expected && l.ms <= TARGETS.largeInputMs && l.peakMemoryBytes <= TARGETS.largeInputBytes,
    ),
    maxSyncs: results.every((r) => (r.maxSyncs as number) <= TARGETS.maxSyncs),
    maxPayloadBytes: results.every((r) => (r.maxPayloadBytes as number) <= TARGETS.maxPayloadBytes),
    peakMemoryBytes: results.every((r) => (r.peakMemoryBytes as number) < TARGETS.peakMemoryBytes),
  };
  console.log(
    "\ntargets: " +
      Object.entries(holds)
        .map(([k, v]) => `${k} ${v ? "holds" : "MISSED"}`)
        .join(", "),
  );
  const out = {
    tool: "disclosure-check bench",
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryBytes: os.totalmem(), node: process.version },
    profile: "national",
    targets: TARGETS,
    holds,
    seconds: (now() - started) / 1000,
    sizes: results,
    growth,
    engineGap,
    engineProfile,
    addIn: { ...addIn, ...(startup ? { startup } : {}) },
    largeInputs: largeInputs,
  };
  fs.writeFileSync(path.join(ROOT, "bench", "results.json"), JSON.stringify(out, null, 2) + "\n");
  console.log(`bench/results.json written (${out.seconds.toFixed(0)} s)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
