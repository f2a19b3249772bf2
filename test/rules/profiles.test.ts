/**
 * Every preset × every rule on real seed rows (test/fixtures/self-evaluation-00N.xlsx, from ../shared/seeds).
 * Expected figures are worked by hand from the row's own numbers (shown in each case's comment); where the
 * seed's stated score is quoted, it is the figure the unit published.
 */
import { scoredRows } from "../../src/rules/inference";
import {
  CHOICE_OPTIONS,
  DIMENSIONS,
  NATIONAL,
  PROFILES,
  PROPORTIONAL_CAP,
  THRESHOLD_60_DEVIATION,
  choicesOf,
  departuresFromNational,
  getProfile,
  profileFromChoices,
  profileFromJson,
  ProfileError,
  profileLabel,
  type ScoringProfile,
} from "../../src/rules/profiles";
import type { SelfEvaluationTable } from "../../src/rules/types";
import { findTables } from "../../src/tables/find";
import { loadGrid } from "../helpers";

const tables: Record<string, SelfEvaluationTable[]> = {};

beforeAll(async () => {
  for (const id of ["000", "001", "003"]) tables[id] = findTables(await loadGrid(`self-evaluation-${id}.xlsx`));
});

function scoreOf(seed: string, title: string, row: string, p: ScoringProfile): string {
  const t = tables[seed].find((x) => x.title.startsWith(title));
  if (!t) throw new Error(`no table ${title} in ${seed}`);
  const r = scoredRows(t).find((x) => x.name === row);
  if (!r) throw new Error(`no scored row ${row} in ${title}`);
  const e = r.expect(p);
  if (e.kind === "exact") return e.value.toFixed(2);
  if (e.kind === "band") return `${e.min.toFixed(2)}–${e.max.toFixed(2)}`;
  return "unknown";
}

type Case = [seed: string, title: string, row: string, rule: string, national: string, t60d: string, propCap: string];

// prettier-ignore
const CASES: Case[] = [
  // 694.90 / 700.00 = 99.27%: 10 × 0.992714 = 9.93; 10 × (0.992714 − 0.6) / 0.4 = 9.82 (the seed states 9.82)
  ["000", "昌吉职业技术学院信息化标杆校建设项目资金", "预算执行率", "budget execution", "9.93", "9.82", "9.93"],
  // 24.43 / 25.71 = 95.02%: 9.50; (0.950214 − 0.6) / 0.4 × 10 = 8.76; the seed states 10.00 (full at ≥ 95%)
  ["000", "2023年现代职业教育质量提升（1+X证书制度试点项目专项资金）", "预算执行率", "budget execution", "9.50", "8.76", "9.50"],
  // 608 of ≥736 人 = 82.61%: 10 × 0.826087 = 8.26; 10 × 0.226087 / 0.4 = 5.65 (seed 5.65)
  ["000", "2024年昌吉州教育项目州本级配套资金-教师体检补助", "体检教职工人数", "below target", "8.26", "5.65", "8.26"],
  // 921 of ≥1270 人 = 72.52%: 20 × 0.725197 = 14.50; 20 × 0.125197 / 0.4 = 6.26 (seed 6.26)
  ["000", "中职免学费", "受助学生人数", "below target", "14.50", "6.26", "14.50"],
  // 1 of ≥2 个 (unit table) = 50%: 10 × 0.5 = 5 (seed 5); threshold 60 gives 0
  ["000", "昌吉职业技术学院", "建成自治区级一流核心课程或精品在线开放课程", "below target", "5.00", "0.00", "5.00"],
  // 2173 of ≥1601 人 = 135.73%: cap 10; 10 × (2 − 1.357277) = 6.43 (seed 6.43)
  ["000", "2024年中央现代职业教育质量提升计划资金-1+X证书制度试点项目专项资金", "培训学生人数", "above target", "10.00", "6.43", "10.00"],
  // 161 of ≥100 人 = 161%: cap 30; 30 × (2 − 1.61) = 11.70 (seed 11.7)
  ["001", "职业教育工作经费", "参加职业教育评选活动受益教师人数", "above target", "30.00", "11.70", "30.00"],
  // 624.9 of ≤630 万元: met → 10 (national, proportional-cap); as positive, r = 99.19% → 9.80 (seed 9.8)
  ["000", "昌吉职业技术学院信息化标杆校建设项目资金", "信息网络及软件购置更新", "reverse", "10.00", "9.80", "10.00"],
  // 提高 → 0 (an unexecuted project): 未达成, 0–60% of 30
  ["003", "普通话测试站建设资金", "提高我州普通话水平", "qualitative bands", "0.00–18.00", "0.00–18.00", "0.00–18.00"],
  // 提升 → 达到预期指标, 按评判等级赋分: 达成, 80–100% of 20
  ["000", "2023年现代职业教育质量提升（1+X证书制度试点项目专项资金）", "提升教师素质", "qualitative bands", "16.00–20.00", "16.00–20.00", "16.00–20.00"],
];

describe.each([
  ["national", NATIONAL, 4],
  ["threshold-60-deviation", THRESHOLD_60_DEVIATION, 5],
  ["proportional-cap", PROPORTIONAL_CAP, 6],
] as const)("preset %s", (_id, profile, column) => {
  test.each(CASES)("%s 「%s」 %s (%s)", (...c) => {
    const [seed, title, row] = c;
    expect(scoreOf(seed, title, row, profile)).toBe(c[column]);
  });
});

describe("rounding on a real row: 000 「昌吉职业技术学院信息化标杆校建设项目资金」 预算执行率", () => {
  const title = "昌吉职业技术学院信息化标杆校建设项目资金";
  test.each([
    ["national", "half-up", "9.93"], // 9.927142…
    ["national", "truncate", "9.92"],
    ["threshold-60-deviation", "half-up", "9.82"], // 9.817857…
    ["threshold-60-deviation", "truncate", "9.81"],
  ])("%s with %s rounding gives %s", (id, rounding, expected) => {
    const p = profileFromChoices({ ...choicesOf(getProfile(id)), rounding });
    expect(scoreOf("000", title, "预算执行率", p)).toBe(expected);
  });
});

describe("the other options on real rows", () => {
  test("full at ≥ 95% gives 10 for 95.02% (000 「2023年现代职业教育质量提升（1+X证书制度试点项目专项资金）」, seed 10.00)", () => {
    const p = profileFromChoices({ ...choicesOf(THRESHOLD_60_DEVIATION), budgetExecution: "full-at-95" });
    expect(scoreOf("000", "2023年现代职业教育质量提升（1+X证书制度试点项目专项资金）", "预算执行率", p)).toBe("10.00");
    const p90 = profileFromChoices({ ...choicesOf(NATIONAL), budgetExecution: "full-at-90" });
    expect(scoreOf("000", "2023年现代职业教育质量提升（1+X证书制度试点项目专项资金）", "预算执行率", p90)).toBe(
      "10.00",
    );
  });
  test("local bands 100–80 / 80–50 / 50–0 on 003 「普通话测试站建设资金」 提高我州普通话水平 (未达成 of 30)", () => {
    const p = profileFromChoices({ ...choicesOf(NATIONAL), qualitativeBands: "local" });
    expect(scoreOf("003", "普通话测试站建设资金", "提高我州普通话水平", p)).toBe("0.00–15.00");
  });
  test("cap-review scores like cap (000 「2024年中央现代职业教育质量提升计划资金-1+X证书制度试点项目专项资金」 培训学生人数)", () => {
    const p = profileFromChoices({ ...choicesOf(NATIONAL), aboveTarget: "cap-review" });
    expect(
      scoreOf("000", "2024年中央现代职业教育质量提升计划资金-1+X证书制度试点项目专项资金", "培训学生人数", p),
    ).toBe("10.00");
  });
});

describe("profiles as data", () => {
  test("every preset survives a JSON round trip and is read back as itself", () => {
    for (const p of Object.values(PROFILES)) {
      const back = profileFromJson(JSON.parse(JSON.stringify(p)));
      expect(back).toEqual(p);
    }
  });
  test("profileFromChoices gives the preset for a preset's choices, a named combination otherwise", () => {
    expect(profileFromChoices(choicesOf(THRESHOLD_60_DEVIATION))).toBe(THRESHOLD_60_DEVIATION);
    const p = profileFromChoices({ ...choicesOf(THRESHOLD_60_DEVIATION), budgetExecution: "full-at-95" });
    expect(p.id).toBe("threshold-60-deviation+budgetExecution=full-at-95");
    expect(p.name.zh).toBe("60%阈值+偏离度扣分（预算执行得分：执行率 ≥ 95% 得满分）");
    expect(p.budgetExecution).toEqual({ kind: "full-at-or-above", threshold: 0.95 });
  });
  test("every option of every rule can be chosen", () => {
    for (const d of DIMENSIONS) {
      for (const o of CHOICE_OPTIONS[d]) {
        const p = profileFromChoices({ ...choicesOf(NATIONAL), [d]: o.key });
        expect(choicesOf(p)[d]).toBe(o.key);
      }
    }
  });
  test("a profile that departs from national says where, in every label", () => {
    expect(departuresFromNational(NATIONAL)).toEqual([]);
    expect(profileLabel(NATIONAL)).toEqual(NATIONAL.name);
    expect(departuresFromNational(THRESHOLD_60_DEVIATION).map((d) => d.zh)).toEqual([
      "预算执行得分：60%阈值：分值 × (执行率 − 60%) / 40%",
      "未达目标：60%阈值：W × (r − 60%) / 40%",
      "超出目标：偏离度扣分：W × max(0, 2 − r)",
      "反向指标：按正向指标，r = B/A",
    ]);
    expect(profileLabel(THRESHOLD_60_DEVIATION).zh).toBe(
      "60%阈值+偏离度扣分〔偏离国家口径：预算执行得分、未达目标、超出目标、反向指标；各地实践，无国家公式〕",
    );
  });
  test.each([
    [[], /one JSON object/],
    [{ belowTarget: { kind: "half" } }, /belowTarget.kind "half" is unknown/],
    [{ budgetExecution: { kind: "threshold", floor: 1.5 } }, /budgetExecution.floor must be a number from 0 to 1/],
    [{ aboveTarget: { kind: "cap-review" } }, /aboveTarget.reviewAt must be a ratio/],
    [{ rounding: "bankers" }, /rounding must be "half-up" or "truncate"/],
    [{ colour: "red" }, /field "colour" is unknown/],
    [{ id: "national", belowTarget: { kind: "threshold", floor: 0.6 } }, /"national" is reserved/],
    [{ qualitativeBands: { achieved: [1, 0.8], partial: [0.5, 0.8], notAchieved: [0, 0.5] } }, /has min above max/],
    [{ id: "__proto__" }, /"__proto__" is reserved/],
    [{ id: "toString" }, /"toString" is reserved/],
    [{ id: "auto" }, /"auto" is reserved/],
    [{ id: "national-strict" }, /"national-strict" is reserved/],
  ])("profileFromJson rejects %j with a clear message, Chinese first", (input, message) => {
    let error: unknown;
    try {
      profileFromJson(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProfileError);
    const e = error as ProfileError;
    expect(e.en).toMatch(message);
    expect(e.message).toBe(e.zh);
    expect(e.zh).toMatch(/^评分口径文件有误：/);
    expect(e.zh).not.toMatch(/\b(must|is unknown|reserved)\b/);
  });
  test("profileFromJson completes a partial profile from national", () => {
    const p = profileFromJson({ id: "county-a", belowTarget: { kind: "threshold", floor: 0.5 } });
    expect(p).toMatchObject({ id: "county-a", name: { zh: "county-a" }, aboveTarget: { kind: "cap" } });
    expect(p.belowTarget).toEqual({ kind: "threshold", floor: 0.5 });
    expect(choicesOf(p).belowTarget).toBe("threshold-50");
  });
});
