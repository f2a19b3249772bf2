/**
 * The vocabulary, table-driven: every synonym maps to its role (no synonym is shadowed by another role),
 * every annotation is split off and kept, every row label and 三公 item word is read as what it names.
 * Adding a word to src/tables/vocabulary is one line there and one case here (or none: the synonym
 * tables below are read from the data itself).
 */
import fc from "fast-check";
import { accountsKindOfTitle } from "../../src/tables/accounts";
import { threePublicItem } from "../../src/tables/threePublic";
import { readLayouts } from "../../src/tables/layouts";
import { matchRole, normaliseHeader } from "../../src/tables/vocabulary/normalise";
import { THREE_PUBLIC_ITEMS } from "../../src/tables/vocabulary/accounts";
import {
  FUND_COLUMNS,
  FUND_PART_LABELS,
  FUND_TOTAL_LABELS,
  INDICATOR_COLUMNS,
} from "../../src/tables/vocabulary/selfEvaluation";

describe("fund block synonyms", () => {
  test.each(FUND_COLUMNS.flatMap((e) => e.exact.map((w) => [w, e.role] as const)))("%s → %s", (word, role) => {
    expect(matchRole(FUND_COLUMNS, normaliseHeader(word).label)).toBe(role);
  });
});

describe("indicator block synonyms", () => {
  test.each(INDICATOR_COLUMNS.flatMap((e) => e.exact.map((w) => [w, e.role] as const)))("%s → %s", (word, role) => {
    expect(matchRole(INDICATOR_COLUMNS, normaliseHeader(word).label)).toBe(role);
  });
  test.each([
    ["指标值设定依据", "basis"],
    ["年度指标值（A）", "target"],
    ["实际完成值（B）", "actual"],
    ["上年实际完成值", "lastYear"],
    ["偏差原因分析及改进措施（可选填）", "deviationNote"],
    ["未完成原因及拟采取的改进措施", "deviationNote"],
    ["一级 指标", "level1"],
    ["一級指標", "level1"],
    ["實際完成值", "actual"],
  ])("%s → %s (contains, spaces, traditional characters)", (word, role) => {
    expect(matchRole(INDICATOR_COLUMNS, normaliseHeader(word).label)).toBe(role);
  });
});

describe("header annotations are split off and kept", () => {
  test.each([
    ["预算数(A)", { label: "预算数", letter: "A" }],
    ["执行数（B）", { label: "执行数", letter: "B" }],
    ["执行率(B/A)", { label: "执行率", letter: "B/A" }],
    ["执行率（B÷A）", { label: "执行率", letter: "B/A" }],
    ["项目资金（万元）", { label: "项目资金", unit: "万元" }],
    ["项目资金(元)", { label: "项目资金", unit: "元" }],
    ["资金情况 (万元)", { label: "资金情况", unit: "万元" }],
    ["年度预算申请\n(万元", { label: "年度预算申请", unit: "万元" }],
    ["预算执行情况(10分)", { label: "预算执行情况", points: "10" }],
    ["预算执行情况(万元)(20分)", { label: "预算执行情况", unit: "万元", points: "20" }],
    ["得分(20分*执行率)", { label: "得分", points: "20" }],
    ["得分（20分×执行率）", { label: "得分", points: "20" }],
    ["产出指标(50分)", { label: "产出指标", points: "50" }],
    ["(30分)", { label: "", points: "30" }],
    ["绩效指标(90分)", { label: "绩效指标", points: "90" }],
    ["年度绩效目标1(40分)", { label: "年度绩效目标1", points: "40" }],
    ["年度目标1:(80分)", { label: "年度目标1", points: "80" }],
    ["年度资金总额:", { label: "年度资金总额" }],
    ["年度资金总额：", { label: "年度资金总额" }],
    ["全年预算数 （A）", { label: "全年预算数", letter: "A" }],
    ["完成率(%)", { label: "完成率", percent: true }],
    ["因公出国(境)费", { label: "因公出国（境）费" }],
    ["项目(工程)验收合格率", { label: "项目（工程）验收合格率" }],
    ["年度資金總額", { label: "年度资金总额" }],
    ["金额单位：元", { label: "金额", unit: "元" }],
  ])("%j", (text, expected) => {
    expect(normaliseHeader(text)).toEqual(expected);
  });
});

describe("fund row labels", () => {
  test.each(FUND_TOTAL_LABELS)("total %s", (label) => {
    expect(FUND_TOTAL_LABELS).toContain(normaliseHeader(`${label}:`).label);
  });
  test.each(FUND_PART_LABELS)("part %s is not a total", (label) => {
    expect(FUND_TOTAL_LABELS).not.toContain(normaliseHeader(label).label);
  });
});

describe("三公 items and titles", () => {
  test.each(THREE_PUBLIC_ITEMS.flatMap((e) => e.words.map((w) => [w, e.item] as const)))("%s → %s", (word, item) => {
    expect(threePublicItem(word)).toBe(item);
  });
  test.each([
    ["1.因公出国(境)费用", "因公出国（境）费"],
    ["其中:(1)公务用车运行维护费", "公务用车运行维护费"],
    ["(2)公务用车购置", "公务用车购置费"],
    ["3.公务用车购置及运行费", "公务用车购置及运行维护费"],
    ["合 计", "合计"],
    ["“三公”经费合计", "合计"],
    ["一、支出合计", "合计"],
    ["总“三公”经费支出", "合计"],
    ["公务 接待费", "公务接待费"],
    ["1.因公出国(境)团组数(个)", null],
  ])("line label %s → %s", (text, item) => {
    expect(threePublicItem(text)).toBe(item);
  });
  test.each([
    "财政拨款“三公”经费支出决算表",
    "一、2022年一般公共预算“三公”经费支出预算表",
    "2020年度全区“三公”经费决算情况",
    "2024年昌宁县卡斯镇“三公”经费预算财政拨款情况统计表",
    "2015年桂林市司法局部门“三公”经费情况统计表",
    "“三公”经费支出情况统计表",
    "财政拨款“三公”经费支出表",
  ])("title %s", (title) => {
    expect(accountsKindOfTitle(title)).toBe("three-public-expenses");
  });
  test.each(["本单位“三公”经费支出较上年减少，主要原因是……", "注：“三公”经费包括因公出国（境）费"])(
    "a sentence is not a title: %s",
    (text) => {
      expect(accountsKindOfTitle(text)).toBeNull();
    },
  );
});

describe("saved layouts", () => {
  test("headers are normalised and unknown roles are refused by name", () => {
    const r = readLayouts({
      version: 1,
      layouts: [
        {
          name: "某县专项表",
          part: "indicator",
          headers: { "完成情况值（B）": "actual", 考核分: "score", 其他: "nonsense" },
        },
      ],
    });
    expect(r.layouts).toEqual([
      { name: "某县专项表", part: "indicator", headers: { 完成情况值: "actual", 考核分: "score" }, override: false },
    ]);
    expect(r.problems.map((p) => p.zh)).toEqual(["布局「某县专项表」中表头「其他」的用途「nonsense」无法识别，已忽略"]);
  });
  test("a file without a layouts list says so", () => {
    expect(readLayouts({}).problems[0].zh).toMatch(/layouts/);
  });
});

describe("normaliseHeader skips the steps whose characters are absent (issue 17)", () => {
  /** The implementation before it did (every step on every text), kept as the reference. */
  function reference(text: string): ReturnType<typeof normaliseHeader> {
    const TRAD = "項資預數執實際績標級權總額結轉當財撥計劃";
    const SIMP = "项资预数执实际绩标级权总额结转当财拨计划";
    let t = String(text ?? "")
      .replace(/\[bookmark:[^\]]*\]/gi, "")
      .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, "")
      .replace(/\(/g, "（")
      .replace(/\)/g, "）")
      .replace(/:/g, "：")
      .replace(new RegExp(`[${TRAD}]`, "g"), (c) => SIMP[TRAD.indexOf(c)]);
    const out: ReturnType<typeof normaliseHeader> = { label: "" };
    for (let guard = 0; guard < 6; guard++) {
      let changed = false;
      t = t.replace(/（([^（）]*)）/g, (whole, inner: string) => {
        const u = /^(?:单位[：:]?)?(万元|元|亿元)$/.exec(inner);
        if (u) return ((out.unit = u[1] as typeof out.unit), (changed = true), "");
        const p = /^(\d+(?:\.\d+)?)分(?:[*×xX].*|值)?$/.exec(inner);
        if (p) return ((out.points = p[1]), (changed = true), "");
        const l = /^([A-Za-z](?:\s*[/÷／]\s*[A-Za-z])?)(?:[*×xX]100%)?$/.exec(inner);
        if (l) {
          out.letter = l[1].replace(/\s+/g, "").toUpperCase().replace(/[÷／]/g, "/");
          changed = true;
          return "";
        }
        if (/^[%％]$/.test(inner)) return ((out.percent = true), (changed = true), "");
        return whole;
      });
      if (!changed) break;
    }
    const openTail = /（(?:单位：)?(万元|元|亿元)$/.exec(t);
    if (openTail) {
      out.unit = openTail[1] as typeof out.unit;
      t = t.slice(0, openTail.index);
    }
    const unitTail = /单位：(万元|元|亿元)$/.exec(t);
    if (unitTail) {
      out.unit = unitTail[1] as typeof out.unit;
      t = t.slice(0, unitTail.index);
    }
    out.label = t.replace(/[：:]+$/, "").replace(/^[：:]+/, "");
    return out;
  }

  test("the same label and annotations as every step on every text (property, header-like texts)", () => {
    const pieces = [
      "预算数",
      "执行数",
      "得分",
      "指标",
      "元",
      "亿元",
      "万元",
      "单位",
      "：",
      ":",
      "（",
      "）",
      "(",
      ")",
      "A",
      "B/A",
      "b",
      "%",
      "％",
      "20分",
      "12.5分*执行率",
      "分值",
      " ",
      "\u3000",
      "\u200b",
      "[bookmark: _GoBack]",
      "項目資金",
      "預算數",
      "x100%",
      "÷",
      "其中",
      "1.",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (parts) => {
        const text = parts.join("");
        expect(normaliseHeader(text)).toEqual(reference(text));
      }),
      { numRuns: 4000 },
    );
  });
});
