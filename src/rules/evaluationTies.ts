/**
 * The 公开说明 text against the self-evaluation tables of the same workbook (issue "Findings an auditor can
 * trust"): "形成整体支出绩效自评表1个，全年预算总额26,854.92万元，实际执行总额26,843.22万元；预算绩效评价项目47个，
 * 全年预算数10,495.09万元，全年执行数10,464.39万元" (seed 000) against the tables found — how many, and the Σ of
 * their 全年预算数 and 全年执行数. Reported as `narrative.table-tie` on the paragraph.
 */
import { toA1 } from "./address";
import { say, type Said } from "./messages";
import { compareSum } from "./compare";
import { Decimal, grouped } from "./decimal";
import { normalizeParagraph, type NarrativeParagraph } from "./narrative";
import { quietAmount } from "./rows";
import type { Finding, SelfEvaluationTable } from "./types";

/** A self-evaluation table with where it is (sheet name "" when the workbook has one sheet). */
export interface PlacedEvaluationTable {
  table: SelfEvaluationTable;
  sheetName: string;
}

/** The sentences the text states the tables in (data: one entry per wording seen). */
/** The notes of the text against the self-evaluation tables, by id (`count` and `amount` are parts of `tables`). */
export const MESSAGES = {
  tables: {
    zh: "复核：说明中「{quote}」与工作簿中的{what}不一致：{problems}。",
    en: "Check: the text's \"{quote}\" disagrees with the workbook's tables: {problemsEn}.",
  },
  count: {
    zh: "说明称{what} {stated} 个，工作簿中有 {found} 个",
    en: "the text counts {stated} tables, the workbook has {found}",
  },
  amount: {
    zh: "{figure}合计应为 {expected} 万元（各表之和），说明写 {stated} 万元",
    en: "the {figureEn} should total {expected} (the tables' sum), the text says {stated}",
  },
} as const;

const CLAIMS: ReadonlyArray<{ kind: "project" | "unit"; re: RegExp }> = [
  {
    kind: "unit",
    re: /(?:整体支出绩效自评表|整体支出绩效评价表)(\d+)个[，,]?全年预算总额([\d,]+(?:\.\d+)?)万元[，,]?实际执行总额([\d,]+(?:\.\d+)?)万元/,
  },
  {
    kind: "project",
    re: /(?:预算绩效评价项目|绩效自评项目|项目支出绩效自评表)(\d+)个[，,]?全年预算数([\d,]+(?:\.\d+)?)万元[，,]?全年执行数([\d,]+(?:\.\d+)?)万元/,
  },
];

export interface EvaluationTiesResult {
  findings: Finding[];
  /** Claims found and how many disagree (counted as table ties). */
  found: number;
  disagree: number;
  checks: number;
}

/**
 * Checks the text's statements about the self-evaluation tables.
 * Inputs: the paragraphs, every self-evaluation table of the workbook, the profile id and the narrative's
 * index in its sheet's report. Output: findings on the paragraphs (`narrative.table-tie`), claim counts and
 * comparisons. Nothing is compared when the workbook has no self-evaluation table of that kind.
 */
export function checkEvaluationClaims(
  paragraphs: NarrativeParagraph[],
  tables: PlacedEvaluationTable[],
  profile: string,
  tableIndex: number,
): EvaluationTiesResult {
  const out: EvaluationTiesResult = { findings: [], found: 0, disagree: 0, checks: 0 };
  for (const p of paragraphs) {
    const text = normalizeParagraph(p.text);
    for (const { kind, re } of CLAIMS) {
      const m = re.exec(text);
      if (!m) continue;
      const mine = tables.filter((t) =>
        kind === "unit" ? t.table.kind === "unit-self-evaluation" : t.table.kind === "project-self-evaluation",
      );
      if (mine.length === 0) continue;
      out.found++;
      const what = kind === "unit" ? "整体支出绩效自评表" : "项目支出绩效自评表";
      const problems: Said[] = [];
      out.checks++;
      if (Number(m[1]) !== mine.length) {
        problems.push(say(MESSAGES, "count", { what, stated: m[1], found: mine.length }));
      }
      for (const [i, key, name, nameEn] of [
        [2, "budgetFull", "全年预算数", "full-year budget"],
        [3, "executed", "全年执行数", "amount executed"],
      ] as const) {
        const amounts = mine.map((t) => quietAmount(t.table.fund?.total?.[key]));
        if (amounts.some((a) => !a)) continue; // a table without the figure: the sum says nothing
        out.checks++;
        const stated = new Decimal(m[i].replace(/,/g, ""));
        const decimals = m[i].includes(".") ? m[i].split(".")[1].length : 0;
        const c = compareSum(
          { kind: "number", value: stated, decimals },
          amounts.map((a) => a!.value),
        );
        if (c.verdict === "disagree") {
          problems.push(
            say(MESSAGES, "amount", {
              figure: name,
              figureEn: nameEn,
              expected: grouped(c.sum, decimals),
              stated: m[i],
            }),
          );
        }
      }
      if (problems.length === 0) continue;
      out.disagree++;
      const c = p.cell;
      out.findings.push({
        rule: "narrative.table-tie",
        severity: "error",
        category: "arithmetic",
        row: c.row,
        col: c.col,
        cell: toA1(c.row, c.col),
        stated: m[0],
        expected: "",
        formula:
          mine
            .slice(0, 3)
            .map((t) => `${t.sheetName ? `${t.sheetName}!` : ""}${t.table.title || what}`)
            .join("、") + (mine.length > 3 ? ` 等 ${mine.length} 张` : ""),
        ...say(MESSAGES, "tables", {
          quote: m[0],
          what,
          problems: problems.map((x) => x.message).join("；"),
          problemsEn: problems.map((x) => x.messageEn).join("; "),
        }),
        profile,
        table: tableIndex,
      });
    }
  }
  return out;
}
