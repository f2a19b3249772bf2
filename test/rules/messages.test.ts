/**
 * Every note is written from a named template of its rule's module: the finding's messageId names it and
 * its fields fill it. Checked over every finding the fixtures give (seeds and provinces, both profiles),
 * and over the templates themselves (Chinese first: no English words in a Chinese note).
 */
import * as fs from "fs";
import { MESSAGES as accountsChecks } from "../../src/rules/accounts/checks";
import { SUM_MESSAGES } from "../../src/rules/accounts/amounts";
import { MESSAGES as accountsTies } from "../../src/rules/accounts/ties";
import { COMMON_MESSAGES } from "../../src/rules/checks/common";
import { MESSAGES as consistency } from "../../src/rules/checks/consistency";
import { MESSAGES as departs } from "../../src/rules/checks/departs";
import { MESSAGES as fund } from "../../src/rules/checks/fund";
import { MESSAGES as groups } from "../../src/rules/checks/groups";
import { MESSAGES as indicator } from "../../src/rules/checks/indicator";
import { MESSAGES as rootCause } from "../../src/rules/checks/rootCause";
import { MESSAGES as table } from "../../src/rules/checks/table";
import { MESSAGES as texts } from "../../src/rules/checks/texts";
import { MESSAGES as evaluationTies } from "../../src/rules/evaluationTies";
import { placeholders, say, type MessageTemplate } from "../../src/rules/messages";
import { MESSAGES as budgetVariance } from "../../src/rules/narrative/budgetVariance";
import { MESSAGES as change } from "../../src/rules/narrative/change";
import { MESSAGES as share } from "../../src/rules/narrative/share";
import { MESSAGES as sum } from "../../src/rules/narrative/sum";
import { MESSAGES as tableTie } from "../../src/rules/narrative/tableTie";
import { getProfile } from "../../src/rules/profiles";
import { MESSAGES as coverage } from "../../src/tables/coverage";
import { MIXED_MESSAGES, validateSheets } from "../../src/tables/validate";
import type { Finding } from "../../src/rules/types";
import { FIXTURES, loadSheets } from "../helpers";

type Set = Record<string, MessageTemplate>;
/** The template sets a rule's notes may come from, by rule family. */
const SETS: Array<[RegExp, Set[]]> = [
  [/^(fund|indicator|table\.(total-score|weight-sum|name-missing))|^cell\.unreadable$/, [COMMON_MESSAGES, fund, indicator, table, SUM_MESSAGES]],
  [/^table\.(execution-vs-output)$/, [consistency, rootCause]],
  [/^indicator\.(over-achievement|reverse-as-positive)$/, [consistency, COMMON_MESSAGES]],
  [/^table\.group-weight$/, [groups, COMMON_MESSAGES]],
  [/^table\.(text-tie|cost-sum)$/, [texts]],
  [/^table\.(not-checked|unmapped-column)$/, [coverage]],
  [/^profile\.departs$/, [departs]],
  [/^profile\.mixed$/, [MIXED_MESSAGES]],
  [/^accounts\.cross-table$/, [accountsTies, SUM_MESSAGES]],
  [/^accounts\./, [accountsChecks, SUM_MESSAGES]],
  [/^narrative\.share$/, [share]],
  [/^narrative\.change$/, [change]],
  [/^narrative\.sum$/, [sum]],
  [/^narrative\.budget-variance$/, [budgetVariance]],
  [/^narrative\.table-tie$/, [tableTie, evaluationTies]],
];
const ALL: Set[] = [...new Set(SETS.flatMap(([, s]) => s))];

/** The note without its qualifier (复核（舍入差异）：→ 复核：), for comparison with the bare template. */
const bare = (s: string) => s.replace(/^复核（[^）]*）：/, "复核：").replace(/^Check \([^)]*\):/, "Check:");

function explained(f: Finding): boolean {
  const sets = SETS.filter(([re]) => re.test(f.rule)).flatMap(([, s]) => s);
  return sets.some((set) => {
    if (!(f.messageId in set)) return false;
    try {
      const said = say(set, f.messageId, f.fields);
      // Notes appended after the template (the inference's verdict, the stated rate) keep the template's id.
      return bare(f.message).startsWith(bare(said.message)) && bare(f.messageEn).startsWith(bare(said.messageEn));
    } catch {
      return false;
    }
  });
}

test("every finding of the fixtures is its rule's template filled with its fields (both languages)", async () => {
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".xlsx"));
  expect(files.length).toBeGreaterThan(10);
  const seen = new Map<string, number>();
  const wrong: string[] = [];
  for (const file of files) {
    const sheets = await loadSheets(file);
    for (const profile of ["national", "auto"]) {
      const v = validateSheets(sheets, profile === "auto" ? "auto" : getProfile(profile));
      for (const s of v.sheets)
        for (const f of s.result.findings) {
          const key = `${f.rule} ${f.messageId}`;
          seen.set(key, (seen.get(key) ?? 0) + 1);
          if (!explained(f)) wrong.push(`${file} ${s.name}!${f.cell} ${key}: ${f.message}`);
        }
    }
  }
  expect(wrong).toEqual([]);
  // The fixtures exercise most templates: at least one finding per rule family's main note.
  for (const key of ["indicator.score disagreeBy", "fund.score disagreeBy", "narrative.sum identity", "profile.departs departs", "accounts.cross-table tieRounding", "table.text-tie textVsActual"])
    expect([key, seen.get(key) ?? 0]).not.toEqual([key, 0]);
}, 300_000);

test("templates: every placeholder is filled, Chinese notes carry no English words, English notes no Chinese sentence", () => {
  for (const set of ALL)
    for (const [id, t] of Object.entries(set)) {
      const { zh, en } = placeholders(t);
      const fields = Object.fromEntries([...zh, ...en].map((n) => [n, `«${n}»`]));
      const said = say(set, id, fields);
      expect(said.message).not.toMatch(/\{\w+\}/);
      // Chinese: no Latin word of two letters or more (B / A and a --layout option are symbols, not words).
      const zhText = t.zh.replace(/\{\w+\}/g, "").replace(/--[a-z-]+/g, "");
      expect([id, zhText.match(/[A-Za-z]{2,}/g)]).toEqual([id, null]);
      // English: the Chinese it holds is a term in a placeholder or a named item, never a Chinese sentence.
      const enText = t.en.replace(/\{\w+\}/g, "");
      expect([id, /[\u4e00-\u9fff]{2,}[，。；：]/.test(enText)]).toEqual([id, false]);
      // The English note says nothing the Chinese one does not: its fields are the Chinese one's (or their En twins).
      const base = (n: string) => n.replace(/En$/, "");
      expect([id, en.map(base).filter((n) => !zh.map(base).includes(n))]).toEqual([id, []]);
    }
});

test("a missing field is a programming error, not a note with a hole in it", () => {
  expect(() => say(COMMON_MESSAGES, "disagree", { what: "完成率" })).toThrow(/no value for \{/);
});

