/**
 * Scoring profiles: one named choice per scoring rule (rules-reference §2 "Scoring").
 *
 * A profile is plain JSON-serialisable data. The evaluators in scoring.ts switch on these choices,
 * so a new preset is a new object here, not new code.
 */

/** 预算执行得分 rule. `r` is 执行率 = 全年执行数 / 全年预算数. */
export type BudgetExecutionRule =
  /** 分值 × min(r, 1) */
  | { kind: "linear" }
  /** 分值 × max(0, (min(r, 1) − floor) / (1 − floor)); floor 0.6 is "threshold-60" */
  | { kind: "threshold"; floor: number }
  /** full 分值 when r ≥ threshold, else 分值 × r */
  | { kind: "full-at-or-above"; threshold: number };

/** Score of a positive or equal row that missed its target (r = B / A < 1). */
export type BelowTargetRule =
  /** W × r */
  | { kind: "proportional" }
  /** W × max(0, (r − floor) / (1 − floor)) */
  | { kind: "threshold"; floor: number };

/** Score of a positive row above its target (r > 1). */
export type AboveTargetRule =
  /** W */
  | { kind: "cap" }
  /** W × max(0, 2 − r) */
  | { kind: "deviation-penalty" }
  /** W, with a review warning when r ≥ reviewAt */
  | { kind: "cap-review"; reviewAt: number };

/** Score of a reverse row (≤, <, cost ceilings). */
export type ReverseRule =
  /** met (B ≤ A) → W; A < B < 2A → (2 − B/A) × W; else 0 (the budgeting system's coding) */
  | { kind: "national" }
  /** met → W; exceeded → A/B × W */
  | { kind: "inverse-ratio" }
  /** r = B / A, then the positive-row rules (the seeds' practice) */
  | { kind: "as-positive" };

/** Score share bands of qualitative rows, as fractions of W. */
export interface QualitativeBands {
  /** 达成年度指标 */
  achieved: [number, number];
  /** 部分达成并具有一定效果 */
  partial: [number, number];
  /** 未达成且效果较差 */
  notAchieved: [number, number];
}

export interface ScoringProfile {
  /** Stable id used in reports and notes, e.g. "national". */
  id: string;
  /** Display names. */
  name: { zh: string; en: string };
  /** Where the rule comes from. */
  source: string;
  budgetExecution: BudgetExecutionRule;
  belowTarget: BelowTargetRule;
  aboveTarget: AboveTargetRule;
  reverse: ReverseRule;
  qualitativeBands: QualitativeBands;
  /** How a recomputed score is rounded to 2 decimals. */
  rounding: "half-up" | "truncate";
  /**
   * Report every stated score the profile does not reproduce as an error at its cell, even when the
   * table's own rule reproduces it (no grouping into one 口径差异 per table). Set by the `-strict` ids.
   */
  strict?: boolean;
  /**
   * r at or above which a positive row is "far over target" and needs its 偏差原因 (indicator.over-achievement);
   * 1.2 when absent (the budgeting system's coding), some provinces use 1.3. A ratio: 1.3 = 130%.
   */
  overAchievementAt?: number;
}

/**
 * The national rule (财政部 财预〔2020〕10号《项目支出绩效评价管理办法》) as coded by the
 * widely used budgeting system: met → full W, missed → W × B / A; reverse rows (2 − B/A) × W;
 * qualitative bands 80–100 / 60–80 / 0–60 %; budget execution 分值 × min(执行率, 1); half-up to 2 decimals.
 */
export const NATIONAL: ScoringProfile = {
  id: "national",
  name: { zh: "国家口径（财预〔2020〕10号）", en: "National rule (Caiyu [2020] No. 10)" },
  source: "财政部 财预〔2020〕10号《项目支出绩效评价管理办法》；预算执行得分 = 分值 × min(执行率, 100%)",
  budgetExecution: { kind: "linear" },
  belowTarget: { kind: "proportional" },
  aboveTarget: { kind: "cap" },
  reverse: { kind: "national" },
  qualitativeBands: { achieved: [0.8, 1], partial: [0.6, 0.8], notAchieved: [0, 0.6] },
  rounding: "half-up",
};

/** The qualitative bands of the national text: 80–100 / 60–80 / 0–60 % of W. */
export const NATIONAL_BANDS: QualitativeBands = { achieved: [0.8, 1], partial: [0.6, 0.8], notAchieved: [0, 0.6] };

/** The bands of a published local form: 100–80 / 80–50 / 50–0 % of W. */
export const LOCAL_BANDS: QualitativeBands = { achieved: [0.8, 1], partial: [0.5, 0.8], notAchieved: [0, 0.5] };

/**
 * The practice of the 000–002 seed tables (rules-reference §2 "What the seed tables really do"):
 * threshold-60 below target and for budget execution (99.27% → 9.82, 90.06% → 7.52), W × max(0, 2 − r)
 * above target (105.26% → 9.47), reverse rows scored with r = B / A like positive rows (624.9 of ≤630 → 9.8).
 */
export const THRESHOLD_60_DEVIATION: ScoringProfile = {
  id: "threshold-60-deviation",
  name: { zh: "60%阈值+偏离度扣分", en: "Threshold 60 with deviation penalty" },
  source:
    "各地实践，无国家公式：rules-reference §2 '实际做法': 000–002 项目支出绩效自评表中 r ≠ 100% 的行（低于目标 W × (r − 60%) / 40%，超出目标 W × max(0, 2 − r)，反向指标按 B / A）",
  budgetExecution: { kind: "threshold", floor: 0.6 },
  belowTarget: { kind: "threshold", floor: 0.6 },
  aboveTarget: { kind: "deviation-penalty" },
  reverse: { kind: "as-positive" },
  qualitativeBands: NATIONAL_BANDS,
  rounding: "half-up",
};

/** Linear budget execution, W × r below target, W above: the simplest reading of the national text. */
export const PROPORTIONAL_CAP: ScoringProfile = {
  id: "proportional-cap",
  name: { zh: "按比例计分+封顶", en: "Proportional with cap" },
  source: "财预〔2020〕10号（未完成按比例，超额不加分）；预算执行得分 = 分值 × min(执行率, 100%)",
  budgetExecution: { kind: "linear" },
  belowTarget: { kind: "proportional" },
  aboveTarget: { kind: "cap" },
  reverse: { kind: "national" },
  qualitativeBands: NATIONAL_BANDS,
  rounding: "half-up",
};

/** The presets shipped with the product, by id, in the order the pane and the CLI list them. */
export const PROFILES: Readonly<Record<string, ScoringProfile>> = Object.freeze({
  [NATIONAL.id]: NATIONAL,
  [THRESHOLD_60_DEVIATION.id]: THRESHOLD_60_DEVIATION,
  [PROPORTIONAL_CAP.id]: PROPORTIONAL_CAP,
});

/**
 * Looks a preset up by id.
 * Input: a profile id such as "national". Output: the profile.
 * Throws: Error with a list of the known ids when the id is unknown.
 */
export function getProfile(id: string): ScoringProfile {
  const p = PROFILES[id];
  if (!p) throw new Error(`Unknown scoring profile "${id}". Known profiles: ${Object.keys(PROFILES).join(", ")}`);
  return p;
}

// ---------------------------------------------------------------------------------------------------
// Choices: the options of each rule, for the custom editor, inference and readable names.

/** The six rules a profile makes a choice for. */
export type Dimension = "budgetExecution" | "belowTarget" | "aboveTarget" | "reverse" | "qualitativeBands" | "rounding";

export const DIMENSIONS: readonly Dimension[] = [
  "budgetExecution",
  "belowTarget",
  "aboveTarget",
  "reverse",
  "qualitativeBands",
  "rounding",
];

/** Names of the rules themselves. */
export const DIMENSION_NAMES: Readonly<Record<Dimension, { zh: string; en: string }>> = {
  budgetExecution: { zh: "预算执行得分", en: "Budget execution score" },
  belowTarget: { zh: "未达目标", en: "Below target" },
  aboveTarget: { zh: "超出目标", en: "Above target" },
  reverse: { zh: "反向指标", en: "Reverse (≤) rows" },
  qualitativeBands: { zh: "定性指标档次", en: "Qualitative bands" },
  rounding: { zh: "舍入", en: "Rounding" },
};

/** One option of one rule: a stable key, its names and the value it sets. */
export interface ChoiceOption<D extends Dimension = Dimension> {
  key: string;
  name: { zh: string; en: string };
  value: ScoringProfile[D];
  /** The option rests only on observed practice (各地实践): the national text gives no such formula. */
  practice?: true;
}

/**
 * Every option of every rule, national's first. The keys are stable (used in custom-profile ids and in
 * the workbook's remembered choice).
 */
export const CHOICE_OPTIONS: { readonly [D in Dimension]: ReadonlyArray<ChoiceOption<D>> } = {
  budgetExecution: [
    { key: "linear", name: { zh: "分值 × 执行率", en: "points × rate" }, value: { kind: "linear" } },
    {
      key: "threshold-60",
      name: { zh: "60%阈值：分值 × (执行率 − 60%) / 40%", en: "threshold 60: points × (rate − 60%) / 40%" },
      value: { kind: "threshold", floor: 0.6 },
      practice: true,
    },
    {
      key: "full-at-95",
      name: { zh: "执行率 ≥ 95% 得满分", en: "full points at ≥ 95%" },
      value: { kind: "full-at-or-above", threshold: 0.95 },
      practice: true,
    },
    {
      key: "full-at-90",
      name: { zh: "执行率 ≥ 90% 得满分", en: "full points at ≥ 90%" },
      value: { kind: "full-at-or-above", threshold: 0.9 },
      practice: true,
    },
  ],
  belowTarget: [
    { key: "proportional", name: { zh: "按比例：W × r", en: "proportional: W × r" }, value: { kind: "proportional" } },
    {
      key: "threshold-60",
      name: { zh: "60%阈值：W × (r − 60%) / 40%", en: "threshold 60: W × (r − 60%) / 40%" },
      value: { kind: "threshold", floor: 0.6 },
      practice: true,
    },
  ],
  aboveTarget: [
    { key: "cap", name: { zh: "封顶：W", en: "cap at W" }, value: { kind: "cap" } },
    {
      key: "deviation-penalty",
      name: { zh: "偏离度扣分：W × max(0, 2 − r)", en: "deviation penalty: W × max(0, 2 − r)" },
      value: { kind: "deviation-penalty" },
      practice: true,
    },
    {
      key: "cap-review",
      name: { zh: "封顶，r ≥ 120% 提示复核", en: "cap at W, review at r ≥ 120%" },
      value: { kind: "cap-review", reviewAt: 1.2 },
    },
  ],
  reverse: [
    {
      key: "national",
      name: { zh: "达成满分，超出 (2 − B/A) × W", en: "met → W; exceeded → (2 − B/A) × W" },
      value: { kind: "national" },
    },
    {
      key: "inverse-ratio",
      name: { zh: "达成满分，超出 A/B × W", en: "met → W; exceeded → A/B × W" },
      value: { kind: "inverse-ratio" },
      practice: true,
    },
    {
      key: "as-positive",
      name: { zh: "按正向指标，r = B/A", en: "as positive rows, r = B/A" },
      value: { kind: "as-positive" },
      practice: true,
    },
  ],
  qualitativeBands: [
    { key: "national", name: { zh: "80–100 / 60–80 / 0–60", en: "80–100 / 60–80 / 0–60" }, value: NATIONAL_BANDS },
    {
      key: "local",
      name: { zh: "100–80 / 80–50 / 50–0", en: "100–80 / 80–50 / 50–0" },
      value: LOCAL_BANDS,
      practice: true,
    },
  ],
  rounding: [
    { key: "half-up", name: { zh: "四舍五入到 2 位", en: "half-up to 2 decimals" }, value: "half-up" },
    { key: "truncate", name: { zh: "截断到 2 位", en: "truncate to 2 decimals" }, value: "truncate" },
  ],
};

/** One option key per rule. */
export type Choices = { [D in Dimension]: string };

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The option key a profile uses for one rule; a value no option has (e.g. a threshold floor of 0.5 from a
 * JSON file) gets a key derived from the value, e.g. "threshold-50".
 */
export function choiceKey(p: ScoringProfile, d: Dimension): string {
  const value = p[d];
  // Remembered per value object: every finding's note names its profile's rules.
  if (typeof value !== "object" || value === null) return choiceKeyOf(d, value);
  let memo = CHOICE_KEYS.get(d);
  if (!memo) CHOICE_KEYS.set(d, (memo = new WeakMap()));
  let key = memo.get(value);
  if (key === undefined) {
    key = choiceKeyOf(d, value);
    memo.set(value, key);
  }
  return key;
}

/** choiceKey by rule and value object (the objects are never changed once in a profile). */
const CHOICE_KEYS = new Map<Dimension, WeakMap<object, string>>();

function choiceKeyOf(d: Dimension, value: ScoringProfile[Dimension]): string {
  const options = CHOICE_OPTIONS[d] as ReadonlyArray<ChoiceOption>;
  // Profiles built from the options share their value objects: found without comparing texts.
  const hit = options.find((o) => o.value === value) ?? options.find((o) => sameValue(o.value, value));
  if (hit) return hit.key;
  if (typeof value === "string") return value;
  if (d === "qualitativeBands") {
    const b = value as QualitativeBands;
    return `bands-${b.achieved[0] * 100}-${b.partial[0] * 100}`;
  }
  const v = value as { kind: string; floor?: number; threshold?: number; reviewAt?: number };
  const n = v.floor ?? v.threshold ?? v.reviewAt;
  return n === undefined ? v.kind : `${v.kind}-${Math.round(n * 100)}`;
}

/** The option keys of a profile. */
export function choicesOf(p: ScoringProfile): Choices {
  return Object.fromEntries(DIMENSIONS.map((d) => [d, choiceKey(p, d)])) as Choices;
}

function optionName(d: Dimension, p: ScoringProfile): { zh: string; en: string } {
  const key = choiceKey(p, d);
  const hit = (CHOICE_OPTIONS[d] as ReadonlyArray<ChoiceOption>).find((o) => o.key === key);
  return hit ? hit.name : { zh: key, en: key };
}

/** The rules on which a profile's choice differs from national's. */
function departedRules(p: ScoringProfile): Dimension[] {
  return DIMENSIONS.filter((d) => choiceKey(p, d) !== choiceKey(NATIONAL, d));
}

/**
 * Where two profiles differ, rule by rule (optionally only the rules in `only`), in words: what `p` does
 * where `from` does otherwise.
 * Output: one entry per differing rule, e.g. { zh: "超出目标：偏离度扣分：W × max(0, 2 − r)（所选口径：封顶）", … }.
 */
export function differences(
  p: ScoringProfile,
  from: ScoringProfile,
  only: readonly Dimension[] = DIMENSIONS,
): Array<{ zh: string; en: string }> {
  return DIMENSIONS.filter((d) => only.includes(d) && choiceKey(p, d) !== choiceKey(from, d)).map((d) => {
    const n = optionName(d, p);
    const o = optionName(d, from);
    return {
      zh: `${DIMENSION_NAMES[d].zh}按「${n.zh}」（所选口径为「${o.zh}」）`,
      en: `${DIMENSION_NAMES[d].en}: ${n.en} (the chosen rule: ${o.en})`,
    };
  });
}

/**
 * The strict variant of a preset (`national-strict`): the same rules, but every stated score they do not
 * reproduce is an error at its cell, also where the table's own rule reproduces it.
 */
export function strictProfile(p: ScoringProfile): ScoringProfile {
  return { ...p, id: `${p.id}-strict`, strict: true };
}

/** How the pane and the CLI list a strict profile: its name and the mode (逐格报错). */
export function strictLabel(p: ScoringProfile): { zh: string; en: string } {
  return { zh: `${p.name.zh}（逐格报错，不归并口径差异）`, en: `${p.name.en}, strict (every difference an error)` };
}

/** A preset by id, or its strict variant (`national-strict`); undefined for an unknown id. */
export function presetById(id: string): ScoringProfile | undefined {
  if (Object.prototype.hasOwnProperty.call(PROFILES, id)) return PROFILES[id];
  const m = /^(.+)-strict$/.exec(id);
  if (m && Object.prototype.hasOwnProperty.call(PROFILES, m[1])) return strictProfile(PROFILES[m[1]]);
  return undefined;
}

/**
 * True when one of the profile's choices rests only on observed practice (各地实践: threshold-60,
 * 95%/90% full marks, deviation penalty, reverse rows as positive, local bands): the national text
 * gives no formula for it. Said in every note judged under such a profile and in docs/scoring-profiles.md.
 */
export function restsOnPractice(p: ScoringProfile): boolean {
  return DIMENSIONS.some((d) => {
    const key = choiceKey(p, d);
    return (CHOICE_OPTIONS[d] as ReadonlyArray<ChoiceOption>).some((o) => o.key === key && o.practice);
  });
}

/**
 * Where a profile departs from `national`, rule by rule, in words.
 * Output: one entry per differing rule (empty for national itself), e.g.
 * { zh: "超出目标：偏离度扣分：W × max(0, 2 − r)", en: "Above target: deviation penalty: W × max(0, 2 − r)" }.
 */
export function departuresFromNational(p: ScoringProfile): Array<{ zh: string; en: string }> {
  return departedRules(p).map((d) => {
    const n = optionName(d, p);
    return { zh: `${DIMENSION_NAMES[d].zh}：${n.zh}`, en: `${DIMENSION_NAMES[d].en}: ${n.en}` };
  });
}

/**
 * The profile's name as every finding quotes it: the name, and for a profile that departs from
 * national, the rules where it departs, e.g. "60%阈值+偏离度扣分〔偏离国家口径：预算执行得分、未达目标、超出目标、反向指标〕".
 * The options themselves are in the profile's definition (docs/scoring-profiles.md, the pane's editor).
 */
export function profileLabel(p: ScoringProfile): { zh: string; en: string } {
  const dims = departedRules(p);
  if (dims.length === 0) return p.name;
  const practice = restsOnPractice(p);
  return {
    zh: `${p.name.zh}〔偏离国家口径：${dims.map((d) => DIMENSION_NAMES[d].zh).join("、")}${practice ? "；各地实践，无国家公式" : ""}〕`,
    en: `${p.name.en} [departs from the national rule on: ${dims.map((d) => DIMENSION_NAMES[d].en.toLowerCase()).join(", ")}]`,
  };
}

/**
 * Builds a profile from one option key per rule.
 * Output: the preset with exactly those choices when there is one, otherwise a profile with a derived id
 * such as "threshold-60-deviation+budgetExecution=full-at-95" (the nearest preset plus its differences).
 * Throws: Error naming the rule and the known keys when a key is unknown.
 */
export function profileFromChoices(choices: Choices): ScoringProfile {
  const parts: Partial<ScoringProfile> = {};
  for (const d of DIMENSIONS) {
    const opt = (CHOICE_OPTIONS[d] as ReadonlyArray<ChoiceOption>).find((o) => o.key === choices[d]);
    if (!opt) {
      throw new Error(
        `Unknown option "${choices[d]}" for ${d}. Known: ${CHOICE_OPTIONS[d].map((o) => o.key).join(", ")}`,
      );
    }
    (parts as Record<string, unknown>)[d] = opt.value;
  }
  for (const preset of Object.values(PROFILES)) {
    if (DIMENSIONS.every((d) => choiceKey(preset, d) === choices[d])) return preset;
  }
  return derivedProfile(parts as Omit<ScoringProfile, "id" | "name" | "source">);
}

/** Names a combination of choices after its nearest preset and the rules where it differs. */
function derivedProfile(rules: Omit<ScoringProfile, "id" | "name" | "source">): ScoringProfile {
  const probe = { ...NATIONAL, ...rules } as ScoringProfile;
  const keys = choicesOf(probe);
  let best = NATIONAL;
  let bestDiff = DIMENSIONS.length + 1;
  for (const preset of Object.values(PROFILES)) {
    const diff = DIMENSIONS.filter((d) => choiceKey(preset, d) !== keys[d]).length;
    if (diff < bestDiff) [best, bestDiff] = [preset, diff];
  }
  const diffs = DIMENSIONS.filter((d) => choiceKey(best, d) !== keys[d]);
  const zh = diffs.map((d) => `${DIMENSION_NAMES[d].zh}：${optionName(d, probe).zh}`).join("；");
  const en = diffs.map((d) => `${DIMENSION_NAMES[d].en.toLowerCase()}: ${optionName(d, probe).en}`).join("; ");
  return {
    ...rules,
    id: [best.id, ...diffs.map((d) => `${d}=${keys[d]}`)].join("+"),
    name: { zh: `${best.name.zh}（${zh}）`, en: `${best.name.en} (${en})` },
    source: `${best.id} with ${diffs.map((d) => `${d}=${keys[d]}`).join(", ")}`,
  };
}

/**
 * A custom profile that cannot be used. `message` is Chinese (what the user reads first); `en` is the
 * English text; `field` is the JSON path of the wrong field.
 */
export class ProfileError extends Error {
  constructor(
    readonly field: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(zh);
  }
}

function fail(where: string, zh: string, en: string, whereEn = where): never {
  throw new ProfileError(whereEn, `评分口径文件有误：${where} ${zh}`, `Invalid scoring profile: ${whereEn} ${en}`);
}

/** Ids a custom profile may not take: "auto", the presets and their strict forms, and JavaScript's own names. */
export function reservedProfileId(id: string): boolean {
  return (
    id === "auto" ||
    presetById(id) !== undefined ||
    ["__proto__", "prototype", "constructor"].includes(id) ||
    id in Object.prototype
  );
}

function fraction(v: unknown, where: string): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 1)
    fail(where, "应为 0 到 1 之间的数", "must be a number from 0 to 1");
  return v;
}

function kindOf(v: unknown, where: string, kinds: string[]): string {
  if (!v || typeof v !== "object" || typeof (v as { kind?: unknown }).kind !== "string")
    fail(where, `应为带 "kind" 的对象（${kinds.join("、")}）`, `must be an object with "kind" (${kinds.join(", ")})`);
  const k = (v as { kind: string }).kind;
  if (!kinds.includes(k))
    fail(`${where}.kind`, `"${k}" 无法识别（可用：${kinds.join("、")}）`, `"${k}" is unknown (${kinds.join(", ")})`);
  return k;
}

function bandOf(v: unknown, where: string): [number, number] {
  if (!Array.isArray(v) || v.length !== 2)
    fail(where, "应为 [下限, 上限]，均为 W 的比例", "must be [min, max] fractions of W");
  const lo = fraction(v[0], `${where}[0]`);
  const hi = fraction(v[1], `${where}[1]`);
  if (lo > hi) fail(where, "下限大于上限", "has min above max");
  return [lo, hi];
}

/**
 * Reads a profile from parsed JSON (the CLI's `--profile PATH.json`, the pane's custom editor).
 * Input: any value. Output: a complete ScoringProfile; a missing rule is taken from `national`, a missing
 * id becomes "custom". Throws: Error saying which field is wrong and what it must be.
 */
export function profileFromJson(v: unknown): ScoringProfile {
  if (!v || typeof v !== "object" || Array.isArray(v))
    fail("文件", "应只含一个 JSON 对象", "must hold one JSON object", "the file");
  const o = v as Record<string, unknown>;
  const known = new Set(["id", "name", "source", "overAchievementAt", ...DIMENSIONS]);
  for (const k of Object.keys(o))
    if (!known.has(k))
      fail(
        `字段 "${k}"`,
        `无法识别（可用：${[...known].join("、")}）`,
        `is unknown (known: ${[...known].join(", ")})`,
        `field "${k}"`,
      );
  const p: ScoringProfile = { ...NATIONAL, id: "custom", name: { zh: "自定义口径", en: "Custom rule" }, source: "" };
  if (o.id !== undefined) {
    if (typeof o.id !== "string" || !/^[\w.+=-]{1,80}$/.test(o.id))
      fail("id", "应为简短的名称（字母、数字及 - . _ + =）", "must be a short name (letters, digits, - . _ + =)");
    p.id = o.id;
  }
  if (o.name !== undefined) {
    if (typeof o.name === "string") p.name = { zh: o.name, en: o.name };
    else {
      const n = o.name as { zh?: unknown; en?: unknown };
      if (!n || typeof n.zh !== "string" || typeof n.en !== "string")
        fail("name", '应为文字或 { "zh", "en" }', 'must be a string or { "zh", "en" }');
      p.name = { zh: n.zh as string, en: n.en as string };
    }
  } else if (o.id !== undefined) p.name = { zh: p.id, en: p.id };
  if (o.source !== undefined) {
    if (typeof o.source !== "string") fail("source", "应为文字", "must be a string");
    p.source = o.source;
  }
  if (o.overAchievementAt !== undefined) {
    const r = o.overAchievementAt;
    if (typeof r !== "number" || !Number.isFinite(r) || r <= 1 || r > 10)
      fail("overAchievementAt", "应为大于 1 的比值，如 1.3 表示 130%", "must be a ratio above 1, e.g. 1.3 for 130%");
    p.overAchievementAt = r as number;
  }
  if (o.budgetExecution !== undefined) {
    const k = kindOf(o.budgetExecution, "budgetExecution", ["linear", "threshold", "full-at-or-above"]);
    const b = o.budgetExecution as { floor?: unknown; threshold?: unknown };
    p.budgetExecution =
      k === "linear"
        ? { kind: "linear" }
        : k === "threshold"
          ? { kind: "threshold", floor: fraction(b.floor, "budgetExecution.floor") }
          : { kind: "full-at-or-above", threshold: fraction(b.threshold, "budgetExecution.threshold") };
    if (p.budgetExecution.kind === "threshold" && p.budgetExecution.floor >= 1)
      fail("budgetExecution.floor", "应小于 1", "must be below 1");
  }
  if (o.belowTarget !== undefined) {
    const k = kindOf(o.belowTarget, "belowTarget", ["proportional", "threshold"]);
    p.belowTarget =
      k === "proportional"
        ? { kind: "proportional" }
        : { kind: "threshold", floor: fraction((o.belowTarget as { floor?: unknown }).floor, "belowTarget.floor") };
    if (p.belowTarget.kind === "threshold" && p.belowTarget.floor >= 1)
      fail("belowTarget.floor", "应小于 1", "must be below 1");
  }
  if (o.aboveTarget !== undefined) {
    const k = kindOf(o.aboveTarget, "aboveTarget", ["cap", "deviation-penalty", "cap-review"]);
    if (k === "cap-review") {
      const at = (o.aboveTarget as { reviewAt?: unknown }).reviewAt;
      if (typeof at !== "number" || !(at >= 1) || !Number.isFinite(at))
        fail("aboveTarget.reviewAt", "应为不小于 1 的比值，如 1.2", "must be a ratio ≥ 1, e.g. 1.2");
      p.aboveTarget = { kind: "cap-review", reviewAt: at };
    } else p.aboveTarget = { kind: k as "cap" | "deviation-penalty" };
  }
  if (o.reverse !== undefined) {
    p.reverse = {
      kind: kindOf(o.reverse, "reverse", ["national", "inverse-ratio", "as-positive"]) as ReverseRule["kind"],
    };
  }
  if (o.qualitativeBands !== undefined) {
    const b = o.qualitativeBands as Record<string, unknown>;
    if (!b || typeof b !== "object")
      fail("qualitativeBands", "应为 { achieved, partial, notAchieved }", "must be { achieved, partial, notAchieved }");
    p.qualitativeBands = {
      achieved: bandOf(b.achieved, "qualitativeBands.achieved"),
      partial: bandOf(b.partial, "qualitativeBands.partial"),
      notAchieved: bandOf(b.notAchieved, "qualitativeBands.notAchieved"),
    };
  }
  if (o.rounding !== undefined) {
    if (o.rounding !== "half-up" && o.rounding !== "truncate")
      fail("rounding", '应为 "half-up"（四舍五入）或 "truncate"（截断）', 'must be "half-up" or "truncate"');
    p.rounding = o.rounding;
  }
  const preset = presetById(p.id);
  if (preset ? !sameValue({ ...preset }, p) : o.id !== undefined && reservedProfileId(p.id))
    fail(
      "id",
      `"${p.id}" 是保留的名称（预设口径或程序所用），请给自定义口径另起一个名称`,
      `"${p.id}" is reserved (a preset or a name the program uses); give the custom profile its own id`,
    );
  return p;
}

/**
 * The Chinese name of a profile id as a user reads it ("auto" included), for reports and the working
 * paper. Input: a preset, derived or custom id, "auto", or "". Output: the name; the id itself when it
 * names no known profile; "" for "". Never throws.
 */
export function profileNameZh(id: string): string {
  if (!id) return "";
  if (id === "auto") return "按每张表自身得分识别的口径";
  try {
    return profileFromId(id).name.zh;
  } catch {
    return id;
  }
}

/**
 * The profile a profile id names: a preset id ("national"), or a derived id as `profileFromChoices` and
 * the inference name them, a preset plus its differing rules ("national+aboveTarget=deviation-penalty").
 * Used where only the id travels, e.g. the profile argument of the DC.* custom functions.
 * Input: the id (case-insensitive for the preset part, surrounding spaces ignored). Output: the profile.
 * Throws: Error naming the known presets, or the rule and its known options, when the id names neither.
 */
export function profileFromId(id: string): ScoringProfile {
  const [head, ...diffs] = id.trim().split("+");
  const base = presetById(head.trim().toLowerCase());
  if (!base) throw new Error(`Unknown scoring profile "${id}". Known profiles: ${Object.keys(PROFILES).join(", ")}`);
  if (diffs.length === 0) return base;
  const choices = choicesOf(base);
  for (const d of diffs) {
    const [dim, key] = d.split("=").map((s) => s.trim());
    if (!(DIMENSIONS as readonly string[]).includes(dim) || !key)
      throw new Error(`Unknown rule "${d}" in scoring profile "${id}". Rules: ${DIMENSIONS.join(", ")}`);
    choices[dim as Dimension] = key;
  }
  return profileFromChoices(choices);
}
