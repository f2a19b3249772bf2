/**
 * Batch checking: many workbooks on worker threads (one per core), with a progress bar on a terminal,
 * and a summary workbook with one row per file and table.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import { writeAtomic } from "./outputs";
import { RULE_TITLES } from "../rules/checks";
import { profileNameZh } from "../rules/profiles";
import { RULES } from "../rules/registry";
import type { RuleId, Severity, TableKind } from "../rules/types";
import { cliText } from "./text";
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
  /** The annotated copy written by the worker (--out with --summary), or why it could not be. */
  copy?: {
    target: string;
    cells: number;
    recomputed: number;
    paper: { sheet: string; rows: number; updated: boolean } | null;
    refused: string[];
  };
  copyError?: string;
}

/** The message a batch worker receives. */
export interface FileJob {
  file: string;
  profile: string;
  sheet?: string;
  /** --layout files, read by the worker itself. */
  layouts?: string[];
  /** The annotated copy to write (--out with --summary): its path, checked by the main thread's OutputGuard. */
  copy?: { target: string; insertColumns: boolean; export: boolean; lang: "zh" | "en" };
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

/** Bounds on one file's check in batch mode. */
export interface BatchLimits {
  /** Wall-clock time one file may take, in seconds (reading and checking). */
  seconds: number;
  /** Heap one worker may use, in MB (V8's old generation; the worker is stopped beyond it). */
  heapMb: number;
}

/**
 * The default bounds: 120 s and 1,024 MB per file. The benchmark's largest case (a 50 MB input) is
 * checked or refused in well under this (bench/results.json, "hostile-50mb").
 */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { seconds: 120, heapMb: 1024 };

/**
 * Checks every file on worker threads. Inputs: the files, the --profile argument as typed, an optional
 * sheet name, where progress goes (`progress` is called after each file), the --layout files, and the
 * bounds of one file's check. Output: one outcome per file, in the order of `files`. A file that cannot
 * be read, takes longer than `limits.seconds`, or makes its worker die (out of memory, a bug) gives an
 * outcome with a Chinese `error`; its worker is stopped and a fresh one takes the rest, so the batch
 * always goes on. Throws: only when the worker script is missing.
 */
export async function checkFiles(
  files: string[],
  profile: string,
  sheet: string | undefined,
  progress: (done: number, total: number, file: string) => void = () => undefined,
  layouts: string[] = [],
  limits: BatchLimits = DEFAULT_BATCH_LIMITS,
  copies: Map<string, FileJob["copy"]> = new Map(),
): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const script = workerScript();
  if (!fs.existsSync(script)) throw new Error(`批量校验的工作进程 ${script} 不存在；请先运行 npm run build:cli。`);
  const failed = (file: string, error: string): FileOutcome => ({
    file,
    error,
    json: { file, error, tables: [], findings: [], sheets: [] },
    tables: [],
    sheets: [],
  });
  const runWorker = () =>
    new Promise<void>((resolve) => {
      const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: limits.heapMb } });
      let current = -1;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let retired = false;
      const record = (index: number, outcome: FileOutcome) => {
        if (timer) clearTimeout(timer);
        if (outcomes[index]) return;
        outcomes[index] = outcome;
        done++;
        progress(done, files.length, outcome.file);
      };
      // This worker is finished with: a fresh one (if any file is left) takes over.
      const retire = () => {
        if (retired) return;
        retired = true;
        if (timer) clearTimeout(timer);
        void worker.terminate();
        if (next < files.length) void runWorker().then(resolve);
        else resolve();
      };
      const give = () => {
        if (next >= files.length) {
          retired = true;
          void worker.terminate();
          resolve();
          return;
        }
        current = next++;
        const index = current;
        const job: FileJob = { file: files[index], profile, sheet, layouts, copy: copies.get(files[index]) };
        timer = setTimeout(() => {
          record(
            index,
            failed(
              files[index],
              `${files[index]}：校验超过 ${limits.seconds} 秒的时限，已停止。文件可能过大或结构异常；请单独校验此文件，或按工作表拆分。`,
            ),
          );
          retire();
        }, limits.seconds * 1000);
        worker.postMessage(job);
      };
      worker.on("message", (outcome: FileOutcome) => {
        if (retired) return;
        record(current, outcome);
        give();
      });
      worker.on("error", (e: Error & { code?: string }) => {
        if (current >= 0)
          record(
            current,
            failed(
              files[current],
              e.code === "ERR_WORKER_OUT_OF_MEMORY"
                ? `${files[current]}：校验所需内存超过 ${limits.heapMb} MB 的上限，已停止。请按工作表拆分后再校验。`
                : `${files[current]}：校验意外中止（${e.message}）。`,
            ),
          );
        retire();
      });
      worker.on("exit", () => {
        // A worker that ends by itself with a file in hand (process.exit in a library) fails that file.
        if (retired) return;
        if (current >= 0) record(current, failed(files[current], `${files[current]}：校验意外中止（工作进程退出）。`));
        retire();
      });
      give();
    });
  await Promise.all(Array.from({ length: workerCount(files.length) }, runWorker));
  return outcomes;
}

/**
 * Writes the summary workbook, in Chinese with the codes last:
 * - sheet 汇总: one row per file and table (文件, 单位, 工作表, 表号, 区域, 类型, 表格名称, 评分口径, 推断口径,
 *   检查数, 错误, 警告, 提示, then one column per rule under its Chinese title), a 小计 row after each
 *   workbook, and last the codes (类型编号, 评分口径编号, 推断口径编号);
 * - sheet 规则: each rule's Chinese title beside its id;
 * - sheet 失败: one row per file that could not be checked, with the reason, and per sheet with nothing
 *   to check.
 * Inputs: the outcomes, the file to write. Output: the table rows written to 汇总 and the rows of 失败.
 * Throws: OutputRefused when the file cannot be written.
 */
export async function writeSummary(
  outcomes: FileOutcome[],
  file: string,
): Promise<{ tables: number; failures: number }> {
  const T = cliText("zh");
  // exceljs is loaded only here: a run without --summary does not pay for it at start-up.
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("汇总", { views: [{ state: "frozen", ySplit: 1 }] });
  const rules = (
    [...new Set(outcomes.flatMap((o) => o.tables.flatMap((t) => Object.keys(t.rules))))] as RuleId[]
  ).sort();
  const head = [
    "文件",
    "单位",
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
    ...rules.map((r) => RULE_TITLES[r].zh),
    "类型编号",
    "评分口径编号",
    "推断口径编号",
  ];
  ws.addRow(head).font = { bold: true };
  let tables = 0;
  for (const o of outcomes) {
    if (o.tables.length === 0) continue;
    const unit = o.tables.find((t) => t.kind === "unit-self-evaluation" && t.title)?.title ?? "";
    const sum = { checks: 0, error: 0, warning: 0, info: 0, rules: {} as Record<string, number> };
    for (const t of o.tables) {
      ws.addRow([
        o.file,
        unit,
        t.sheet,
        t.index,
        t.range,
        T.kind(t.kind as TableKind),
        t.title,
        profileNameZh(t.judgedUnder),
        profileNameZh(t.inferredProfile),
        t.checks,
        t.counts.error,
        t.counts.warning,
        t.counts.info,
        ...rules.map((r) => t.rules[r] ?? 0),
        t.kind,
        t.judgedUnder,
        t.inferredProfile,
      ]);
      tables++;
      sum.checks += t.checks;
      for (const k of ["error", "warning", "info"] as const) sum[k] += t.counts[k];
      for (const r of rules) sum.rules[r] = (sum.rules[r] ?? 0) + (t.rules[r] ?? 0);
    }
    ws.addRow([
      o.file,
      unit,
      "小计",
      "",
      "",
      "",
      `${o.tables.length} 张表`,
      "",
      "",
      sum.checks,
      sum.error,
      sum.warning,
      sum.info,
      ...rules.map((r) => sum.rules[r]),
    ]).font = { bold: true };
  }
  [48, 24, 20, 6, 12, 10, 36, 24, 28, 8, 6, 6, 6].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  rules.forEach((_, i) => (ws.getColumn(14 + i).width = 14));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: head.length } };

  const legend = wb.addWorksheet("规则", { views: [{ state: "frozen", ySplit: 1 }] });
  legend.addRow(["规则", "规则编号", "依据"]).font = { bold: true };
  for (const r of rules) legend.addRow([RULE_TITLES[r].zh, r, RULES[r].source]);
  [30, 30, 80].forEach((w, i) => (legend.getColumn(i + 1).width = w));

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
