/**
 * Saved layouts: column mappings the user made for headers the vocabulary does not know (指定列 / Map
 * columns in the pane, `--layout LAYOUT.json` in the CLI). Plain data, the same JSON in both places:
 *
 * ```json
 * { "version": 1,
 *   "layouts": [ { "name": "某县专项资金表", "part": "indicator",
 *                  "headers": { "完成情况值": "actual", "考核分": "score" } } ] }
 * ```
 *
 * A layout applies to a header row that contains every header it names (after `normaliseHeader`), in any
 * workbook. It never overrides what the vocabulary maps unless `override` is true.
 */
import { FUND_COLUMNS, INDICATOR_COLUMNS, type FundRole, type IndicatorRole } from "./vocabulary/selfEvaluation";
import { normaliseHeader } from "./vocabulary/normalise";

export type LayoutPart = "fund" | "indicator";

export interface SavedLayout {
  /** The name the user gave (布局名称). */
  name: string;
  /** Which header row it maps: the fund block's or the indicator block's. */
  part: LayoutPart;
  /** Normalised header label → role id (`actual`, `score`, `executed` …, see FUND_COLUMNS / INDICATOR_COLUMNS). */
  headers: Record<string, string>;
  /** When true, these headers take the user's role even where the vocabulary maps them otherwise. */
  override?: boolean;
}

export interface LayoutFile {
  version: 1;
  layouts: SavedLayout[];
}

/** The roles a user can give a header of each part, in the order the pane lists them. */
export function assignableRoles(part: LayoutPart): Array<{ role: string; name: { zh: string; en: string } }> {
  const list = part === "fund" ? FUND_COLUMNS : INDICATOR_COLUMNS;
  return list.map((e) => ({ role: e.role, name: e.name }));
}

function isRole(part: LayoutPart, role: string): boolean {
  return part === "fund"
    ? FUND_COLUMNS.some((e) => e.role === (role as FundRole))
    : INDICATOR_COLUMNS.some((e) => e.role === (role as IndicatorRole));
}

/**
 * Reads a layout file (parsed JSON of any shape).
 * Output: the valid layouts, and one message per entry that was left out (in Chinese and English).
 * Headers are normalised as the finder normalises them, so `实际完成值（B）` and `实际完成值` are one header.
 * Never throws.
 */
export function readLayouts(json: unknown): { layouts: SavedLayout[]; problems: Array<{ zh: string; en: string }> } {
  const layouts: SavedLayout[] = [];
  const problems: Array<{ zh: string; en: string }> = [];
  const list = Array.isArray(json)
    ? json
    : json && typeof json === "object" && Array.isArray((json as { layouts?: unknown }).layouts)
      ? (json as { layouts: unknown[] }).layouts
      : null;
  if (!list) {
    problems.push({ zh: "布局文件应包含 layouts 列表", en: "a layout file holds a list `layouts`" });
    return { layouts, problems };
  }
  list.forEach((x, i) => {
    const o = x as Partial<SavedLayout> | null;
    const name = typeof o?.name === "string" && o.name.trim() !== "" ? o.name.trim() : `布局${i + 1}`;
    if (!o || (o.part !== "fund" && o.part !== "indicator") || !o.headers || typeof o.headers !== "object") {
      problems.push({
        zh: `布局「${name}」缺少 part（fund 或 indicator）或 headers，已忽略`,
        en: `layout "${name}" has no part (fund or indicator) or no headers; ignored`,
      });
      return;
    }
    const headers: Record<string, string> = {};
    for (const [h, role] of Object.entries(o.headers)) {
      const label = normaliseHeader(h).label;
      if (typeof role !== "string" || !isRole(o.part, role) || label === "") {
        problems.push({
          zh: `布局「${name}」中表头「${h}」的用途「${String(role)}」无法识别，已忽略`,
          en: `layout "${name}": role "${String(role)}" of header "${h}" is unknown; ignored`,
        });
        continue;
      }
      headers[label] = role;
    }
    if (Object.keys(headers).length > 0) layouts.push({ name, part: o.part, headers, override: o.override === true });
  });
  return { layouts, problems };
}

/**
 * The layouts that apply to one header row: those of the same part whose every header is in the row.
 * Input: the part, the row's normalised labels, the saved layouts. Output: label → {role, layout name}.
 */
export function layoutRoles(
  part: LayoutPart,
  labels: readonly string[],
  layouts: readonly SavedLayout[] | undefined,
): Map<string, { role: string; layout: string; override: boolean }> {
  const out = new Map<string, { role: string; layout: string; override: boolean }>();
  if (!layouts) return out;
  const present = new Set(labels);
  for (const l of layouts) {
    if (l.part !== part) continue;
    const keys = Object.keys(l.headers);
    if (keys.length === 0 || !keys.every((k) => present.has(k))) continue;
    for (const k of keys) if (!out.has(k)) out.set(k, { role: l.headers[k], layout: l.name, override: !!l.override });
  }
  return out;
}
