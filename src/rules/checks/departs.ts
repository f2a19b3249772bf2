/**
 * profile.departs — 口径差异 apart from arithmetic errors (issue "Findings an auditor can trust").
 *
 * Under a chosen profile, a stated score that the chosen rule does not reproduce but the table's own
 * inferred rule does is a method choice of the unit, not a wrong figure. Such rows stay in the report as
 * `info` findings of category `rule` (listed under their table, not highlighted one by one), and the
 * table gets one warning at its title: which rules differ from the chosen profile, how many rows, and the
 * 总分 the table would have under the chosen profile. A `-strict` profile (`national-strict`) keeps the
 * per-cell errors; under `auto` each table is judged under its own rule, so nothing departs.
 *
 * Source: rules-reference §2 ("What the seed tables really do": one workbook mixes rules; the software
 * names each rule and says which profile each finding was judged under).
 */
import { toA1 } from "../address";
import { Decimal } from "../decimal";
import { rowFitAt, type TableFit } from "../inference";
import { parseScore } from "../parse";
import { differences, strictLabel, type ScoringProfile } from "../profiles";
import type { Finding, SelfEvaluationTable } from "../types";
import { joinSaid, say, type Said } from "../messages";
import { shown } from "./common";

const SCORE_RULES = new Set(["fund.score", "indicator.score"]);

/** The notes of profile.departs, by id. */
export const MESSAGES = {
  departs: {
    zh: "复核（口径差异）：本表得分遵循「{inferred}」，与所选「{chosen}」不同：{differences}。按所选口径不同的得分有 {rows} 项（{cells}），已列为提示，不逐格标注。",
    en: 'Check (scoring rule): the table\'s scores follow "{inferredEn}", not the chosen "{chosenEn}": {differencesEn}. {rows} score(s) differ under the chosen rule ({cellsEn}); they are listed as info, not highlighted.',
  },
  totalUnderChosen: {
    zh: "按所选口径，本表总分应为 {total}（表列 {stated}）。",
    en: "Under the chosen rule the table's total would be {total} (stated {stated}).",
  },
  totalUnderChosenAbout: {
    zh: "按所选口径，本表总分约为 {total}（表列 {stated}）。",
    en: "Under the chosen rule the table's total would be about {total} (stated {stated}).",
  },
  strictHint: {
    zh: "如需逐格报错，请选择「{strict}」。",
    en: 'For an error on every cell, choose "{strictEn}".',
  },
} as const;

/**
 * Groups the score errors that the table's own rule explains into one `profile.departs` finding.
 * Inputs: the table, the profile it was judged under, its fit (inferred profile and per-row fit), whether
 * the selection was `auto`, the table's index, and its findings. Output: the findings with those rows
 * turned into `rule` infos and the table-level warning added (unchanged when nothing departs).
 */
export function groupDepartures(
  t: SelfEvaluationTable,
  profile: ScoringProfile,
  fit: TableFit | undefined,
  auto: boolean,
  tableIndex: number,
  findings: Finding[],
): Finding[] {
  if (auto || profile.strict || !fit || fit.profile.id === profile.id) return findings;
  const departed = findings.filter(
    (f) => SCORE_RULES.has(f.rule) && f.severity === "error" && !!rowFitAt(fit, f)?.explained,
  );
  if (departed.length === 0) return findings;
  for (const f of departed) {
    f.severity = "info";
    f.category = "rule";
    f.message = f.message.replace(/^复核：/, "复核（口径差异）：");
    f.messageEn = f.messageEn.replace(/^Check:/, "Check (scoring rule):");
  }
  // Only the rules the departing rows depend on (the inferred profile's other choices are not evidence).
  const dims = new Set(departed.flatMap((f) => rowFitAt(fit, f)?.dims ?? []));
  const diffs = differences(fit.profile, profile, [...dims]);
  const names = departed
    .slice(0, 6)
    .map((f) => `${f.cell}`)
    .join("、");
  // The 总分 under the chosen rule: the stated 总分 with each departed score replaced by the chosen rule's.
  let total: Said | null = null;
  let expected = "";
  const stated = t.total?.score ? parseScore(t.total.score) : null;
  if (stated && stated.kind === "number") {
    let sum = stated.value;
    let exact = true;
    for (const f of departed) {
      const s = parseScore({ text: f.stated });
      if (s.kind !== "number" || !/^-?\d+(\.\d+)?$/.test(f.expected)) {
        exact = false;
        continue;
      }
      sum = sum.plus(new Decimal(f.expected)).minus(s.value);
    }
    expected = sum.toFixed(2);
    total = say(MESSAGES, exact ? "totalUnderChosen" : "totalUnderChosenAbout", {
      total: expected,
      stated: shown(t.total!.score),
    });
  }
  const strict = strictLabel(profile);
  const note = joinSaid(
    say(MESSAGES, "departs", {
      inferred: fit.profile.name.zh,
      inferredEn: fit.profile.name.en,
      chosen: profile.name.zh,
      chosenEn: profile.name.en,
      differences: diffs.map((d) => d.zh).join("；"),
      differencesEn: diffs.map((d) => d.en).join("; "),
      rows: departed.length,
      cells: `${names}${departed.length > 6 ? " 等" : ""}`,
      cellsEn: `${departed
        .slice(0, 6)
        .map((f) => f.cell)
        .join(", ")}${departed.length > 6 ? " …" : ""}`,
    }),
    ...(total ? [total] : []),
    say(MESSAGES, "strictHint", { strict: strict.zh, strictEn: strict.en }),
  );
  const where = t.titleCell ?? departed[0];
  const finding: Finding = {
    rule: "profile.departs",
    severity: "warning",
    category: "rule",
    row: where.row,
    col: where.col,
    cell: toA1(where.row, where.col),
    stated: t.total?.score ? shown(t.total.score) : "",
    expected,
    formula: diffs.map((d) => d.zh).join("；"),
    ...note,
    profile: profile.id,
    table: tableIndex,
  };
  return [...findings, finding];
}
