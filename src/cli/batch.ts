/**
 * Batch checking: many workbooks on worker threads (one per core), with a progress bar on a terminal,
 * and a summary workbook with one row per file and table.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import { writeAtomic } from "./outputs";
import ExcelJS from "exceljs";
import type { Severity } from "../rules/types";
import type { JsonFile } from "./main";

/** One table of one file, as the summary lists it. */
export interface SummaryTable {
  sheet: string;
  /** 1-based number of the table on its sheet. */
  index: number;
  range: string;
  kind: string;
  title: string;
  /** The profile the table was judged under, and the one its own stated scores fit best. */
  judgedUnder: string;
  inferredProfile: string;
  checks: number;
  counts: Record<Severity, number>;
  /** Findings per rule id. */
  rules: Record<string, number>;
}

/** What a worker sends back for one file: its JSON entry and its tables, or why it failed. */
export interface FileOutcome {
  file: string;
  json: JsonFile;
  tables: SummaryTable[];
  /** Per sheet with nothing to check: "empty-sheet" or "no-table". */
  sheets: Array<{ sheet: string; status: string }>;
  error?: string;
}

/** The message a batch worker receives. */
export interface FileJob {
  file: string;
  profile: string;
  sheet?: string;
  /** --layout files, read by the worker itself. */
  layouts?: string[];
}

const PACKAGE_ROOT = path.resolve(__dirname, "..", "..");

/** The compiled worker script (lib/cli/worker.js), also when this module runs from the TypeScript sources. */
function workerScript(): string {
  const beside = path.join(__dirname, "worker.js");
  return fs.existsSync(beside) ? beside : path.join(PACKAGE_ROOT, "lib", "cli", "worker.js");
}

/** Worker threads to use: one per core, never more than the files. */
export function workerCount(files: number): number {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, files));
}

/** A one-line progress bar: `[#######.............]  7/20  file.xlsx`. */
export function progressLine(done: number, total: number, current: string, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const name = path.basename(current);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(done).padStart(String(total).length)}/${total}  ${name}`;
}

/**
 * Checks every file on worker threads. Inputs: the files, the --profile argument as typed, an optional
 * sheet name, and where progress goes (`progress` is called after each file). Output: one outcome per
 * file, in the order of `files`. A file that cannot be read, or a worker that dies, gives an outcome
 * with `error`; the batch always goes on. Throws: only when no worker can be started at all.
 */
export async function checkFiles(
  files: string[],
  profile: string,
  sheet: string | undefined,
  progress: (done: number, total: number, file: string) => void = () => undefined,
  layouts: string[] = [],
): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const script = workerScript();
  if (!fs.existsSync(script)) throw new Error(`the batch worker ${script} is missing; run \`npm run build:cli\``);
  const failed = (file: string, error: string): FileOutcome => ({
    file,
    error,
    json: { file, error, tables: [], findings: [], sheets: [] },
    tables: [],
    sheets: [],
  });
  const runWorker = () =>
    new Promise<void>((resolve) => {
      const worker = new Worker(script);
      let current = -1;
      const give = () => {
        if (next >= files.length) {
          void worker.terminate();
          resolve();
          return;
        }
        current = next++;
        const job: FileJob = { file: files[current], profile, sheet, layouts };
        worker.postMessage(job);
      };
      const finish = (outcome: FileOutcome) => {
        outcomes[current] = outcome;
        done++;
        progress(done, files.length, outcome.file);
        give();
      };
      worker.on("message", (outcome: FileOutcome) => finish(outcome));
      worker.on("error", (e) => {
        // The worker died (out of memory, a bug): this file fails, a fresh worker takes the rest.
        if (current >= 0 && !outcomes[current]) {
          outcomes[current] = failed(files[current], `worker failed: ${e.message}`);
          done++;
          progress(done, files.length, files[current]);
        }
        void runWorker().then(resolve);
      });
      give();
    });
  await Promise.all(Array.from({ length: workerCount(files.length) }, runWorker));
  return outcomes;
}

const SEVERITY_ZH: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

/**
 * Writes the summary workbook. Sheet 汇总: one row per file and table (file, sheet, table, range, kind,
 * title, judged under, inferred profile, checks, errors, warnings, info, then one column per rule with
 * its count). Sheet 失败: one row per file that could not be checked, with the reason, and per sheet
 * with nothing to check. Output: the rows written to 汇总 and 失败.
 */
export async function writeSummary(
  outcomes: FileOutcome[],
  file: string,
): Promise<{ tables: number; failures: number }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("汇总", { views: [{ state: "frozen", ySplit: 1 }] });
  const rules = [...new Set(outcomes.flatMap((o) => o.tables.flatMap((t) => Object.keys(t.rules))))].sort();
  const head = [
    "文件",
    "工作表",
    "表号",
    "区域",
    "类型",
    "表格名称",
    "评分口径",
    "推断口径",
    "检查数",
    "错误",
    "警告",
    "提示",
    ...rules,
  ];
  ws.addRow(head).font = { bold: true };
  let tables = 0;
  for (const o of outcomes) {
    for (const t of o.tables) {
      ws.addRow([
        o.file,
        t.sheet,
        t.index,
        t.range,
        t.kind,
        t.title,
        t.judgedUnder,
        t.inferredProfile,
        t.checks,
        t.counts.error,
        t.counts.warning,
        t.counts.info,
        ...rules.map((r) => t.rules[r] ?? 0),
      ]);
      tables++;
    }
  }
  [48, 24, 6, 12, 26, 36, 20, 28, 8, 6, 6, 6].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  rules.forEach((_, i) => (ws.getColumn(head.length - rules.length + i + 1).width = 14));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: head.length } };

  const bad = wb.addWorksheet("失败", { views: [{ state: "frozen", ySplit: 1 }] });
  bad.addRow(["文件", "工作表", "原因"]).font = { bold: true };
  let failures = 0;
  for (const o of outcomes) {
    if (o.error) {
      bad.addRow([o.file, "", o.error]);
      failures++;
    }
    for (const s of o.sheets) bad.addRow([o.file, s.sheet, s.status === "empty-sheet" ? "空工作表" : "未找到公开表格"]);
  }
  [48, 24, 80].forEach((w, i) => (bad.getColumn(i + 1).width = w));
  writeAtomic(file, new Uint8Array(await wb.xlsx.writeBuffer()));
  return { tables, failures };
}

/** "3 errors, 1 warnings, 0 info" in the summary's words. */
export function countsText(c: Record<Severity, number>): string {
  return (Object.keys(SEVERITY_ZH) as Severity[]).map((k) => `${SEVERITY_ZH[k]} ${c[k]}`).join(" · ");
}
