/**
 * Every text the command line prints, in Chinese (the default) and English (`--lang en`). Table kinds and
 * claim kinds use the task pane's words (src/taskpane/i18n/strings.ts), so that the CLI, the pane and the
 * ribbon say the same thing. Terminal columns are measured with string-width (a CJK character is two
 * columns wide).
 */
import stringWidth from "string-width";
import type { ClaimKind } from "../rules/narrative";
import type { Severity, TableKind, TableLayout } from "../rules/types";
import { CLAIM_STRING, en as paneEn, zh as paneZh } from "../taskpane/i18n/strings";

export type Lang = "zh" | "en";

/** Pads `s` with spaces to `n` terminal columns (CJK characters count two). */
export function pad(s: string | number, n: number): string {
  const t = String(s);
  return t + " ".repeat(Math.max(0, n - stringWidth(t)));
}

/** An error whose message is Chinese, with its English text beside it (for `--lang en`). */
export class CliError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(zh);
  }
}

/** The message of any error in the user's language: the English text where the error carries one. */
export function errorText(e: unknown, lang: Lang): string {
  const x = e as { en?: unknown; problem?: { zh: string; en: string }; message?: string };
  if (lang === "en") {
    if (typeof x.en === "string") return x.en;
    if (x.problem) return x.problem.en;
  }
  return x.message ?? String(e);
}

const ACCOUNTS_NO: Partial<Record<TableKind, string>> = {
  "income-expenditure-summary": "01",
  income: "02",
  expenditure: "03",
  "fiscal-income-expenditure-summary": "04",
  "general-budget-expenditure": "05",
  "general-budget-basic-expenditure": "06",
  "government-fund": "07",
  "state-capital-operation": "08",
  "three-public-expenses": "09",
};

const LAYOUT: Record<Lang, Record<TableLayout, string>> = {
  zh: { "2024": "2024版", "2020": "2020版", unit: "单位整体", unscored: "无评分", accounts: "决算表", text: "文字" },
  en: { "2024": "2024", "2020": "2020", unit: "unit", unscored: "unscored", accounts: "accounts", text: "text" },
};

const SEVERITY: Record<Lang, Record<Severity, string>> = {
  zh: { error: "错误", warning: "警告", info: "提示" },
  en: { error: "ERROR", warning: "WARNING", info: "INFO" },
};

/** The CLI's words in one language. */
export function cliText(lang: Lang) {
  const pane = lang === "zh" ? paneZh : paneEn;
  const zh = lang === "zh";
  return {
    lang,
    /** A table kind, short: 项目 / 单位整体 / 公开01表 … / 公开说明. */
    kind: (k: TableKind): string => {
      const no = ACCOUNTS_NO[k];
      if (no) return zh ? `公开${no}表` : `accounts ${no}`;
      if (k === "project-self-evaluation") return zh ? "项目" : "project";
      if (k === "unit-self-evaluation") return zh ? "单位整体" : "unit";
      return zh ? "公开说明" : "text";
    },
    layout: (l: TableLayout) => LAYOUT[lang][l],
    severity: (s: Severity) => SEVERITY[lang][s],
    claim: (k: ClaimKind) => pane[CLAIM_STRING[k]] as string,
    header: (version: string, id: string, name: string) =>
      zh
        ? `disclosure-check ${version} — 评分口径：${name}（${id}）`
        : `disclosure-check ${version} — profile ${id}: ${name}`,
    autoName: zh ? "每张表按其自身得分识别的口径复核" : "each table under the profile its own scores follow",
    emptySheet: (sheet: string) =>
      zh ? `  工作表 ${sheet}：空工作表，没有可复核的内容` : `  sheet ${sheet}: empty sheet, nothing to check`,
    noTable: (sheet: string) =>
      zh
        ? `  工作表 ${sheet}：没有找到公开表格（查找了绩效自评表的表头、公开01–09表的表名和公开说明文字）`
        : `  sheet ${sheet}: no disclosure table found (looked for 绩效自评表 headers, the titles of 公开01–09表, and 公开说明 text)`,
    sheetLine: (sheet: string, tables: number, byKind: string, checks: number, c: Record<Severity, number>) =>
      zh
        ? `  工作表 ${sheet}：${tables} 张表（${byKind}），检查 ${checks} 项，错误 ${c.error}、警告 ${c.warning}、提示 ${c.info}`
        : `  sheet ${sheet}: ${tables} tables (${byKind}), ${checks} checks, ${c.error} errors, ${c.warning} warnings, ${c.info} info`,
    byKind: (counts: Array<[string, number]>) =>
      counts.map(([k, n]) => (zh ? `${k} ${n} 张` : `${n} ${k}`)).join(zh ? "、" : ", "),
    tableColumns: zh
      ? ["序号", "区域", "类型", "版式", "检查", "错", "警", "提", "吻合", "表名"]
      : ["#", "range", "kind", "layout", "checks", "E", "W", "I", "fit", "title"],
    untitled: zh ? "（无名称）" : "(untitled)",
    /** A table none of whose figures entered a check. */
    noChecks: zh
      ? "（未复核任何数字：表格结构未能识别完整）"
      : "(no figure checked: the table's layout was not fully recognised)",
    claims: (parts: Array<[ClaimKind, { found: number; disagree: number }]>) =>
      (zh ? "    公开说明中的陈述：" : "    claims in the text: ") +
      parts
        .map(([k, c]) =>
          zh
            ? `${pane[CLAIM_STRING[k]]} ${c.found} 处${c.disagree ? `（不符 ${c.disagree}）` : ""}`
            : `${k} ${c.found}${c.disagree ? ` (${c.disagree} disagree)` : ""}`,
        )
        .join(zh ? "，" : ", "),
    fitTitle: zh
      ? "    评分口径吻合情况（吻合 = 按推断口径可得出的表列得分）："
      : "    scoring-profile fit (explained = stated scores the inferred profile reproduces):",
    fitColumns: zh
      ? ["推断口径", "表数", "吻合", "r≠100%", "占比"]
      : ["inferred profile", "tables", "explained", "r≠100%", "share"],
    allTables: zh ? "全部表格" : "all tables",
    findings: zh ? "    问题：" : "    findings:",
    findingHead: (table: number | null, stated: string, expected: string) =>
      zh
        ? `${table !== null ? `第${table}表  ` : ""}表列 ${stated || "（空）"}${expected ? `  应为 ${expected}` : ""}`
        : `${table !== null ? `table ${table}  ` : ""}stated ${stated || "(empty)"}${expected ? `  expected ${expected}` : ""}`,
    copyWritten: (
      target: string,
      cells: number,
      recomputed: number | null,
      paper: { sheet: string; rows: number; updated: boolean } | null,
    ) =>
      zh
        ? `  批注副本：${target}（标注单元格 ${cells} 个${recomputed !== null ? `，写入复核值 ${recomputed} 个` : ""}${
            paper
              ? `，工作底稿「${paper.sheet}」${paper.rows} 行${paper.updated ? "（已更新原底稿，保留复核状态与审计说明）" : ""}`
              : ""
          }）`
        : `  annotated copy: ${target} (${cells} cells marked${recomputed !== null ? `, ${recomputed} recomputed values` : ""}${
            paper
              ? `, working paper “${paper.sheet}” ${paper.rows} rows${paper.updated ? " (the earlier paper updated; review status and notes kept)" : ""}`
              : ""
          })`,
    notXlsx: (file: string) =>
      new CliError(
        `${file} 不是 .xlsx 工作簿（已按只读方式校验），不生成批注副本。请另存为 .xlsx 后再生成。`,
        `${file} is not an .xlsx workbook (checked read-only); no annotated copy. Save it as .xlsx first.`,
      ),
    copyFailed: (file: string, why: string) =>
      zh ? `${file}：生成批注副本失败（${why}）` : `${file}: the annotated copy could not be written (${why})`,
    total: (files: number, tables: number, c: Record<Severity, number>, failed = 0) =>
      zh
        ? `合计：${files} 个文件，${tables} 张表，错误 ${c.error}、警告 ${c.warning}、提示 ${c.info}${failed ? `；${failed} 个文件未能校验` : ""}`
        : `Total: ${files} file(s), ${tables} tables, ${c.error} errors, ${c.warning} warnings, ${c.info} info${
            failed ? `, ${failed} file(s) could not be checked` : ""
          }`,
    jsonWritten: (file: string) => (zh ? `JSON 报告：${file}` : `JSON report: ${file}`),
    batchStart: (files: number, workers: number) =>
      zh
        ? `批量校验：${files} 个文件，${workers} 个工作线程`
        : `batch: ${files} file(s) on ${workers} worker thread(s)`,
    batchFile: (file: string, tables: number, c: Record<Severity, number>) =>
      zh
        ? `  ${file}：${tables} 张表，错误 ${c.error}、警告 ${c.warning}、提示 ${c.info}`
        : `  ${file}: ${tables} tables, ${c.error} errors, ${c.warning} warnings, ${c.info} info`,
    summaryWritten: (file: string, rows: number, failures: number) =>
      zh
        ? `汇总表：${file}（表格 ${rows} 行，未能校验的文件 ${failures} 个）`
        : `summary workbook: ${file} (${rows} table rows, ${failures} failed files)`,
    missing: (p: string) => (zh ? `找不到文件或文件夹：${p}` : `no such file or folder: ${p}`),
    noWorkbooks: (inputs: string[]) =>
      zh
        ? `${inputs.join("、")} 中没有工作簿（.xlsx、.xlsm、.xls、.et、.ods）。`
        : `no workbook (.xlsx, .xlsm, .xls, .et, .ods) in ${inputs.join(", ")}.`,
    /** Node's parseArgs error, said in the user's language. */
    badArgs: (e: { code?: string; message: string }) => {
      const option = /'(-[^' ]+)/.exec(e.message)?.[1] ?? "";
      if (!zh) return `bad arguments: ${e.message}`;
      if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `无法识别的选项「${option}」。`;
      if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `选项「${option}」的值有误或缺少值。`;
      return "参数有误，请对照下面的用法。";
    },
    needsOut: zh
      ? "--insert-columns 和 --export 写入批注副本：请加 --out 指定副本路径。"
      : "--insert-columns and --export write into the annotated copy: add --out",
    timeLimit: (got: string) =>
      zh
        ? `--time-limit 是批量校验（--summary）中每个文件的时限，单位为秒，应为正数（收到「${got}」）。`
        : `--time-limit is the time one file may take in batch mode (--summary), in seconds, a positive number (got “${got}”).`,
    badLang: (got: string) => `--lang 应为 zh 或 en（收到「${got}」）。 / --lang must be zh or en (got “${got}”).`,
  };
}

export type CliText = ReturnType<typeof cliText>;
