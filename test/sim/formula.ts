/**
 * Evaluates the formulas the add-in inserts (src/tables/columns.ts) the way Excel would, for tests: the
 * functions they use (IF, ISBLANK, ISNUMBER, AND, N, TEXT, the DC.* custom functions), `&`, `=` and cell
 * references, over a grid. One thing differs by host and is a parameter: what a custom function receives
 * for a reference to an empty cell. Excel on Windows and Mac passes 0, Excel on the web passes null (the
 * defect issue 18 names). Anything else in a formula (AGGREGATE, ranges) is reported as unsupported.
 */
import { budgetScoreOf, checkOf, completionRateOf, executionRateOf, scoreOf } from "../../src/functions/functions";
import { displayText } from "../../src/tables/format";

/** A cell as the evaluator reads it: its value and number format, and its formula when it has one. */
export interface FormulaCell {
  value: unknown;
  numberFormat?: string;
  formula?: string;
}

export type BlankArgument = "desktop" | "web";

/** A value in a formula: a cell's content, a text, a number, a boolean, or an error with its message. */
type Value = { blank: true } | string | number | boolean | { error: string } | { range: Value[] };

const BLANK: Value = { blank: true };
const isBlank = (v: Value): v is { blank: true } => typeof v === "object" && "blank" in v;
const isError = (v: Value): v is { error: string } => typeof v === "object" && "error" in v;
const isRange = (v: Value): v is { range: Value[] } => typeof v === "object" && "range" in v;

const DC: Record<string, (...args: unknown[]) => number | string> = {
  EXECUTIONRATE: (a, b) => executionRateOf(a, b),
  BUDGETSCORE: (a, b, c, d) => budgetScoreOf(a, b, c, d),
  COMPLETIONRATE: (a, b) => completionRateOf(a, b),
  SCORE: (a, b, c, d, e, f) => scoreOf(a, b, c, d, e, f),
  CHECK: (a, b) => checkOf(a, b),
};

type Token = { kind: "num" | "str" | "ref" | "range" | "name" | "op"; text: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re =
    /\s*(?:(\d+(?:\.\d+)?)|"((?:[^"]|"")*)"|(\$?[A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+)|(\$?[A-Z]{1,3}\$?\d+)(?![A-Z0-9(.:])|([A-Z][A-Z0-9.]*)(?=\()|([(),&=<>]))/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < src.length && (m = re.exec(src))) {
    at = re.lastIndex;
    if (m[1] !== undefined) out.push({ kind: "num", text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: "str", text: m[2].replace(/""/g, '"') });
    else if (m[3] !== undefined) out.push({ kind: "range", text: m[3] });
    else if (m[4] !== undefined) out.push({ kind: "ref", text: m[4] });
    else if (m[5] !== undefined) out.push({ kind: "name", text: m[5] });
    else out.push({ kind: "op", text: m[6] });
  }
  if (src.slice(at).trim() !== "") throw new Error(`unsupported formula text at "${src.slice(at)}"`);
  return out;
}

/**
 * Evaluates one inserted formula over the grid (sheet coordinates, 0-based) as the given host would.
 * Output: a number or text, or `{ error }` for #VALUE! with the function's message. Throws: Error for a
 * formula this evaluator does not support.
 */
export function evaluateFormula(
  formula: string,
  at: (row: number, col: number) => FormulaCell | undefined,
  host: BlankArgument,
): number | string | { error: string } {
  const tokens = tokenize(formula.replace(/^=/, ""));
  let i = 0;
  const peek = () => tokens[i];
  const take = (text?: string) => {
    const t = tokens[i++];
    if (!t || (text !== undefined && t.text !== text)) throw new Error(`expected ${text ?? "a token"} in ${formula}`);
    return t;
  };
  // A referenced cell: its value, or what its own formula gives (the recomputed columns refer to each other).
  const cell = (ref: string): Value => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref)!;
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const c = at(Number(m[2]) - 1, col);
    if (c?.formula) return evaluateFormula(c.formula, at, host);
    if (!c || c.value === null || c.value === undefined || c.value === "") return BLANK;
    return c.value as Value;
  };
  const asText = (v: Value): string => (isBlank(v) ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v));
  const asNumber = (v: Value): number =>
    isBlank(v) ? 0 : typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : 0;
  // An argument as a custom function receives it: a direct reference to an empty cell is the host's blank.
  const argument = (v: Value, direct: boolean): unknown => (isBlank(v) ? (direct && host === "desktop" ? 0 : null) : v);

  function call(name: string): Value {
    take("(");
    const args: Array<{ value: Value; direct: boolean; ref?: string }> = [];
    if (peek()?.text !== ")") {
      for (;;) {
        const start = i;
        const value = comparison();
        const direct = i === start + 1 && tokens[start].kind === "ref";
        args.push({ value, direct, ref: direct ? tokens[start].text : undefined });
        if (peek()?.text === ",") take(",");
        else break;
      }
    }
    take(")");
    const err = args.find((a) => isError(a.value));
    if (name === "IF") {
      const c = args[0].value;
      if (isError(c)) return c;
      return (typeof c === "boolean" ? c : asNumber(c) !== 0) ? args[1].value : (args[2]?.value ?? false);
    }
    if (name === "ISBLANK") return isBlank(args[0].value);
    if (name === "AGGREGATE") {
      // AGGREGATE(9, 6, …): the sum, ignoring errors (and, as SUM does, text).
      if (asNumber(args[0].value) !== 9 || asNumber(args[1].value) !== 6)
        throw new Error(`unsupported AGGREGATE in ${formula}`);
      const values = args.slice(2).flatMap((a) => (isRange(a.value) ? a.value.range : [a.value]));
      return values.reduce<number>((n, v) => n + (typeof v === "number" ? v : 0), 0);
    }
    if (name === "ISNUMBER") return typeof args[0].value === "number";
    if (err) return err.value;
    if (name === "AND") return args.every((a) => (typeof a.value === "boolean" ? a.value : asNumber(a.value) !== 0));
    if (name === "N") return typeof args[0].value === "number" ? args[0].value : 0;
    if (name === "TEXT") {
      const v = args[0].value;
      const format = asText(args[1].value);
      return displayText(isBlank(v) ? 0 : (v as number | string), format);
    }
    if (name.startsWith("DC.")) {
      const f = DC[name.slice(3)];
      if (!f) throw new Error(`unknown custom function ${name}`);
      try {
        const r = f(...args.map((a) => argument(a.value, a.direct)));
        return r;
      } catch (e) {
        return { error: (e as Error).message };
      }
    }
    throw new Error(`unsupported function ${name} in ${formula}`);
  }

  function primary(): Value {
    const t = take();
    if (t.kind === "num") return Number(t.text);
    if (t.kind === "str") return t.text;
    if (t.kind === "ref") return cell(t.text);
    if (t.kind === "range") {
      const [a, b] = t.text.replace(/\$/g, "").split(":");
      const pos = (x: string) => {
        const m = /^([A-Z]+)(\d+)$/.exec(x)!;
        return [Number(m[2]), [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)] as const;
      };
      const [r1, c1] = pos(a);
      const [r2, c2] = pos(b);
      const range: Value[] = [];
      const letters = (n: number): string =>
        (n > 26 ? letters(Math.floor((n - 1) / 26)) : "") + String.fromCharCode(65 + ((n - 1) % 26));
      for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) range.push(cell(`${letters(c)}${r}`));
      return { range };
    }
    if (t.kind === "name") return call(t.text);
    if (t.text === "(") {
      const v = comparison();
      take(")");
      return v;
    }
    throw new Error(`unexpected ${t.text} in ${formula}`);
  }

  function concatenation(): Value {
    let v = primary();
    while (peek()?.text === "&") {
      take("&");
      const w = primary();
      if (isError(v)) continue;
      v = isError(w) ? w : asText(v) + asText(w);
    }
    return v;
  }

  function comparison(): Value {
    const v = concatenation();
    if (peek()?.text !== "=") return v;
    take("=");
    const w = concatenation();
    if (isError(v)) return v;
    if (isError(w)) return w;
    const a = isBlank(v) ? (typeof w === "string" ? "" : 0) : v;
    const b = isBlank(w) ? (typeof v === "string" ? "" : 0) : w;
    return a === b;
  }

  const v = comparison();
  if (i !== tokens.length) throw new Error(`unsupported formula ${formula}`);
  if (isBlank(v)) return 0;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (isRange(v)) throw new Error(`a range is not a result: ${formula}`);
  return v;
}
