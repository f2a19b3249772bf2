/**
 * disclosure-check CLI: .xlsx in (read with SheetJS behind bounds, src/cli/read) → the same pipeline as
 * the add-in → a per-table summary, the findings, an optional JSON report and an optional annotated copy
 * (written by patching only the parts that change, src/cli/write).
 *
 * Usage: disclosure-check [FILE.xlsx|DIR …] [--profile national|auto|PRESET|PATH.json] [--json REPORT.json]
 *                         [--out ANNOTATED.xlsx|DIR] [--sheet NAME] [--summary SUMMARY.xlsx] [--force]
 * Exit code: 0 no error finding; 1 error findings; 2 an input could not be read or an output not written.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { RULE_TITLES } from "../rules/checks";
import { PROFILES, presetById, profileFromJson, profileNameZh } from "../rules/profiles";
import { categoryCounts, categoryText } from "../tables/categoryCounts";
import type { ClaimCounts, ClaimKind } from "../rules/narrative";
import type { Finding, TableKind, TableLayout } from "../rules/types";
import {
  selectionId,
  validateSheets,
  type ProfileSelection,
  type TableReport,
  type ValidationResult,
} from "../tables/validate";
import { annotatedCopy } from "./write/annotate";
import { copyPathFor, describe, OutputGuard, OutputRefused, writeAtomic } from "./outputs";
import type { FileKind } from "./read/identify";
import { FileError, readWorkbookBytes, type ReadWorkbook } from "./read/workbook";
import { planRecomputedColumns } from "../tables/columns";
import { checkFiles, DEFAULT_BATCH_LIMITS, progressLine, workerCount, writeSummary, type FileJob } from "./batch";
import { cliText, CliError, errorText, pad, type CliText, type Lang } from "./text";
import { readLayouts, type SavedLayout } from "../tables/layouts";
import {
  buildWorkingPaper,
  gridValues,
  mergeWorkingPaper,
  ownWorkingPaper,
  type ExistingPaper,
} from "../tables/workingPaper";

const PACKAGE_ROOT = path.resolve(__dirname, "..", "..");
export const SAMPLE_WORKBOOK = path.join(PACKAGE_ROOT, "assets", "samples", "sample.xlsx");

export function version(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")).version as string;
  } catch {
    return "0.0.0";
  }
}

/** The JSON report (shape fixed by the foundation issue). */
export interface JsonReport {
  tool: "disclosure-check";
  version: string;
  profile: string;
  files: JsonFile[];
}
export interface JsonFile {
  file: string;
  error?: string;
  tables: Array<{
    sheet: string;
    range: string;
    kind: TableKind;
    layout: TableLayout;
    title: string;
    checks: number;
    findings: number;
    /** The profile the table was judged under. */
    judgedUnder: string;
    /** The profile that reproduces most of its stated scores. */
    inferredProfile: string;
    /** Stated scores that can be recomputed, and how many the inferred profile reproduces. */
    scoredRows: number;
    explainedRows: number;
    /** The same for the rows with r ≠ 100%. */
    offTargetRows: number;
    offTargetExplained: number;
    /** 公开说明 only: claims found and disagreeing, per kind (share, change, sum, budget-variance, table-tie). */
    claims?: ClaimCounts;
    /** Self-evaluation tables: each mapped role → its header cell, e.g. { "fund.executed": "E4" }. */
    columns?: Record<string, string>;
    /** Header texts no role could be given. */
    unmappedHeaders?: string[];
    /** Stated figures checked, out of stated figures present. */
    coverage: { checked: number; present: number };
    /** Saved layouts (--layout) applied to the table. */
    layouts?: string[];
  }>;
  findings: Array<{
    sheet: string;
    cell: string;
    rule: string;
    severity: Finding["severity"];
    /** arithmetic 计算错误, rule 口径差异, missing 缺失, reading 无法复核. */
    category: Finding["category"];
    stated: string;
    expected: string;
    formula: string;
    message: string;
    /** The rule's message template (see the rule's module, MESSAGES) and the values filled into it. */
    messageId: string;
    fields: Record<string, string>;
    profile: string;
    /** No scoring profile reproduces this stated score. */
    unexplained?: boolean;
  }>;
  /** Per sheet: "ok", "empty-sheet" or "no-table". */
  sheets: Array<{ sheet: string; status: ValidationResult["status"] }>;
}

export interface CheckedFile {
  json: JsonFile;
  results: Array<{ sheet: string; result: ValidationResult }>;
}

/** Inputs larger than this are refused before they are read (bytes). */
export const MAX_INPUT_BYTES = 100 * 1024 * 1024;

/**
 * Reads an input file's bytes. Throws: Error with a Chinese message when it is not a readable regular
 * file or is larger than MAX_INPUT_BYTES.
 */
function readInput(file: string): Uint8Array {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new Error(`${file}：文件不存在或无法访问。`);
  }
  if (st.isDirectory()) throw new Error(`${file}：这是文件夹，不是工作簿。`);
  if (!st.isFile()) throw new Error(`${file}：不是普通文件（设备、管道或套接字），不读取。`);
  if (st.size > MAX_INPUT_BYTES)
    throw new Error(
      `${file}：文件大小 ${(st.size / 1024 / 1024).toFixed(0)} MB，超过 ${MAX_INPUT_BYTES / 1024 / 1024} MB 的读取上限，未校验。请按工作表拆分后再校验。`,
    );
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new Error(`${file}：无法读取文件（${describe(e)}）。`);
  }
}

/** File names a folder scan picks up: workbooks Excel, WPS and LibreOffice write (each is then identified by its bytes). */
const WORKBOOK_NAME = /\.(xlsx|xlsm|xls|et|ods)$/i;

/**
 * Expands files and folders (recursively, not following links to folders) into workbook paths, skipping
 * Office lock files (~$…). Output: the files; the inputs that do not exist; and one Chinese message per
 * folder that could not be listed (the scan goes on without it).
 */
export function expandInputs(inputs: string[]): { files: string[]; missing: string[]; problems: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const problems: string[] = [];
  const walk = (p: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(p, { withFileTypes: true });
    } catch (e) {
      problems.push(`无法列出文件夹 ${p} 的内容（${describe(e)}），其中的文件未校验。`);
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(p, e.name);
      if (e.isDirectory()) walk(full);
      else if (WORKBOOK_NAME.test(e.name) && !e.name.startsWith("~$")) files.push(full);
    }
  };
  for (const i of inputs) {
    if (!fs.existsSync(i)) missing.push(i);
    else if (fs.statSync(i).isDirectory()) walk(i);
    else files.push(i);
  }
  return { files, missing, problems };
}

/**
 * Checks one workbook file. Input: path, profile, optional sheet name, saved layouts (--layout). Output: the JSON entry and the
 * per-sheet results, plus the loaded workbook for annotation.
 * Throws: Error with a readable message when the file cannot be read as .xlsx or the sheet is missing.
 */
export async function checkFile(
  file: string,
  profile: ProfileSelection,
  sheetName?: string,
  layouts: SavedLayout[] = [],
): Promise<
  CheckedFile & {
    bytes: Uint8Array;
    kind: FileKind;
    sheets: ReadWorkbook["sheets"];
    /** The tool's own working paper found in the workbook (not validated; exporting again updates it). */
    ownPaper?: { name: string; existing: ExistingPaper };
  }
> {
  const bytes = readInput(file);
  let read: ReadWorkbook;
  try {
    read = readWorkbookBytes(bytes);
  } catch (e) {
    if (e instanceof FileError) throw new CliError(`${file}：${e.problem.zh}`, `${file}: ${e.problem.en}`);
    throw e;
  }
  // The tool's own working paper (an earlier --export) is never validated as input.
  let ownPaper: { name: string; existing: ExistingPaper } | undefined;
  const input = read.sheets.filter((w) => {
    const existing = ownWorkingPaper(w.name, gridValues(w.grid));
    if (existing && !ownPaper) ownPaper = { name: w.name, existing };
    return !existing;
  });
  const sheets = sheetName ? input.filter((w) => w.name === sheetName) : input;
  if (sheetName && sheets.length === 0) {
    throw new CliError(
      `${file} 中没有名为“${sheetName}”的工作表（现有：${read.sheets.map((w) => w.name).join("、")}）`,
      `${file} has no sheet named “${sheetName}” (it has: ${read.sheets.map((w) => w.name).join(", ")})`,
    );
  }
  const json: JsonFile = { file, tables: [], findings: [], sheets: [] };
  const results: CheckedFile["results"] = [];
  const validation = validateSheets(
    sheets.map((ws) => ({ name: ws.name, grid: ws.grid, notes: ws.notes })),
    profile,
    { layouts },
  );
  for (const { name, result } of validation.sheets) {
    results.push({ sheet: name, result });
    json.sheets.push({ sheet: name, status: result.status });
    for (const t of result.tables) {
      json.tables.push({
        sheet: name,
        range: t.range,
        kind: t.kind,
        layout: t.layout,
        title: t.title,
        checks: t.checks,
        findings: t.findings,
        judgedUnder: t.judgedUnder,
        inferredProfile: t.inferredProfile,
        scoredRows: t.scoredRows,
        explainedRows: t.explainedRows,
        offTargetRows: t.offTargetRows,
        offTargetExplained: t.offTargetExplained,
        ...(t.claims ? { claims: t.claims } : {}),
        ...(t.columns ? { columns: t.columns } : {}),
        ...(t.unmappedHeaders ? { unmappedHeaders: t.unmappedHeaders } : {}),
        coverage: t.coverage,
        ...(t.layouts ? { layouts: t.layouts } : {}),
      });
    }
    for (const f of result.findings) {
      json.findings.push({
        sheet: name,
        cell: f.cell,
        rule: f.rule,
        severity: f.severity,
        category: f.category,
        stated: f.stated,
        expected: f.expected,
        formula: f.formula,
        message: f.message,
        messageId: f.messageId,
        fields: f.fields,
        profile: f.profile,
        ...(f.unexplained ? { unexplained: true } : {}),
      });
    }
  }
  return { json, results, bytes, kind: read.kind, sheets, ownPaper };
}

function pct(n: number, d: number): string {
  return d === 0 ? "—" : `${((100 * n) / d).toFixed(1)}%`;
}

/** A profile id as the user reads it: the Chinese (or English) name, the id itself when unknown. */
function profileLabel(id: string, T: CliText): string {
  return T.lang === "zh" ? profileNameZh(id) : id;
}

/**
 * The fit table of one file: per inferred profile, the tables following it and how many stated scores
 * it reproduces (all scored rows, and those with r ≠ 100%). Output: lines of text, indented.
 */
export function formatFit(tables: TableReport[], T: CliText = cliText("zh")): string[] {
  const groups = new Map<string, TableReport[]>();
  for (const t of tables) groups.set(t.inferredProfile, [...(groups.get(t.inferredProfile) ?? []), t]);
  const sum = (ts: TableReport[], k: "scoredRows" | "explainedRows" | "offTargetRows" | "offTargetExplained") =>
    ts.reduce((a, t) => a + t[k], 0);
  const row = (name: string, ts: TableReport[]) =>
    `    ${pad(name, 61)} ${pad(ts.length, 8)}${pad(`${sum(ts, "explainedRows")}/${sum(ts, "scoredRows")}`, 11)}` +
    `${pad(`${sum(ts, "offTargetExplained")}/${sum(ts, "offTargetRows")}`, 11)}${pct(sum(ts, "offTargetExplained"), sum(ts, "offTargetRows"))}`;
  const [c0, c1, c2, c3, c4] = T.fitColumns;
  const lines = [`    ${pad(c0, 61)} ${pad(c1, 8)}${pad(c2, 11)}${pad(c3, 11)}${c4}`];
  for (const [id, ts] of [...groups.entries()].sort((a, b) => b[1].length - a[1].length))
    lines.push(row(profileLabel(id, T), ts));
  lines.push(row(T.allTables, tables));
  return lines;
}

/** The human-readable report of one file, in the user's language. */
export function formatFile(c: CheckedFile, T: CliText = cliText("zh")): string {
  const lines: string[] = [c.json.file];
  for (const { sheet, result } of c.results) {
    if (result.status === "empty-sheet") {
      lines.push(T.emptySheet(sheet), ...findingLines(sheet, result.findings, T));
      continue;
    }
    if (result.status === "no-table") {
      lines.push(T.noTable(sheet), ...findingLines(sheet, result.findings, T));
      continue;
    }
    const byKind = new Map<string, number>();
    for (const t of result.tables) byKind.set(T.kind(t.kind), (byKind.get(T.kind(t.kind)) ?? 0) + 1);
    lines.push(T.sheetLine(sheet, result.tables.length, T.byKind([...byKind.entries()]), result.checks, result.counts));
    lines.push(`    ${categoryText(categoryCounts(result.findings), T.lang)}`);
    const [h0, h1, h2, h3, h4, h5, h6, h7, h8, h9] = T.tableColumns;
    lines.push(
      `    ${pad(h0, 6)}${pad(h1, 12)}${pad(h2, 10)}${pad(h3, 10)}${pad(h4, 7)}${pad(h5, 4)}${pad(h6, 4)}${pad(h7, 4)}${pad(h8, 8)}${h9}`,
    );
    for (const t of result.tables) {
      const scored = t.kind === "project-self-evaluation" || t.kind === "unit-self-evaluation";
      lines.push(
        `    ${pad(t.index + 1, 6)}${pad(t.range, 12)}${pad(T.kind(t.kind), 10)}${pad(T.layout(t.layout), 10)}${pad(t.checks, 7)}` +
          `${pad(t.counts.error, 4)}${pad(t.counts.warning, 4)}${pad(t.counts.info, 4)}` +
          `${pad(scored ? `${t.explainedRows}/${t.scoredRows}` : "—", 8)}${t.title || T.untitled}` +
          (scored ? `  [${profileLabel(t.inferredProfile, T)}]` : "") +
          (t.checks === 0 ? `  ${T.noChecks}` : ""),
      );
    }
    for (const t of result.tables) {
      if (!t.claims) continue;
      lines.push(T.claims(Object.entries(t.claims) as Array<[ClaimKind, { found: number; disagree: number }]>));
    }
    const scoredTables = result.tables.filter((t) => t.scoredRows > 0 || t.inferredProfile !== "");
    if (scoredTables.length > 0) {
      lines.push(T.fitTitle);
      lines.push(...formatFit(scoredTables, T).map((l) => "  " + l));
    }
    lines.push(...findingLines(sheet, result.findings, T));
  }
  return lines.join("\n");
}

/** The findings of one sheet, two lines each (also on a sheet without tables: what the reader noted). */
function findingLines(sheet: string, findings: Finding[], T: CliText): string[] {
  const lines: string[] = [];
  if (findings.length > 0) lines.push(T.findings);
  for (const f of findings) {
    const rule = T.lang === "zh" ? `${RULE_TITLES[f.rule].zh}（${f.rule}）` : f.rule;
    lines.push(
      `    ${pad(T.severity(f.severity), 8)}${pad(`${sheet}!${f.cell}`, 18)}${pad(rule, 39)} ` +
        T.findingHead(f.table >= 0 ? f.table + 1 : null, f.stated, f.expected),
    );
    lines.push(`            ${T.lang === "zh" ? f.message : f.messageEn}`);
  }
  return lines;
}

/** What writing one annotated copy did. */
export interface CopyWritten {
  cells: number;
  recomputed: number;
  paper: { sheet: string; rows: number; updated: boolean } | null;
  /** Why some recomputed columns were not written (Chinese). */
  refused: string[];
}

/**
 * Writes the annotated copy of one checked file (fills and notes; the recomputed columns and the working
 * paper when asked), through a temporary file renamed into place. Used by the single run and by the
 * batch workers. Inputs: the checked file, its path, the copy's path (already checked by OutputGuard),
 * what to add, the profile selection id and the language. Output: what was written.
 * Throws: CliError for a file that is not .xlsx; OutputRefused when the copy cannot be written.
 */
export function writeCopy(
  checked: Awaited<ReturnType<typeof checkFile>>,
  file: string,
  target: string,
  opts: { insertColumns: boolean; export: boolean; profile: string; lang: Lang },
): CopyWritten {
  if (checked.kind !== "xlsx") throw cliText(opts.lang).notXlsx(file);
  const sheets = checked.results.map(({ sheet, result }) => {
    const read = checked.sheets.find((s) => s.name === sheet);
    return {
      name: sheet,
      findings: result.findings,
      plan: opts.insertColumns && read ? planRecomputedColumns(read.grid, result) : null,
      merges: read?.grid.merges ?? [],
    };
  });
  const paper = opts.export
    ? mergeWorkingPaper(
        buildWorkingPaper(checked.results, {
          file: path.basename(file),
          sheets: checked.results.map((r) => r.sheet),
          tool: `disclosure-check ${version()}`,
          profile: opts.profile,
          time: new Date(),
        }),
        checked.ownPaper?.existing ?? null,
      )
    : null;
  const copy = annotatedCopy(checked.bytes, sheets, paper ? { paper, replace: checked.ownPaper?.name } : null);
  writeAtomic(target, copy.bytes);
  return {
    cells: copy.cells,
    recomputed: copy.recomputed,
    paper: copy.paperSheet ? { sheet: copy.paperSheet, rows: paper!.rows.length, updated: !!checked.ownPaper } : null,
    refused: copy.refused,
  };
}

/** The deepest folder holding every one of `files`. */
function commonFolder(files: string[]): string {
  const parts = files.map((f) => path.dirname(path.resolve(f)).split(path.sep));
  const first = parts[0];
  let n = 0;
  while (n < first.length && parts.every((p) => p[n] === first[n])) n++;
  return first.slice(0, n).join(path.sep) || path.sep;
}

/** The --help text in the user's language. */
function usage(lang: Lang): string {
  const sample = path.relative(process.cwd(), SAMPLE_WORKBOOK) || SAMPLE_WORKBOOK;
  const presets = Object.keys(PROFILES).join("|");
  if (lang === "zh")
    return `用法：disclosure-check [工作簿.xlsx|文件夹 …] [--profile auto|${presets}|口径.json]
                        [--json 报告.json] [--out 批注副本.xlsx|文件夹] [--sheet 工作表名]
                        [--insert-columns] [--export] [--summary 汇总.xlsx [--time-limit 秒]]
                        [--layout 布局.json …] [--force] [--lang zh|en]
--profile：评分口径。预设口径（默认 national，国家口径）；auto 按每张表自身得分识别的口径复核；
  口径.json 读取自定义口径（见 docs/scoring-profiles.md）。
--json：把完整结果写成 JSON 报告。
--out：生成批注副本（标注有问题的单元格并加批注），原文件不改动；多个文件时为文件夹。
--insert-columns：在副本中每张自评表旁写入复核列（复核完成率/执行率、复核得分、差异、复核总分），写入的是数值
  （Excel 加载项写入的是 DC.* 公式）。
--export：在副本中写入工作底稿「复核结果」，每个问题一行并链接到单元格；对已含底稿的副本再次导出时更新原底稿，
  保留复核状态与审计说明。以上两项都需要 --out。
--layout：已保存的列映射（任务窗格“指定列”导出的 JSON，见 docs/layouts.md），可多次给出。
--force：允许替换已存在的输出文件（输入文件本身或指向它的链接永远不会被覆盖）。
--summary：批量校验。用多个工作线程校验所有工作簿，终端上显示进度，写出汇总表：每个文件每张表一行（工作表「汇总」），
  未能校验的文件列在工作表「失败」。可与 --out（及 --insert-columns、--export）同用，同时生成各文件的批注副本。
--time-limit：批量校验中每个文件的时限（秒，默认 ${DEFAULT_BATCH_LIMITS.seconds}）；超时或内存超过 ${DEFAULT_BATCH_LIMITS.heapMb} MB 的文件停止并列入「失败」，其余照常。
--lang：输出语言，zh（中文，默认）或 en（英文）。
不给文件时校验自带的示例工作簿（${sample}）。
退出码：0 没有计算错误；1 有计算错误；2 有文件未能读取或有输出未能写入。`;
  return `Usage: disclosure-check [FILE.xlsx|DIR …] [--profile auto|${presets}|PATH.json]
                        [--json REPORT.json] [--out ANNOTATED.xlsx|DIR] [--sheet NAME]
                        [--insert-columns] [--export] [--summary SUMMARY.xlsx [--time-limit SECONDS]]
                        [--layout LAYOUT.json …] [--force] [--lang zh|en]
--profile: a preset (default national); auto judges each table under the profile inferred from its own
scores; PATH.json reads a custom profile (see docs/scoring-profiles.md).
--insert-columns: the annotated copy gets the recomputed columns (复核完成率/执行率, 复核得分, 差异,
复核总分) beside each self-evaluation table, as values (Excel's add-in writes them as live DC.* formulas).
--export: the annotated copy gets the working paper 复核结果, one row per finding with a link to its cell;
exporting again on a copy that has one updates it, keeping 复核状态 and 审计说明. Both need --out.
--layout: saved column mappings for headers the vocabulary does not know (the JSON the pane's 指定列
exports; see docs/layouts.md). Can be given more than once.
--force: replace outputs that already exist (never an input: an output that is an input, or a link to
one, is always refused).
--summary: batch mode. Checks every workbook under the inputs on worker threads (one per core), shows a
progress bar on a terminal, and writes SUMMARY.xlsx: one row per file and table with counts by severity
and rule and the inferred profile (sheet 汇总), and the files that could not be checked (sheet 失败).
With --out (and --insert-columns, --export) it also writes each file's annotated copy in the same run.
--time-limit SECONDS: in batch mode, the time one file may take (default ${DEFAULT_BATCH_LIMITS.seconds}); a file
over it, or over ${DEFAULT_BATCH_LIMITS.heapMb} MB of memory, is stopped and listed under 失败, and the batch goes on.
--lang: the output language, zh (Chinese, the default) or en (English).
With no file, checks the bundled sample workbook (${sample}).
Exit code: 0 no error finding, 1 error findings, 2 an input could not be read or an output not written.`;
}

/**
 * Reads the --profile argument: "auto", a preset id, or a path to a JSON profile.
 * Throws: Error with a readable message for an unknown id, a missing file or an invalid profile.
 */
export function selectionFromArg(arg: string): ProfileSelection {
  if (arg === "auto") return "auto";
  const preset = presetById(arg);
  if (preset) return preset;
  if (/\.json$/i.test(arg) || arg.includes("/") || arg.includes(path.sep)) {
    let text: string;
    try {
      // A UTF-8 byte-order mark (Notepad on Windows writes one) is not part of the JSON.
      text = fs.readFileSync(arg, "utf8").replace(/^\uFEFF/, "");
    } catch (e) {
      throw new Error(`无法读取评分口径文件 ${arg}（${describe(e)}）。`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new Error(`评分口径文件 ${arg} 不是有效的 JSON（${(e as Error).message}）。`);
    }
    try {
      return profileFromJson(parsed);
    } catch (e) {
      throw new Error(`${arg}：${(e as Error).message}`);
    }
  }
  throw new Error(
    `无法识别的评分口径「${arg}」。可用：auto（按每张表自身得分识别）、${Object.keys(PROFILES).join("、")}，或评分口径文件 PATH.json。`,
  );
}

/**
 * Reads the --layout files: saved column mappings (the JSON the pane exports, see docs/layouts.md).
 * Output: the layouts, and one Chinese message per entry left out. Throws: Error with a readable message
 * when a file cannot be read or is not JSON.
 */
export function layoutsFromFiles(files: string[]): { layouts: SavedLayout[]; problems: string[] } {
  const layouts: SavedLayout[] = [];
  const problems: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
    } catch {
      throw new Error(`无法读取布局文件 ${file}（cannot read the layout file）`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new Error(`布局文件 ${file} 不是有效的 JSON（${(e as Error).message}）`);
    }
    const r = readLayouts(parsed);
    layouts.push(...r.layouts);
    problems.push(...r.problems.map((p) => `${file}：${p.zh}`));
  }
  return { layouts, problems };
}

/**
 * Runs the CLI. Input: the arguments after the program name; output streams default to the process's.
 * Returns the exit code (0, 1 or 2). Never throws for bad input: it prints a message and returns 2.
 */
export async function main(
  argv: string[],
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => process.stdout.write(s + "\n"),
    err: (s) => process.stderr.write(s + "\n"),
  },
): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        profile: { type: "string", default: "national" },
        json: { type: "string" },
        out: { type: "string" },
        sheet: { type: "string" },
        "insert-columns": { type: "boolean" },
        export: { type: "boolean" },
        summary: { type: "string" },
        "time-limit": { type: "string" },
        layout: { type: "string", multiple: true },
        force: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
        lang: { type: "string" },
      },
    });
  } catch (e) {
    // The language as asked, even when another argument is wrong.
    const i = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
    const asked = i < 0 ? "zh" : argv[i].includes("=") ? argv[i].split("=")[1] : argv[i + 1];
    const lang: Lang = asked === "en" ? "en" : "zh";
    io.err(`disclosure-check: ${cliText(lang).badArgs(e as Error & { code?: string })}\n${usage(lang)}`);
    return 2;
  }
  const langArg = args.values.lang ?? "zh";
  if (langArg !== "zh" && langArg !== "en") {
    io.err(`disclosure-check: ${cliText("zh").badLang(langArg)}`);
    return 2;
  }
  const lang: Lang = langArg;
  const T = cliText(lang);
  const say = (e: unknown) => io.err(`disclosure-check: ${errorText(e, lang)}`);
  if (args.values.help) {
    io.out(usage(lang));
    return 0;
  }
  if (args.values.version) {
    io.out(version());
    return 0;
  }
  if ((args.values["insert-columns"] || args.values.export) && !args.values.out) {
    io.err(`disclosure-check: ${T.needsOut}\n${usage(lang)}`);
    return 2;
  }
  const limits = { ...DEFAULT_BATCH_LIMITS };
  if (args.values["time-limit"] !== undefined) {
    const seconds = Number(args.values["time-limit"]);
    if (!args.values.summary || !Number.isFinite(seconds) || seconds <= 0) {
      io.err(`disclosure-check: ${T.timeLimit(args.values["time-limit"])}\n${usage(lang)}`);
      return 2;
    }
    limits.seconds = seconds;
  }
  let profile: ProfileSelection;
  try {
    profile = selectionFromArg(args.values.profile ?? "national");
  } catch (e) {
    say(e);
    return 2;
  }
  let layouts: SavedLayout[] = [];
  try {
    const r = layoutsFromFiles(args.values.layout ?? []);
    layouts = r.layouts;
    for (const p of r.problems) io.err(`disclosure-check: ${p}`);
  } catch (e) {
    say(e);
    return 2;
  }
  const inputs = args.positionals.length > 0 ? args.positionals : [SAMPLE_WORKBOOK];
  const { files, missing, problems } = expandInputs(inputs);
  let unreadable = missing.length > 0 || problems.length > 0;
  for (const m of missing) io.err(`disclosure-check: ${T.missing(m)}`);
  for (const p of problems) io.err(`disclosure-check: ${p}`);
  if (files.length === 0 && missing.length === 0) {
    io.err(`disclosure-check: ${T.noWorkbooks(inputs)}`);
    return 2;
  }
  const guard = new OutputGuard(files, !!args.values.force);
  const roots = inputs.filter((i) => fs.existsSync(i) && fs.statSync(i).isDirectory());
  const direct = files.filter((f) => !roots.some((r) => path.resolve(f).startsWith(path.resolve(r) + path.sep)));
  if (direct.length > 0) roots.push(commonFolder(direct));
  const intoFolder =
    !!args.values.out &&
    (files.length > 1 ||
      /[\\/]$/.test(args.values.out) ||
      (fs.existsSync(args.values.out) && fs.statSync(args.values.out).isDirectory()));
  try {
    if (args.values.json) guard.check(args.values.json, "--json");
    if (args.values.summary) guard.check(args.values.summary, "--summary");
  } catch (e) {
    say(e);
    return 2;
  }
  io.out(
    T.header(
      version(),
      selectionId(profile),
      profile === "auto" ? T.autoName : lang === "zh" ? profile.name.zh : profile.name.en,
    ),
  );
  const report: JsonReport = { tool: "disclosure-check", version: version(), profile: selectionId(profile), files: [] };
  if (args.values.summary) {
    // --out with --summary: each worker writes its file's annotated copy; the paths are checked here first.
    const copies = new Map<string, FileJob["copy"]>();
    if (args.values.out) {
      for (const file of files) {
        const planned = copyPathFor(file, args.values.out, intoFolder, roots);
        const target = intoFolder ? guard.freeName(planned) : planned;
        try {
          guard.check(target, "--out");
          copies.set(file, {
            target,
            insertColumns: !!args.values["insert-columns"],
            export: !!args.values.export,
            lang,
          });
        } catch (e) {
          unreadable = true;
          say(e);
        }
      }
    }
    const code = await runBatch(
      files,
      args.values.profile ?? "national",
      args.values.sheet,
      args.values.summary,
      report,
      io,
      args.values.layout ?? [],
      limits,
      T,
      copies,
    );
    const jsonOk = writeJson(args.values.json, report, io, T);
    return unreadable || !jsonOk ? 2 : code;
  }
  let errors = 0;
  const totals = { tables: 0, error: 0, warning: 0, info: 0 };
  const every: Finding[] = [];
  for (const file of files) {
    let checked;
    try {
      checked = await checkFile(file, profile, args.values.sheet, layouts);
    } catch (e) {
      unreadable = true;
      say(e);
      report.files.push({ file, error: (e as Error).message, tables: [], findings: [], sheets: [] });
      continue;
    }
    report.files.push(checked.json);
    io.out(formatFile(checked, T));
    for (const { result } of checked.results) {
      totals.tables += result.tables.length;
      totals.error += result.counts.error;
      totals.warning += result.counts.warning;
      totals.info += result.counts.info;
      errors += result.counts.error;
      every.push(...result.findings);
    }
    if (args.values.out) {
      const planned = copyPathFor(file, args.values.out, intoFolder, roots);
      // Two inputs whose relative paths coincide (a/x.xlsx and b/x.xlsx given as two folders) get "x (2).checked.xlsx".
      const target = intoFolder ? guard.freeName(planned) : planned;
      try {
        guard.check(target, "--out");
        const copy = writeCopy(checked, file, target, {
          insertColumns: !!args.values["insert-columns"],
          export: !!args.values.export,
          profile: selectionId(profile),
          lang,
        });
        io.out(T.copyWritten(target, copy.cells, args.values["insert-columns"] ? copy.recomputed : null, copy.paper));
        for (const r of copy.refused) io.err(`disclosure-check: ${r}`);
      } catch (e) {
        unreadable = true;
        if (e instanceof OutputRefused || e instanceof CliError) say(e);
        else io.err(`disclosure-check: ${T.copyFailed(file, (e as Error).message)}`);
      }
    }
  }
  io.out(T.total(files.length, totals.tables, totals));
  io.out(`       ${categoryText(categoryCounts(every), lang)}`);
  if (!writeJson(args.values.json, report, io, T)) return 2;
  if (unreadable) return 2;
  return errors > 0 ? 1 : 0;
}

/** Writes the JSON report to `file` when one was asked for. Output: false (after a message) when it could not be written. */
function writeJson(
  file: string | undefined,
  report: JsonReport,
  io: { out: (s: string) => void; err: (s: string) => void },
  T: CliText,
): boolean {
  if (!file) return true;
  try {
    writeAtomic(file, JSON.stringify(report, null, 2) + "\n");
  } catch (e) {
    io.err(`disclosure-check: ${errorText(e, T.lang)}`);
    return false;
  }
  io.out(T.jsonWritten(file));
  return true;
}

/**
 * Batch mode (--summary): checks the files on worker threads, one line per file, then writes the summary
 * workbook. Output: the exit code (2 when a file could not be checked, else 1 when any error finding,
 * else 0). The progress bar goes to stderr, only on a terminal.
 */
async function runBatch(
  files: string[],
  profileArg: string,
  sheet: string | undefined,
  summary: string,
  report: JsonReport,
  io: { out: (s: string) => void; err: (s: string) => void },
  layoutFiles: string[] = [],
  limits = DEFAULT_BATCH_LIMITS,
  T: CliText = cliText("zh"),
  copies: Map<string, FileJob["copy"]> = new Map(),
): Promise<number> {
  const tty = process.stderr.isTTY === true;
  io.out(T.batchStart(files.length, workerCount(files.length)));
  const outcomes = await checkFiles(
    files,
    profileArg,
    sheet,
    (done, total, file) => {
      if (tty) process.stderr.write(`\r${progressLine(done, total, file)}\x1b[K${done === total ? "\n" : ""}`);
    },
    layoutFiles,
    limits,
    copies,
  );
  const totals = { tables: 0, error: 0, warning: 0, info: 0 };
  let failed = 0;
  let copyFailed = false;
  for (const o of outcomes) {
    report.files.push(o.json);
    if (o.error) {
      failed++;
      io.err(`disclosure-check: ${o.error}`);
      continue;
    }
    const c = { error: 0, warning: 0, info: 0 };
    for (const t of o.tables) for (const k of ["error", "warning", "info"] as const) c[k] += t.counts[k];
    totals.tables += o.tables.length;
    for (const k of ["error", "warning", "info"] as const) totals[k] += c[k];
    io.out(T.batchFile(o.file, o.tables.length, c));
    if (o.copy) {
      io.out(
        T.copyWritten(
          o.copy.target,
          o.copy.cells,
          copies.get(o.file)?.insertColumns ? o.copy.recomputed : null,
          o.copy.paper,
        ),
      );
      for (const r of o.copy.refused) io.err(`disclosure-check: ${r}`);
    }
    if (o.copyError) {
      copyFailed = true;
      io.err(`disclosure-check: ${o.copyError}`);
    }
  }
  let written: { tables: number; failures: number };
  try {
    written = await writeSummary(outcomes, summary);
  } catch (e) {
    io.err(`disclosure-check: ${errorText(e, T.lang)}`);
    return 2;
  }
  io.out(T.total(files.length, totals.tables, totals, failed));
  io.out(T.summaryWritten(summary, written.tables, written.failures));
  if (failed > 0 || copyFailed) return 2;
  return totals.error > 0 ? 1 : 0;
}
