/**
 * Profile inference: which scoring rule each table really follows (rules-reference §2 "What the seed
 * tables really do"), and whether the tables of one workbook follow the same one.
 *
 * For every table, each combination of choices (one option per rule, see CHOICE_OPTIONS) is scored by
 * the number of stated scores it reproduces. A row only depends on a few rules (a row below target on
 * the below-target rule and the rounding, the budget row on the budget rule and the rounding), so each
 * row is recomputed once per option of its own rules, not once per combination.
 */
import { scoreAgrees } from "./compare";
import { ONE } from "./decimal";
import {
  CHOICE_OPTIONS,
  DIMENSIONS,
  NATIONAL,
  PROFILES,
  choiceKey,
  profileFromChoices,
  type ChoiceOption,
  type Choices,
  type Dimension,
  type ScoringProfile,
} from "./profiles";
import { cellText, type StatedNumber } from "./parse";
import { quietAmount, quietPercent, quietScore, rowContexts } from "./rows";
import {
  budgetScoreForRate,
  executionRate,
  expectedIndicatorScore,
  isMet,
  rounded,
  scoringBasisOf,
  type Evaluation,
  withStatedRate,
  type ScoreExpectation,
} from "./scoring";
import type { SelfEvaluationTable, StatedCell } from "./types";

/** The options inference tries, per rule. `cap-review` scores like `cap`, so it is not a separate candidate. */
export const CANDIDATE_OPTIONS: { readonly [D in Dimension]: ReadonlyArray<ChoiceOption<D>> } = {
  ...CHOICE_OPTIONS,
  aboveTarget: CHOICE_OPTIONS.aboveTarget.filter((o) => o.key !== "cap-review"),
};

const RADIX = DIMENSIONS.map((d) => CANDIDATE_OPTIONS[d].length);
/** Number of candidate combinations (4 × 2 × 2 × 3 × 2 × 2 = 192). */
export const COMBINATIONS = RADIX.reduce((a, b) => a * b, 1);

/** Option index of dimension `i` in combination `c` (mixed radix, the first dimension least significant). */
function digit(c: number, i: number): number {
  let x = c;
  for (let j = 0; j < i; j++) x = Math.floor(x / RADIX[j]);
  return x % RADIX[i];
}

/** DIGITS[c][i] = digit(c, i), computed once. */
const DIGITS: number[][] = Array.from({ length: COMBINATIONS }, (_, c) => DIMENSIONS.map((_d, i) => digit(c, i)));

const CHOICES = new Map<number, Choices>();
/** The rule choices of combination `c` (memoised: the same 192 combinations serve every table). */
function choicesOfCombination(c: number): Choices {
  let ch = CHOICES.get(c);
  if (!ch) {
    ch = Object.freeze(
      Object.fromEntries(DIMENSIONS.map((d, i) => [d, CANDIDATE_OPTIONS[d][digit(c, i)].key])),
    ) as Choices;
    CHOICES.set(c, ch);
  }
  return ch;
}

/** One stated score that a profile can reproduce or not. */
export interface ScoredRow {
  kind: "budget" | "indicator";
  /** The stated score cell. */
  cell: StatedCell;
  /** 三级指标, or "预算执行率" for the budget row. */
  name: string;
  stated: StatedNumber;
  /** r ≠ 100%: the row where the rules can differ (below or above target, a missed deadline, …). */
  offTarget: boolean;
  /** The rules this row's score depends on. */
  dims: Dimension[];
  /**
   * Every figure the row's fit depends on (the evaluation, weight or amounts, the stated score and rate,
   * the scoring basis): two rows with the same key fit every profile alike, so their fits are computed once.
   * Empty for a row that depends on no rule (its one fit is computed directly).
   */
  key: string;
  /** The expected score under a profile, from the figures (r = B / A, 执行率 = 执行数 / 预算数). */
  expect(p: ScoringProfile): ScoreExpectation;
  /**
   * The expected score under a profile from the rate the table states (完成率 or 执行率), when that
   * differs from the computed one: systems often score from the rate as displayed.
   */
  expectFromStatedRate?: (p: ScoringProfile) => ScoreExpectation;
}

/** How a profile reproduces a stated score: from the figures, from the stated rate, or not at all. */
export type Fit = "figures" | "stated-rate" | null;

/** How one row fits. */
export interface RowFit {
  kind: ScoredRow["kind"];
  cell: StatedCell;
  name: string;
  offTarget: boolean;
  /** Reproduced by the table's inferred profile. */
  explained: boolean;
  /** How the inferred profile reproduces it. */
  via: Fit;
  /** Reproduced by at least one candidate combination (or the selected profile). */
  explainedByAny: boolean;
  /** The rules this row's score depends on. */
  dims: Dimension[];
}

/** The inferred profile of one table and how well it fits. */
export interface TableFit {
  profile: ScoringProfile;
  /** Stated scores that can be recomputed (indicator rows and the budget row). */
  scoredRows: number;
  /** Of those, reproduced by `profile`. */
  explainedRows: number;
  /** Stated scores with r ≠ 100%, and how many of them `profile` reproduces. */
  offTargetRows: number;
  offTargetExplained: number;
  /**
   * The options each rule can take without explaining fewer rows; absent for a rule the table gives
   * no evidence on (every option fits as well).
   */
  evidence: Partial<Record<Dimension, string[]>>;
  rows: RowFit[];
}

/** A rule on which the tables of one workbook disagree: one group per option. */
export interface MixedRule {
  dimension: Dimension;
  groups: Array<{ option: string; tables: number[] }>;
}

export interface WorkbookFit {
  tables: TableFit[];
  /** The option each rule takes in most of the tables that give evidence on it. */
  consensus: Choices;
  mixed: MixedRule[];
}

function offTargetOf(e: Evaluation, basis: ReturnType<typeof scoringBasisOf>): boolean {
  if (e.kind === "quantity") return e.r !== null && !e.r.eq(ONE);
  if (basis === "satisfaction" && isMet(e) === true) return false;
  return isMet(e) === false || (e.kind === "qualitative" && e.achievement !== "achieved");
}

function dimsOf(e: Evaluation, basis: ReturnType<typeof scoringBasisOf>): Dimension[] {
  if (basis === "direct") return [];
  if (basis === "graded") return ["qualitativeBands", "rounding"];
  if (basis === "satisfaction" && isMet(e) === true) return [];
  if (e.kind === "qualitative") return ["qualitativeBands", "rounding"];
  if (e.kind !== "quantity" || !e.r) return [];
  if (e.direction === "reverse") return ["reverse", "belowTarget", "aboveTarget", "rounding"];
  if (e.r.gt(ONE)) return ["aboveTarget", "rounding"];
  if (e.met) return [];
  return ["belowTarget", "rounding"];
}

/**
 * The stated scores of a table that a profile can be judged on.
 * Input: a recognised table. Output: its budget-execution row (when 分值, the amounts and 得分 are
 * readable and 全年预算数 is not 0) and every indicator row with a readable 权重 and 得分 whose score can
 * be recomputed. Never throws.
 */
export function scoredRows(t: SelfEvaluationTable): ScoredRow[] {
  const out: ScoredRow[] = [];
  const fund = t.fund;
  const points = quietScore(fund?.points);
  const statedRate = quietPercent(fund?.rate);
  const stated = quietScore(fund?.score);
  const budget = quietAmount(fund?.total?.budgetFull);
  const executed = quietAmount(fund?.total?.executed);
  if (fund?.score && points && stated && budget && executed) {
    const rate = executionRate(budget.value, executed.value);
    if (rate) {
      out.push({
        kind: "budget",
        cell: fund.score,
        name: "预算执行率",
        stated,
        offTarget: !rate.eq(ONE),
        dims: ["budgetExecution", "rounding"],
        key: `b|${points.value}|${budget.value}|${executed.value}|${stated.value}|${statedRate?.ratio ?? ""}`,
        expect(p) {
          // budgetExecutionScore with the rate computed above (every rule tried divides the same figures).
          const s = budgetScoreForRate(
            points.value,
            rate,
            () => `执行数 ${executed.value.toFixed(2)} / 预算数 ${budget.value.toFixed(2)}`,
            p,
          );
          return rounded(s, p, "proportional");
        },
        expectFromStatedRate:
          statedRate && !statedRate.ratio.eq(rate)
            ? (p) =>
                rounded(
                  budgetScoreForRate(points.value, statedRate.ratio, cellText(fund.rate!).trim(), p),
                  p,
                  "proportional",
                )
            : undefined,
      });
    }
  }
  for (const { row, e, weight } of rowContexts(t)) {
    const score = quietScore(row.score);
    if (!row.score || !score || !weight) continue;
    const basis = scoringBasisOf(row.scoringRule);
    const expect = (p: ScoringProfile) => expectedIndicatorScore(weight.value, e, row.scoringRule, p);
    // A quantity row always has an expected score (under every basis and profile); others may not.
    if (e.kind !== "quantity" && expect(NATIONAL).kind === "unknown") continue;
    const rate = quietPercent(row.completionRate);
    const eStated =
      rate && row.completionRate ? withStatedRate(e, rate.ratio, cellText(row.completionRate).trim()) : null;
    const dims = dimsOf(e, basis);
    out.push({
      kind: "indicator",
      cell: row.score,
      name: row.name,
      stated: score,
      offTarget: offTargetOf(e, basis),
      dims,
      // A row that depends on no rule has one fit, cheaper to compute than its key: no key.
      key:
        dims.length === 0
          ? ""
          : `i|${basis}|${weight.value}|${score.value}|${evaluationKey(e)}|${eStated && eStated.kind === "quantity" ? eStated.r : ""}`,
      expect,
      expectFromStatedRate: eStated
        ? (p) => expectedIndicatorScore(weight.value, eStated, row.scoringRule, p)
        : undefined,
    });
  }
  return out;
}

/** What of an evaluation a score depends on (not its texts, which only the formula shows). */
function evaluationKey(e: Evaluation): string {
  // r is B / A here (a stated rate is keyed apart), so A and B decide it: not written out (20 digits).
  if (e.kind === "quantity") return `q|${e.direction}|${e.a}|${e.b}|${e.met}`;
  if (e.kind === "date") return `d|${e.met}`;
  if (e.kind === "qualitative") return `l|${e.achievement}`;
  return e.kind;
}

function agrees(row: ScoredRow, exp: ScoreExpectation): boolean {
  return exp.kind !== "unknown" && scoreAgrees(row.stated, exp);
}

/**
 * Whether a profile reproduces a row's stated score: from the figures first, else from the stated rate.
 * Input: the row and a profile. Output: "figures", "stated-rate" or null.
 */
export function fitOf(row: ScoredRow, p: ScoringProfile): Fit {
  if (agrees(row, row.expect(p))) return "figures";
  if (row.expectFromStatedRate && agrees(row, row.expectFromStatedRate(p))) return "stated-rate";
  return null;
}

/** The row's own rules the fit being computed has read, as bits (rule i of the row → bit i). */
let readRules = 0;

interface RowSpace {
  /**
   * The profiles a row with these rules is tried under: national's with the row's own rules set to each
   * combination k of their options (the first rule least significant). Each of the row's rules is read
   * through a getter that notes the read in `readRules`.
   */
  profiles: ScoringProfile[];
  /** options[k][i]: the option of rule i in combination k. */
  options: number[][];
}

/** The row space of a set of rules, built once and shared by every row and table. */
const ROW_SPACES = new Map<string, RowSpace>();
function rowSpace(dims: Dimension[]): RowSpace {
  const key = dims.join(",");
  let out = ROW_SPACES.get(key);
  if (!out) {
    const sizes = dims.map((d) => CANDIDATE_OPTIONS[d].length);
    const n = sizes.reduce((a, b) => a * b, 1);
    out = { profiles: [], options: [] };
    for (let k = 0; k < n; k++) {
      const p: Record<string, unknown> = { ...NATIONAL };
      const options: number[] = [];
      let x = k;
      dims.forEach((d, i) => {
        const value = CANDIDATE_OPTIONS[d][x % sizes[i]].value;
        options.push(x % sizes[i]);
        x = Math.floor(x / sizes[i]);
        Object.defineProperty(p, d, {
          enumerable: true,
          get() {
            readRules |= 1 << i;
            return value;
          },
        });
      });
      out.profiles.push(Object.freeze(p) as unknown as ScoringProfile);
      out.options.push(options);
    }
    ROW_SPACES.set(key, out);
  }
  return out;
}

/**
 * For one row: its fit under every combination k of the options of the row's own rules. A fit that read
 * only some of the row's rules (a reverse row scored by the national rule never reads the below- and
 * above-target rules) is the same under every combination that takes the same options on those, so it
 * is computed once for them all. Input: a scored row. Output: its fits, indexed by the combination k of its
 * own rules' options (mixed radix over `row.dims`, the first rule least significant). Never throws.
 */
export function rowTable(row: ScoredRow): Fit[] {
  const { profiles, options } = rowSpace(row.dims);
  const n = profiles.length;
  const out = new Array<Fit>(n);
  const done = new Array<boolean>(n).fill(false);
  for (let k = 0; k < n; k++) {
    if (done[k]) continue;
    readRules = 0;
    const fit = fitOf(row, profiles[k]);
    const read = readRules;
    for (let j = k; j < n; j++) {
      if (done[j]) continue;
      let same = true;
      for (let i = 0; same && i < row.dims.length; i++)
        if (read & (1 << i) && options[j][i] !== options[k][i]) same = false;
      if (same) {
        out[j] = fit;
        done[j] = true;
      }
    }
  }
  return out;
}

const ROW_INDICES = new Map<string, number[]>();
/** For rows with these rules: the row table's index for every combination (built once, shared). */
function rowIndices(row: ScoredRow): number[] {
  const key = row.dims.join(",");
  let out = ROW_INDICES.get(key);
  if (!out) {
    const dims = row.dims.map((d) => DIMENSIONS.indexOf(d));
    out = DIGITS.map((digits) => {
      let k = 0;
      let mul = 1;
      for (const i of dims) {
        k += digits[i] * mul;
        mul *= RADIX[i];
      }
      return k;
    });
    ROW_INDICES.set(key, out);
  }
  return out;
}

interface TableCandidates {
  rows: ScoredRow[];
  tables: Fit[][];
  /** indices[row][c]: the row's table index for combination c. */
  indices: number[][];
  /** Combinations with the most explained rows. */
  best: number[];
  evidence: Partial<Record<Dimension, string[]>>;
}

/** The explained rows per combination, one table at a time (read before the next table is counted). */
const COUNTS = new Int32Array(COMBINATIONS);

function candidatesOf(t: SelfEvaluationTable, known: Map<string, Fit[]>): TableCandidates {
  const rows = scoredRows(t);
  const tables = rows.map((r) => {
    if (r.key === "") return rowTable(r);
    let fits = known.get(r.key);
    if (!fits) known.set(r.key, (fits = rowTable(r)));
    return fits;
  });
  const indices = rows.map(rowIndices);
  // Rows with the same rules are summed in their rules' own (small) space first, then spread over the
  // combinations once per set of rules rather than once per row.
  const bySet = new Map<number[], number[]>();
  rows.forEach((r, i) => {
    let hits = bySet.get(indices[i]);
    if (!hits) bySet.set(indices[i], (hits = new Array<number>(tables[i].length).fill(0)));
    tables[i].forEach((fit, k) => {
      if (fit !== null) hits![k]++;
    });
  });
  const counts = COUNTS.fill(0);
  bySet.forEach((hits, index) => {
    for (let c = 0; c < COMBINATIONS; c++) counts[c] += hits[index[c]];
  });
  let max = 0;
  for (let c = 0; c < COMBINATIONS; c++) if (counts[c] > max) max = counts[c];
  const best: number[] = [];
  for (let c = 0; c < COMBINATIONS; c++) if (counts[c] === max) best.push(c);
  // Per rule, the options some best combination takes (in option order); evidence when not all of them.
  const evidence: Partial<Record<Dimension, string[]>> = {};
  DIMENSIONS.forEach((d, i) => {
    // The options used, as bits (option k → bit k): evidence when not every bit is set.
    let used = 0;
    for (let b = 0; b < best.length; b++) used |= 1 << DIGITS[best[b]][i];
    if (used !== (1 << RADIX[i]) - 1)
      evidence[d] = CANDIDATE_OPTIONS[d].filter((_o, k) => used & (1 << k)).map((o) => o.key);
  });
  return { rows, tables, indices, best, evidence };
}

const PROFILE_OF_COMBINATION = new Map<number, ScoringProfile>();
/** The profile of combination `c`: a preset, or a derived profile built once and shared by every table. */
function profileOfCombination(c: number): ScoringProfile {
  let p = PROFILE_OF_COMBINATION.get(c);
  if (!p) {
    p = profileFromChoices(choicesOfCombination(c));
    PROFILE_OF_COMBINATION.set(c, p);
  }
  return p;
}

const PRESET_INDEX = new Map<number, number>();
function presetIndex(c: number): number {
  let i = PRESET_INDEX.get(c);
  if (i === undefined) {
    const ch = choicesOfCombination(c);
    const ids = Object.values(PROFILES);
    i = ids.findIndex((p) => DIMENSIONS.every((d) => choiceKey(p, d) === ch[d]));
    if (i < 0) i = ids.length;
    PRESET_INDEX.set(c, i);
  }
  return i;
}

/**
 * Infers each table's profile and checks the workbook for mixed rules.
 * Inputs: the recognised tables of one workbook (all sheets), and optionally the profile the auditor
 * selected (a row it reproduces counts as explained by some profile).
 * Output: per table the inferred profile with its fit; the workbook consensus; the rules on which
 * tables give conflicting evidence. Choice among equally good combinations: agree with the workbook
 * consensus on as many rules as possible, then prefer a preset, then the options listed first
 * (national's). Never throws.
 */
export function inferProfiles(tables: SelfEvaluationTable[], selected?: ScoringProfile): WorkbookFit {
  // Rows with the same figures (common across one unit's tables) are fitted once.
  const known = new Map<string, Fit[]>();
  const cands = tables.map((t) => candidatesOf(t, known));

  // Consensus: per rule, the option most tables with evidence allow (ties: the option listed first).
  const consensus = {} as Choices;
  for (const d of DIMENSIONS) {
    const votes = new Map<string, number>();
    for (const c of cands) for (const k of c.evidence[d] ?? []) votes.set(k, (votes.get(k) ?? 0) + 1);
    let bestKey = CANDIDATE_OPTIONS[d][0].key;
    let bestVotes = 0;
    for (const o of CANDIDATE_OPTIONS[d]) {
      const v = votes.get(o.key) ?? 0;
      if (v > bestVotes) [bestKey, bestVotes] = [o.key, v];
    }
    consensus[d] = bestKey;
  }

  // How many rules each combination shares with the consensus (the first tie-break), computed once.
  const agreement = Array.from({ length: COMBINATIONS }, (_, c) => {
    const ch = choicesOfCombination(c);
    return DIMENSIONS.filter((d) => ch[d] === consensus[d]).length;
  });
  const fits = cands.map((cand): TableFit => {
    // Rank: more rules shared with the consensus, then a preset listed earlier, then the lower combination
    // (compared as three numbers, without an array per candidate: a table may have all 192 best).
    let chosen = cand.best[0] ?? 0;
    let chosenAgree = -1;
    let chosenPreset = 0;
    for (let b = 0; b < cand.best.length; b++) {
      const c = cand.best[b];
      const agree = agreement[c];
      const preset = presetIndex(c);
      if (
        agree > chosenAgree ||
        (agree === chosenAgree && (preset < chosenPreset || (preset === chosenPreset && c < chosen)))
      ) {
        chosen = c;
        chosenAgree = agree;
        chosenPreset = preset;
      }
    }
    const profile = profileOfCombination(chosen);
    const rows: RowFit[] = cand.rows.map((r, i) => {
      const via = cand.tables[i][cand.indices[i][chosen]];
      const explained = via !== null;
      const explainedByAny =
        explained || cand.tables[i].some((x) => x !== null) || (!!selected && fitOf(r, selected) !== null);
      return {
        kind: r.kind,
        cell: r.cell,
        name: r.name,
        offTarget: r.offTarget,
        explained,
        via,
        explainedByAny,
        dims: r.dims,
      };
    });
    return {
      profile,
      scoredRows: rows.length,
      explainedRows: rows.filter((r) => r.explained).length,
      offTargetRows: rows.filter((r) => r.offTarget).length,
      offTargetExplained: rows.filter((r) => r.offTarget && r.explained).length,
      evidence: cand.evidence,
      rows,
    };
  });

  // Mixed: a rule on which two tables give evidence with no option in common.
  const mixed: MixedRule[] = [];
  for (const d of DIMENSIONS) {
    const withEvidence = fits.map((f, i) => ({ i, keys: f.evidence[d] })).filter((x) => x.keys);
    // Two tables conflict when their allowed options have none in common: compared once per distinct
    // set of allowed options (a few), not once per pair of tables.
    const sets = [...new Map(withEvidence.map((x) => [x.keys!.join(","), x.keys!])).values()];
    let conflict = false;
    for (let a = 0; a < sets.length && !conflict; a++)
      for (let b = a + 1; b < sets.length && !conflict; b++) conflict = !sets[a].some((k) => sets[b].includes(k));
    if (!conflict) continue;
    const groups = new Map<string, number[]>();
    for (const { i } of withEvidence) {
      const k = choiceKey(fits[i].profile, d);
      groups.set(k, [...(groups.get(k) ?? []), i]);
    }
    mixed.push({
      dimension: d,
      groups: [...groups.entries()]
        .map(([option, ts]) => ({ option, tables: ts }))
        .sort((x, y) => y.tables.length - x.tables.length),
    });
  }
  return { tables: fits, consensus, mixed };
}

/** The RowFit of a stated score cell, if the fit has one. */
export function rowFitAt(fit: TableFit | undefined, cell: { row: number; col: number }): RowFit | undefined {
  return fit?.rows.find((r) => r.cell.row === cell.row && r.cell.col === cell.col);
}
