/*
 * The simulated Office/Excel host of the browser tests, bundled for the page (esbuild) and served in
 * place of office.js. It runs the add-in against test/sim/excelSim.ts, the same simulated workbook the
 * adapter tests use, built from window.__SIM__ = { sheets: [{ name, grid, protected }] } (or one sheet as
 * { sheetName, sheetId, grid, protected }), displayLanguage, maxExcelApi and settings. The active sheet
 * is drawn beside the task pane after every sync: fills, notes (as titles), the selection and the
 * formulas the add-in wrote (shown as text), so that screenshots show what the auditor would see.
 * Test hooks: window.__SIM_STATE__ (fills, notes, formulas, links and values of the active sheet by
 * address, selected, activeSheet, sheets, syncs, settings, actions, functions, shown),
 * window.__SIM_SNAPSHOT__(), and window.__SIM_EDIT__ (type a value into a cell, activate a sheet: what a
 * user does in Excel between two clicks).
 */
import { toA1 } from "../../src/rules/address";
import type { Grid } from "../../src/tables/grid";
import { SimWorkbook, type SimSheet } from "../sim/excelSim";

interface SimConfig {
  sheets?: Array<{ name: string; grid: Grid; protected?: boolean }>;
  sheetName?: string;
  sheetId?: string;
  grid?: Grid;
  protected?: boolean;
  displayLanguage?: string;
  maxExcelApi?: string;
  /** The highest CustomFunctionsRuntime the host has; "0" for none (Office 2019 and earlier). Default 1.3. */
  maxCustomFunctions?: string;
  settings?: Record<string, unknown>;
}

const w = window as unknown as Record<string, unknown>;
const SIM = w.__SIM__ as SimConfig;
const wb = new SimWorkbook();
wb.maxApi = SIM.maxExcelApi ?? "1.18";
if (SIM.sheets) for (const s of SIM.sheets) wb.addSheet(s.name, s.grid, { protected: s.protected });
else wb.addSheet(SIM.sheetName ?? "Sheet1", SIM.grid, { protected: SIM.protected, id: SIM.sheetId });
wb.settings = JSON.parse(JSON.stringify(SIM.settings ?? {}));

const state = {
  fills: {} as Record<string, unknown>,
  notes: {} as Record<string, string>,
  formulas: {} as Record<string, string>,
  links: {} as Record<string, string>,
  values: {} as Record<string, unknown>,
  selected: null as string | null,
  activeSheet: "",
  sheets: [] as string[],
  syncs: 0,
  settings: wb.settings,
  actions: {} as Record<string, unknown>,
  functions: [] as string[],
  shown: false,
};
w.__SIM_STATE__ = state;
w.__SIM_SNAPSHOT__ = () => JSON.stringify(wb.snapshot());
w.__SIM_EDIT__ = {
  type: (sheet: string, a1: string, value: string) => {
    const s = wb.sheet(sheet)!;
    const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
    const c = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const k = `${Number(m[2]) - 1},${c}`;
    s.cells.set(k, { ...(s.cells.get(k) ?? { numberFormat: "General" }), value });
    refresh();
  },
  activate: (sheet: string) => {
    wb.activeId = wb.sheet(sheet)!.id;
    refresh();
  },
  /** A sheet's values as rows of strings (as a user would copy them), and its visibility. */
  read: (sheet: string) => {
    const s = wb.sheet(sheet);
    if (!s) return null;
    const rows: string[][] = [];
    for (const [k, c] of s.cells) {
      const [r, col] = k.split(",").map(Number);
      (rows[r] ??= [])[col] = c.value === null ? "" : String(c.value);
    }
    return {
      rows: Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? "")),
      visibility: s.visibility ?? "Visible",
    };
  },
};

function active(): SimSheet {
  return wb.sheet(wb.activeId)!;
}

function refresh(): void {
  const s = active();
  state.fills = {};
  state.formulas = {};
  state.links = {};
  state.values = {};
  for (const [k, c] of s.cells) {
    const [r, col] = k.split(",").map(Number);
    if (c.fill) state.fills[toA1(r, col)] = c.fill;
    if (c.formula) state.formulas[toA1(r, col)] = c.formula;
    if (c.link?.documentReference) state.links[toA1(r, col)] = c.link.documentReference;
    if (c.value !== null && c.value !== "") state.values[toA1(r, col)] = c.value;
  }
  state.notes = Object.fromEntries(s.notes);
  state.selected = wb.selected && wb.selected.sheetId === s.id ? wb.selected.address : null;
  state.activeSheet = s.name;
  state.sheets = wb.sheets.map((x) => x.name);
  state.syncs = wb.syncs;
  state.settings = wb.settings;
  render();
}

const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

function render(): void {
  let wrap = document.getElementById("sim-sheet");
  if (!wrap) {
    const style = document.createElement("style");
    style.textContent =
      "body{margin:0;display:flex;height:100vh;font-family:'Noto Sans CJK SC','Noto Sans',sans-serif}" +
      "#container{width:400px;min-width:400px;overflow:auto;border-right:1px solid #ccc}" +
      "#sim-sheet{flex:1;overflow:auto;font-size:11px}" +
      "#sim-sheet table{border-collapse:collapse}#sim-sheet td{border:1px solid #ddd;padding:1px 3px;max-width:140px;overflow:hidden;white-space:nowrap}" +
      "#sim-sheet td.sel{outline:2px solid #107c41}#sim-sheet td.f{color:#1f4e79;font-style:italic}#sim-sheet caption{text-align:left;font-weight:bold}";
    document.head.appendChild(style);
    wrap = document.createElement("div");
    wrap.id = "sim-sheet";
    wrap.setAttribute("aria-hidden", "true");
    document.body.appendChild(wrap);
  }
  const s = active();
  let rows = 0;
  let cols = 0;
  for (const k of s.cells.keys()) {
    const [r, c] = k.split(",").map(Number);
    rows = Math.max(rows, r + 1);
    cols = Math.max(cols, c + 1);
  }
  const covered = new Set<string>();
  const spans = new Map<string, { rows: number; cols: number }>();
  for (const m of s.merges) {
    spans.set(`${m.top},${m.left}`, { rows: m.bottom - m.top + 1, cols: m.right - m.left + 1 });
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r},${c}`);
  }
  const html = [`<table><caption>${esc(s.name)}</caption>`];
  for (let r = 0; r < Math.min(rows, 400); r++) {
    html.push("<tr>");
    for (let c = 0; c < cols; c++) {
      if (covered.has(`${r},${c}`)) continue;
      const addr = toA1(r, c);
      const cell = s.cells.get(`${r},${c}`);
      const span = spans.get(`${r},${c}`);
      let attrs = ` data-address="${addr}"`;
      if (span) attrs += ` rowspan="${span.rows}" colspan="${span.cols}"`;
      if (cell?.fill?.color && cell.fill.pattern !== "None") attrs += ` style="background-color:${cell.fill.color}"`;
      if (s.notes.has(addr)) attrs += ` title="${esc(s.notes.get(addr)!)}"`;
      const cls = [state.selected === addr ? "sel" : "", cell?.formula ? "f" : ""].filter(Boolean).join(" ");
      if (cls) attrs += ` class="${cls}"`;
      html.push(`<td${attrs}>${esc(cell?.formula ?? wb.text(s, r, c))}</td>`);
    }
    html.push("</tr>");
  }
  html.push("</table>");
  wrap.innerHTML = html.join("");
}

const version = (v: string) => {
  const [a, b] = String(v).split(".");
  return Number(a) * 1000 + Number(b || 0);
};
const maxApi = version(SIM.maxExcelApi ?? "1.18");
const maxCustomFunctions = version(SIM.maxCustomFunctions ?? "1.3");

w.Excel = {
  run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) =>
    Promise.resolve().then(() => batch(wb.context({ onSync: refresh }))),
};
w.CustomFunctions = {
  associate: (id: string) => {
    state.functions.push(id);
  },
  Error: class extends Error {
    constructor(
      public code: string,
      message?: string,
    ) {
      super(message);
    }
  },
  ErrorCode: { invalidValue: "#VALUE!" },
};
w.Office = {
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  context: {
    displayLanguage: SIM.displayLanguage ?? "zh-CN",
    requirements: {
      isSetSupported: (name: string, v: string) =>
        name === "ExcelApi"
          ? version(v) <= maxApi
          : name === "CustomFunctionsRuntime"
            ? version(v) <= maxCustomFunctions
            : true,
    },
    document: {
      settings: {
        get: (k: string) => (k in wb.settings ? JSON.parse(JSON.stringify(wb.settings[k])) : null),
        set: (k: string, v: unknown) => {
          wb.settings[k] = JSON.parse(JSON.stringify(v));
        },
        remove: (k: string) => {
          delete wb.settings[k];
        },
        saveAsync: (cb?: (r: { status: string }) => void) =>
          setTimeout(() => {
            refresh();
            cb?.({ status: "succeeded" });
          }, 0),
      },
    },
  },
  actions: {
    associate: (name: string, fn: unknown) => {
      state.actions[name] = fn;
    },
  },
  addin: {
    showAsTaskpane: () => {
      state.shown = true;
      return Promise.resolve();
    },
  },
  onReady: (cb?: (info: unknown) => void) =>
    new Promise((resolve) => {
      const go = () => {
        refresh();
        const info = { host: "Excel", platform: "OfficeOnline" };
        cb?.(info);
        resolve(info);
      };
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go);
      else setTimeout(go, 0);
    }),
};
