/**
 * Exact decimal arithmetic for every recomputation (rules-reference §6: never binary floating point).
 * A private Decimal clone so that callers' global decimal.js settings cannot change our results.
 */
import DecimalBase from "decimal.js";

export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

/** Rounds half-up (away from zero on .5) to `dp` decimals. */
export function roundHalfUp(d: Decimal, dp: number): Decimal {
  return d.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP);
}

/** Truncates toward zero to `dp` decimals. */
export function truncate(d: Decimal, dp: number): Decimal {
  return d.toDecimalPlaces(dp, Decimal.ROUND_DOWN);
}

/** Fixed-point text with `dp` decimals, half-up; uses the real minus sign (−) for negatives when `typographic`. */
export function fixed(d: Decimal, dp: number, typographic = false): string {
  const s = roundHalfUp(d, dp).toFixed(dp);
  return typographic && s.startsWith("-") ? "−" + s.slice(1) : s;
}

/** Fixed-point text with thousands separators, as amounts are published: 26,843.22. */
export function grouped(d: Decimal, dp: number): string {
  const [i, f] = fixed(d, dp).split(".");
  const g = i.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return f !== undefined ? `${g}.${f}` : g;
}

/** Shortest plain text of a decimal (no exponent, no trailing zeros): 624.9, 10, 0.91. */
export function plain(d: Decimal): string {
  return d.toFixed();
}

/** Signed difference text: "+0.11", "−0.11", "0.00". */
export function signed(d: Decimal, dp: number): string {
  const r = roundHalfUp(d, dp);
  if (r.isZero()) return r.abs().toFixed(dp);
  return (r.isNegative() ? "−" : "+") + r.abs().toFixed(dp);
}

/** POW10[k] = 10^k, exact for k ≤ 15. */
export const POW10: readonly number[] = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * x × 10^dp as an exact safe integer (|n| < 2^53), or undefined when that is not an integer or not safe.
 * Input: a Decimal and a number of decimals (0–15). Reads decimal.js's documented representation
 * (`d`: the digits in base 1e7, most significant first, the decimal point at a limb boundary; `e`: the
 * base-10 exponent of the first digit; `s`: the sign) without allocating. Never throws.
 */
export function scaledInteger(x: Decimal, dp: number): number | undefined {
  const d = x.d;
  if (!d || dp < 0 || dp > 15) return undefined;
  // The first limb's place, in limbs: 0 holds units, −1 the first 7 decimals.
  const first = Math.floor(x.e / 7);
  let n = 0;
  for (let i = 0; i < d.length; i++) {
    const limb = d[i];
    if (limb === 0) continue;
    const k = 7 * (first - i) + dp;
    if (k >= 0) {
      if (k > 15) return undefined;
      n += limb * POW10[k];
      if (!Number.isSafeInteger(n)) return undefined;
    } else {
      if (k <= -7 || limb % POW10[-k] !== 0) return undefined;
      n += limb / POW10[-k];
    }
  }
  return x.s < 0 ? -n : n;
}

/**
 * x × 10^k rounded half-up (ties away from zero, as `roundHalfUp`) to an integer, when that is a safe
 * integer; undefined otherwise. Input: a Decimal, k in 0–15. Reads the digits as `scaledInteger` does,
 * without allocating. Never throws.
 */
export function roundedScaledInteger(x: Decimal, k: number): number | undefined {
  const d = x.d;
  if (!d || k < 0 || k > 15) return undefined;
  const first = Math.floor(x.e / 7);
  let n = 0;
  let up = false;
  for (let i = 0; i < d.length; i++) {
    const limb = d[i];
    // The limb's last digit is worth 10^place in x × 10^k.
    const place = 7 * (first - i) + k;
    if (place >= 0) {
      if (limb === 0) continue;
      if (place > 15) return undefined;
      n += limb * POW10[place];
      if (!Number.isSafeInteger(n)) return undefined;
      continue;
    }
    // The first limb past the units: its whole part, and the first digit dropped decides the rounding.
    if (place > -7) {
      const q = POW10[-place];
      n += Math.floor(limb / q);
      up = Math.floor((limb % q) / (q / 10)) >= 5;
    } else if (place === -7) {
      up = limb >= 5_000_000;
    }
    break;
  }
  if (up) n += 1;
  if (!Number.isSafeInteger(n)) return undefined;
  return x.s < 0 ? -n : n;
}

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);
