import fc from "fast-check";
import {
  classifyAchievement,
  isPlaceholder,
  parseAmount,
  parseDateText,
  parseMeasure,
  parsePercent,
  parseScore,
  unitFactor,
  withParsedCells,
} from "../../src/rules/parse";

describe("parseAmount (万元)", () => {
  test.each([
    ["1,286.27", "1286.27", 2],
    ["700.00", "700", 2],
    ["0.91万元", "0.91", 2],
    ["２６，８５４．９２".replace("，", ","), "26854.92", 2],
    ["21.2785", "21.2785", 4],
    ["-3", "-3", 0],
  ])("%s → %s (%i decimals)", (text, value, decimals) => {
    const r = parseAmount({ text });
    expect(r.kind).toBe("number");
    if (r.kind === "number") {
      expect(r.value.toFixed()).toBe(value);
      expect(r.decimals).toBe(decimals);
    }
  });
  test.each(["", "-", "—", "/", "  "])("placeholder %p is empty", (text) => {
    expect(parseAmount({ text }).kind).toBe("empty");
  });
  test.each(["#N/A", "#DIV/0!", "约700", "七百"])("%p is unreadable", (text) => {
    expect(parseAmount({ text }).kind).toBe("unreadable");
  });
  test("a number cell without text uses its format's decimals", () => {
    const r = parseAmount({ value: 700, text: "", numberFormat: "#,##0.00" });
    expect(r).toMatchObject({ kind: "number", decimals: 2 });
  });
});

describe("parsePercent: the three forms of rules-reference §6", () => {
  test("text 99.27%", () => {
    const r = parsePercent({ text: "99.27%" });
    expect(r.kind === "percent" && [r.ratio.toFixed(), r.decimals]).toEqual(["0.9927", 2]);
  });
  test("fraction under a percent format, text shown", () => {
    const r = parsePercent({ value: 0.9927, text: "99.27%", numberFormat: "0.00%" });
    expect(r.kind === "percent" && [r.ratio.toFixed(), r.decimals]).toEqual(["0.9927", 2]);
  });
  test("fraction under a percent format, no text (decimals from the format)", () => {
    const r = parsePercent({ value: 0.9927, text: "", numberFormat: "0.00%" });
    expect(r.kind === "percent" && [r.ratio.toFixed(), r.decimals]).toEqual(["0.9927", 2]);
  });
  test("plain number 99.27 under a 率 header", () => {
    const r = parsePercent({ value: 99.27, text: "99.27" });
    expect(r.kind === "percent" && [r.ratio.toFixed(), r.decimals]).toEqual(["0.9927", 2]);
  });
  test("003's 执行率 '0' is 0%", () => {
    const r = parsePercent({ text: "0" });
    expect(r.kind === "percent" && r.ratio.isZero()).toBe(true);
  });
  test("003's typo '100%%' is unreadable, not silently 100%", () => {
    expect(parsePercent({ text: "100%%" }).kind).toBe("unreadable");
  });
});

describe("parseScore", () => {
  test.each([
    ["89.62分", "89.62"],
    ["10.00", "10"],
    ["9.8", "9.8"],
    ["10", "10"],
  ])("%s → %s", (text, value) => {
    const r = parseScore({ text });
    expect(r.kind === "number" && r.value.toFixed()).toBe(value);
  });
  test("an integer score is read with 2 decimals", () => {
    const r = parseScore({ text: "10" });
    expect(r.kind === "number" && r.decimals).toBe(2);
  });
});

describe("parseMeasure: targets and actuals from the seeds", () => {
  test.each([
    // [text, kind, op, value, unit]
    [">=13套", "quantity", ">=", "13", "套"],
    ["=13套", "quantity", "=", "13", "套"],
    ["<=630万元", "quantity", "<=", "630", "万元"],
    ["=624.9万元", "quantity", "=", "624.9", "万元"],
    ["≥95%", "quantity", ">=", "95", "%"],
    ["＞＝90％", "quantity", ">=", "90", "%"],
    ["不低于15000人", "quantity", ">=", "15000", "人"],
    ["不超过0.91万元", "quantity", "<=", "0.91", "万元"],
    ["=20元/生·月", "quantity", "=", "20", "元/生·月"],
    ["28664人", "quantity", "=", "28664", "人"],
    ["1,200万元", "quantity", "=", "1200", "万元"],
    ["95%以上", "quantity", ">=", "95", "%"],
  ])("%s", (text, kind, op, value, unit) => {
    const m = parseMeasure({ text });
    expect(m.kind).toBe(kind);
    if (m.kind === "quantity") {
      expect([m.op, m.value.toFixed(), m.unit]).toEqual([op, value, unit]);
    }
  });

  test.each([
    ["=2024年12月10日前", 20241210, 20241210, true],
    ["2024年12月10日前", 20241210, 20241210, true],
    ["2025年5月", 20250501, 20250531, false],
    ["2024年10月28日之前", 20241028, 20241028, true],
    ["<=12月底", 20241231, 20241231, true],
    ["2024年1月—12月10日", 20241210, 20241210, true],
    ["2021-12-30", 20211230, 20211230, false],
    ["2020年12月30日", 20201230, 20201230, false],
  ])("date %s", (text, start, end, deadline) => {
    const m = parseMeasure({ text }, 2024);
    expect(m.kind).toBe("date");
    if (m.kind === "date") {
      expect([m.date.start, m.date.end, m.deadline]).toEqual([start, end, deadline]);
    }
  });

  test("a serial date under a date format", () => {
    const m = parseMeasure({ value: 45636, text: "2024/12/10", numberFormat: "yyyy/m/d" });
    expect(m.kind === "date" && m.date.end).toBe(20241210);
  });

  test.each(["明显提升", "达到预期指标", "有效减轻", "持续"])("qualitative %s", (text) => {
    expect(parseMeasure({ text }).kind).toBe("qualitative");
  });

  test("an Excel error is unreadable", () => {
    expect(parseMeasure({ text: "#N/A" }).kind).toBe("unreadable");
  });
});

describe("units", () => {
  test("万 and 万元 are the same", () => expect(unitFactor("万元", "万")?.toFixed()).toBe("1"));
  test("万人 vs 人 converts by 10,000", () => expect(unitFactor("万人", "人")?.toFixed()).toBe("0.0001"));
  test("a missing unit takes the other side's", () => expect(unitFactor("个", "")?.toFixed()).toBe("1"));
  test("元/天 vs /天 (numerator left out)", () => expect(unitFactor("元/天", "/天")?.toFixed()).toBe("1"));
  test("次 vs % differ", () => expect(unitFactor("次", "%")).toBeNull());
});

describe("classifyAchievement", () => {
  test.each([
    ["达到预期指标", "明显提升", "achieved"],
    ["明显提升", "明显提升", "achieved"],
    ["完全达到预期目标", "", "achieved"],
    ["基本达到", "", "partial"],
    ["部分完成", "", "partial"],
    ["未完成", "", "not-achieved"],
    ["没有提升", "", "not-achieved"],
    ["有所变化", "明显提升", "unknown"],
  ])("%s (target %s) → %s", (actual, target, expected) => {
    expect(classifyAchievement(actual, target)).toBe(expected);
  });
});
// Property tests for every parser (fast-check, 1,000 cases each): test/tables/hostile.test.ts.

test("isPlaceholder: dashes with spaces anywhere, as removing the spaces first (property)", () => {
  const reference = (t: string) => /^[-—–─―/\\－、]*$/.test(t.replace(/\s+/g, ""));
  const chars = [
    "-",
    "—",
    "–",
    "─",
    "―",
    "/",
    "\\",
    "－",
    "、",
    " ",
    "\u3000",
    "\u00a0",
    "\t",
    "\n",
    "a",
    "1",
    "\u200b",
    ".",
  ];
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...chars), { maxLength: 6 }),
      (cs) => isPlaceholder(cs.join("")) === reference(cs.join("")),
    ),
    { numRuns: 3000 },
  );
});

describe("parseMeasure within one validation (issue 17: each text read once per table year)", () => {
  test("the same text and year give the same reading; another year, a date serial or no validation read afresh", () => {
    withParsedCells(() => {
      const a = parseMeasure({ text: "≥95%", value: "≥95%" }, 2024);
      const b = parseMeasure({ text: "≥95%", value: "≥95%", numberFormat: "General" }, 2024);
      expect(b).toBe(a);
      expect(b).toEqual({
        kind: "quantity",
        op: ">=",
        opWritten: true,
        value: expect.anything(),
        unit: "%",
        text: "≥95%",
      });
      // A date without a year takes the table's: the year is part of the key.
      const may2024 = parseMeasure({ text: "5月底" }, 2024);
      const may2023 = parseMeasure({ text: "5月底" }, 2023);
      expect(may2024.kind === "date" && may2024.date.end).toBe(20240531);
      expect(may2023.kind === "date" && may2023.date.end).toBe(20230531);
      // A number under a date format is a serial date, whatever another cell showing the same text read as.
      const plain = parseMeasure({ value: 45000, text: "45000" }, 2024);
      const serial = parseMeasure({ value: 45000, text: "45000", numberFormat: "yyyy-mm-dd" }, 2024);
      expect(plain.kind).toBe("quantity");
      expect(serial.kind).toBe("date");
    });
    expect(parseMeasure({ text: "≥95%" }, 2024)).not.toBe(parseMeasure({ text: "≥95%" }, 2024));
  });
});

describe("readings shared by cells of the same content within one validation (issue 17)", () => {
  test("the same value, text and format share one reading; a different format or value type does not", () => {
    withParsedCells(() => {
      const a = parseScore({ value: 10, text: "10.00", numberFormat: "0.00" });
      expect(parseScore({ value: 10, text: "10.00", numberFormat: "0.00" })).toBe(a);
      // 0.9927 under a percent format is 99.27%; under General it is the percent figure 0.9927%.
      const pct = parsePercent({ value: 0.9927, text: "", numberFormat: "0.00%" });
      const general = parsePercent({ value: 0.9927, text: "", numberFormat: "General" });
      expect(pct.kind === "percent" && pct.ratio.toFixed()).toBe("0.9927");
      expect(general.kind === "percent" && general.ratio.toFixed()).toBe("0.009927");
      // No text: the value is read, with its type (the number 5 and the text "5" are different cells).
      const n = parseAmount({ value: 5, text: "", numberFormat: "0.00" });
      const s = parseAmount({ value: "5", text: "", numberFormat: "0.00" });
      expect(n.kind === "number" && n.decimals).toBe(2);
      expect(s.kind === "number" && s.decimals).toBe(0);
    });
  });
});
