/**
 * The integer fast path of the sums (issue 17): `sumAgreesExactly` decides total = Σ parts on the scaled
 * integers the parser keeps, and must decide exactly as `compareSum`'s decimals do whenever it decides at
 * all (null hands the case back to `compareSum`).
 */
import fc from "fast-check";
import { compareSum, sumAgreesExactly, type ScaledFigure } from "../../src/rules/compare";
import { Decimal } from "../../src/rules/decimal";
import { parseAmount, type StatedNumber } from "../../src/rules/parse";

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
        const slow = compareSum(total, parts.map((p) => p.value)).verdict === "agree";
        return fast === null || fast === slow;
      },
    ),
    { numRuns: 3000 },
  );
});
