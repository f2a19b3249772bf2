/**
 * The integer fast path of the sums (issue 17): `sumAgreesExactly` decides total = Σ parts on the scaled
 * integers the parser keeps, and must decide exactly as `compareSum`'s decimals do whenever it decides at
 * all (null hands the case back to `compareSum`).
 */
import fc from "fast-check";
import {
  compareRatio,
  compareSum,
  scoreAgrees,
  sumAgreesExactly,
  sumWithinScoreTolerance,
  type ScaledFigure,
} from "../../src/rules/compare";
import { Decimal, roundHalfUp, roundedScaledInteger, scaledInteger } from "../../src/rules/decimal";
import type { RateReading, ScoreExpectation } from "../../src/rules/scoring";
import { parseAmount, parsePercent, parseScore, type StatedNumber } from "../../src/rules/parse";

/** A written amount: sign, integer digits (grouped or not), decimals. */
const written = fc
  .record({
    negative: fc.boolean(),
    int: fc.bigInt({ min: 0n, max: 10n ** 16n }),
    frac: fc.stringMatching(/^[0-9]{0,6}$/),
    grouped: fc.boolean(),
  })
  .map(({ negative, int, frac, grouped }) => {
    const i = grouped ? int.toLocaleString("en-US") : int.toString();
    return `${negative ? "-" : ""}${i}${frac ? "." + frac : ""}`;
  });

function read(text: string): StatedNumber {
  const r = parseAmount({ text });
  if (r.kind !== "number") throw new Error(`not a number: ${text}`);
  return r;
}

/** Shifts a figure's decimals as readAmount does for 元 (+4) and 亿元 (−4): the scaled integer stays. */
function shifted(n: StatedNumber, by: number): StatedNumber & ScaledFigure {
  return { ...n, value: n.value.div(new Decimal(10).pow(by)), decimals: n.decimals + by };
}

test("the parser's scaled integer is the written figure's digits, when it has at most 15", () => {
  expect(read("1,286.27").scaled).toBe(128627);
  expect(read("-3").scaled).toBe(-3);
  expect(read(".5").scaled).toBe(5);
  expect(read("0.91万元").scaled).toBe(91);
  expect(read("123456789012345.6").scaled).toBeUndefined();
  expect(read("12345678901234.5").scaled).toBe(123456789012345);
  // A score is read at 2 decimals at least, and its scaled integer with them.
  const score = parseScore({ text: "10分" });
  expect(score.kind === "number" && [score.decimals, score.scaled]).toEqual([2, 1000]);
  const fine = parseScore({ text: "9.825" });
  expect(fine.kind === "number" && [fine.decimals, fine.scaled]).toEqual([3, 9825]);
  // A cell with a value and no text keeps no scaled integer (its format, not its digits, gives the decimals).
  const v = parseAmount({ value: 1.234, numberFormat: "0.00" });
  expect(v.kind === "number" && v.scaled).toBeUndefined();
});

test("agreeing and disagreeing sums from the seeds' shapes", () => {
  expect(sumAgreesExactly(read("1,286.27"), [read("1,000.00"), read("286.27")])).toBe(true);
  expect(sumAgreesExactly(read("1,286.27"), [read("1,000.00"), read("286.2")])).toBe(false);
  // A coarser total over finer parts: 32.7 against 32.65 + 0 is not equal (compareSum: rounding).
  expect(sumAgreesExactly(read("32.7"), [read("32.65"), read("0")])).toBe(false);
  // Beyond the safe integers: not decided here.
  expect(sumAgreesExactly(read("900000000000000"), [read("0.001")])).toBeNull();
  expect(sumAgreesExactly({ decimals: 2 }, [read("1.00")])).toBeNull();
});

test("whenever it decides, it decides as compareSum (property, with 元 and 亿元 shifts)", () => {
  fc.assert(
    fc.property(
      written,
      fc.array(fc.tuple(written, fc.constantFrom(0, 4, -4)), { minLength: 1, maxLength: 6 }),
      fc.constantFrom(0, 4, -4),
      fc.boolean(),
      (totalText, partTexts, totalShift, makeEqual) => {
        const parts = partTexts.map(([t, by]) => shifted(read(t), by));
        let total = shifted(read(totalText), totalShift);
        if (makeEqual) {
          // The total written as the exact sum of the parts, at their finest precision.
          const dp = Math.max(0, ...parts.map((p) => p.decimals));
          const sum = parts.reduce((a, p) => a.plus(p.value), new Decimal(0));
          total = read(sum.toFixed(dp));
        }
        const fast = sumAgreesExactly(total, parts);
        const slow =
          compareSum(
            total,
            parts.map((p) => p.value),
          ).verdict === "agree";
        return fast === null || fast === slow;
      },
    ),
    { numRuns: 3000 },
  );
});

/** Decimals from a random digit string (up to `digits` long) and exponent in [minExp, maxExp], any sign. */
function decimals(digits: number, minExp: number, maxExp: number): fc.Arbitrary<Decimal> {
  return fc
    .record({
      d: fc.stringMatching(new RegExp(`^[0-9]{1,${digits}}$`)),
      exp: fc.integer({ min: minExp, max: maxExp }),
      neg: fc.boolean(),
    })
    .map(({ d, exp, neg }) => new Decimal(`${neg ? "-" : ""}${d}e${exp}`));
}

describe("exact integers from decimals (scaledInteger) and scoreAgrees on them", () => {
  const anyDecimal = decimals(20, -20, 20);

  test("examples", () => {
    expect(scaledInteger(new Decimal("9.93"), 2)).toBe(993);
    expect(scaledInteger(new Decimal("-0.05"), 2)).toBe(-5);
    expect(scaledInteger(new Decimal("0.00000001"), 8)).toBe(1);
    expect(scaledInteger(new Decimal("12345678.9"), 1)).toBe(123456789);
    expect(scaledInteger(new Decimal("9.935"), 2)).toBeUndefined();
    expect(scaledInteger(new Decimal("1e16"), 0)).toBeUndefined();
    expect(scaledInteger(new Decimal(0), 2)).toBe(0);
  });

  test("equals x × 10^dp whenever that is a safe integer, and is undefined otherwise (property)", () => {
    fc.assert(
      fc.property(anyDecimal, fc.integer({ min: 0, max: 15 }), (x, dp) => {
        const exact = x.mul(new Decimal(10).pow(dp));
        const n = scaledInteger(x, dp);
        if (exact.isInteger() && exact.abs().lte(Number.MAX_SAFE_INTEGER)) return n === exact.toNumber();
        return n === undefined;
      }),
      { numRuns: 5000 },
    );
  });

  test("scoreAgrees decides as the decimal comparison does (property, exact and banded expectations)", () => {
    const score = fc
      .record({ int: fc.integer({ min: -5, max: 120 }), frac: fc.stringMatching(/^[0-9]{0,4}$/) })
      .map(({ int, frac }) => `${int}${frac ? "." + frac : ""}`);
    /** The slow path of scoreAgrees: the same comparison on a figure without its scaled integer. */
    const slow = (s: StatedNumber, exp: ScoreExpectation) => scoreAgrees({ ...s, scaled: undefined }, exp);
    fc.assert(
      fc.property(score, score, score, fc.boolean(), fc.boolean(), (a, b, c, banded, exclusive) => {
        const stated = read(a);
        const x = new Decimal(b);
        const y = new Decimal(c);
        const exp: ScoreExpectation = banded
          ? {
              kind: "band",
              min: Decimal.min(x, y),
              max: Decimal.max(x, y),
              ...(exclusive ? { maxExclusive: true } : {}),
              formula: "",
              basis: "graded",
            }
          : { kind: "exact", value: x, formula: "", basis: "proportional" };
        // Near misses too: the stated figure itself, and one unit of 0.01 either side.
        const near: ScoreExpectation = {
          kind: "exact",
          value: stated.value.plus("0.01"),
          formula: "",
          basis: "proportional",
        };
        return scoreAgrees(stated, exp) === slow(stated, exp) && scoreAgrees(stated, near) === slow(stated, near);
      }),
      { numRuns: 5000 },
    );
  });
});

describe("rates on exact integers (roundedScaledInteger) and compareRatio on them", () => {
  const anyDecimal = decimals(24, -24, 16);

  test("examples", () => {
    expect(roundedScaledInteger(new Decimal("0.992714"), 4)).toBe(9927);
    expect(roundedScaledInteger(new Decimal("0.99275"), 4)).toBe(9928);
    expect(roundedScaledInteger(new Decimal("-0.99275"), 4)).toBe(-9928);
    expect(roundedScaledInteger(new Decimal("0.00000005"), 7)).toBe(1);
    expect(roundedScaledInteger(new Decimal("0.000000049"), 7)).toBe(0);
    expect(roundedScaledInteger(new Decimal("1e-30"), 2)).toBe(0);
    expect(roundedScaledInteger(new Decimal("1e16"), 0)).toBeUndefined();
  });

  test("equals roundHalfUp(x × 10^k, 0) whenever that is a safe integer (property)", () => {
    fc.assert(
      fc.property(anyDecimal, fc.integer({ min: 0, max: 15 }), (x, k) => {
        const exact = roundHalfUp(x.mul(new Decimal(10).pow(k)), 0);
        const n = roundedScaledInteger(x, k);
        if (exact.abs().lte(Number.MAX_SAFE_INTEGER - 1)) return n === exact.toNumber() || (n === 0 && exact.isZero());
        return n === undefined;
      }),
      { numRuns: 5000 },
    );
  });

  test("compareRatio gives the same verdict and match with or without the scaled integers (property)", () => {
    const percent = fc
      .record({ int: fc.integer({ min: 0, max: 300 }), frac: fc.stringMatching(/^[0-9]{0,3}$/) })
      .map(({ int, frac }) => `${int}${frac ? "." + frac : ""}%`);
    const ratio = fc
      .record({ b: fc.integer({ min: 0, max: 100000 }), a: fc.integer({ min: 1, max: 100000 }) })
      .map(({ a, b }) => new Decimal(b).div(a));
    fc.assert(
      fc.property(percent, fc.array(ratio, { minLength: 1, maxLength: 3 }), fc.boolean(), (text, ratios, hit) => {
        const p = parsePercent({ text });
        if (p.kind !== "percent") return false;
        // Sometimes a reading that is the stated rate itself, or one unit of its last digit away.
        const all = hit
          ? [...ratios, p.ratio, p.ratio.plus(new Decimal(1).div(new Decimal(10).pow(p.decimals + 2)))]
          : ratios;
        const readings: RateReading[] = all.map((r, i) => ({
          ratio: r,
          formula: "",
          reading: i ? "capped" : "primary",
        }));
        const fast = compareRatio(p, readings);
        const slow = compareRatio({ ...p, scaled: undefined }, readings);
        return fast.verdict === slow.verdict && fast.matched === slow.matched && fast.expected === slow.expected;
      }),
      { numRuns: 5000 },
    );
  });
});

test("sumWithinScoreTolerance decides |total − Σ parts| ≤ 0.01 as decimals do, whenever it decides (property)", () => {
  const score = fc
    .record({ int: fc.integer({ min: 0, max: 100 }), frac: fc.stringMatching(/^[0-9]{0,4}$/) })
    .map(({ int, frac }) => `${int}${frac ? "." + frac : ""}分`);
  fc.assert(
    fc.property(score, fc.array(score, { maxLength: 8 }), fc.integer({ min: -2, max: 2 }), (t, ps, nudge) => {
      const parts = ps.map((x) => parseScore({ text: x })).filter((x): x is StatedNumber => x.kind === "number");
      const sum = parts.reduce((a, p) => a.plus(p.value), new Decimal(0));
      // Totals near the sum: the sum itself, or 0.01 or 0.02 off, written with the parts' decimals.
      const dp = Math.max(2, ...parts.map((p) => p.decimals));
      const near = parseScore({ text: sum.plus(new Decimal(nudge).div(100)).abs().toFixed(dp) });
      const total = nudge === -2 || ps.length === 0 ? parseScore({ text: t }) : near;
      if (total.kind !== "number") return true;
      const fast = sumWithinScoreTolerance(total, parts);
      const slow = total.value.minus(sum).abs().lte("0.01");
      return fast === null || fast === slow;
    }),
    { numRuns: 3000 },
  );
});
