/**
 * The summary an auditor reads first: arithmetic errors apart from rule differences, e.g.
 * `计算错误 3 · 口径差异 45 行（16 张表） · 缺失 2 · 无法复核 4 · 提示 11` (issue "Findings an auditor can trust").
 */
import type { Finding } from "../rules/types";

export interface CategoryCounts {
  /** Errors of category arithmetic (what exit code 1 means). */
  arithmetic: number;
  /** Rows whose stated score follows another rule than the chosen one (info of category rule). */
  ruleRows: number;
  /** Tables that depart from the chosen rule (profile.departs), and workbook-level mixed rules. */
  ruleTables: number;
  /** Other rule warnings: rules mixed within a workbook, a met ceiling scored as a positive row. */
  ruleWarnings: number;
  /** Findings of category missing and reading (any severity). */
  missing: number;
  reading: number;
  /** Other notes: arithmetic info (rounding) and arithmetic warnings. */
  other: number;
}

/** Counts findings by category. Input: any findings. Output: the counts (see CategoryCounts). */
export function categoryCounts(findings: Finding[]): CategoryCounts {
  const c: CategoryCounts = {
    arithmetic: 0,
    ruleRows: 0,
    ruleTables: 0,
    ruleWarnings: 0,
    missing: 0,
    reading: 0,
    other: 0,
  };
  for (const f of findings) {
    if (f.category === "arithmetic") {
      if (f.severity === "error") c.arithmetic++;
      else c.other++;
    } else if (f.category === "rule") {
      if (f.rule === "profile.departs") c.ruleTables++;
      else if (f.severity === "info") c.ruleRows++;
      else c.ruleWarnings++;
    } else if (f.category === "missing") c.missing++;
    else c.reading++;
  }
  return c;
}

/** The summary line in Chinese or English. */
export function categoryText(c: CategoryCounts, lang: "zh" | "en" = "zh"): string {
  if (lang === "en") {
    return [
      `arithmetic errors ${c.arithmetic}`,
      `rule differences ${c.ruleRows} rows (${c.ruleTables} tables)${c.ruleWarnings ? `, ${c.ruleWarnings} rule warnings` : ""}`,
      `missing ${c.missing}`,
      `not checkable ${c.reading}`,
      `notes ${c.other}`,
    ].join(" · ");
  }
  return [
    `计算错误 ${c.arithmetic}`,
    `口径差异 ${c.ruleRows} 行（${c.ruleTables} 张表）${c.ruleWarnings ? `，口径提醒 ${c.ruleWarnings} 项` : ""}`,
    `缺失 ${c.missing}`,
    `无法复核 ${c.reading}`,
    `提示 ${c.other}`,
  ].join(" · ");
}
