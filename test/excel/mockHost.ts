/**
 * A mock Excel host for the adapter tests, built on office-addin-mock: the used range and the
 * worksheet are OfficeMockObjects (reading a property before load + sync gives the mock's error
 * string), and every write is queued and applied only at context.sync(), as in Excel. A command that
 * Excel would refuse (a second note on a cell) makes that sync throw.
 */
import { OfficeMockObject } from "office-addin-mock";
import { toA1 } from "../../src/rules/address";
import type { SavedFill } from "../../src/excel/record";
import type { Grid } from "../../src/tables/grid";
import { gridSize } from "../../src/tables/grid";

export interface HostState {
  fills: Map<string, SavedFill>;
  notes: Map<string, string>;
  comments: Map<string, { id: string; address: string; content: string }>;
  selected: string | null;
  activated: boolean;
  syncs: number;
  /** Writes applied, in order, for assertions. */
  applied: string[];
}

export interface MockOptions {
  id?: string;
  name?: string;
  protected?: boolean;
  fills?: Record<string, SavedFill>;
  notes?: Record<string, string>;
  /** Threaded comments already on the sheet, by cell (the user's own). */
  comments?: Record<string, string>;
  /**
   * The highest ExcelApi set the host has (default 1.18). Calling a method of a later set fails the
   * request at sync with ApiNotFound, as Excel does. Only the methods tests need are tagged.
   */
  maxApi?: string;
}

type Op = () => void;

export function mockExcel(grid: Grid, opts: MockOptions = {}) {
  const state: HostState = {
    fills: new Map(Object.entries(opts.fills ?? {})),
    notes: new Map(Object.entries(opts.notes ?? {})),
    comments: new Map(
      Object.entries(opts.comments ?? {}).map(([address, content], i) => [
        `u${i + 1}`,
        { id: `u${i + 1}`, address, content },
      ]),
    ),
    selected: null,
    activated: false,
    syncs: 0,
    applied: [],
  };
  const pending: Op[] = [];
  const level = (v: string) => Number(v.split(".")[1]);
  /** A call of a later API set than the host has: the request fails at sync (ApiNotFound). */
  const requires = (set: string, what: string) => {
    if (level(set) <= level(opts.maxApi ?? "1.18")) return;
    pending.push(() => {
      throw Object.assign(new Error(`${what} needs ExcelApi ${set}; this host has ${opts.maxApi}.`), {
        code: "ApiNotFound",
      });
    });
  };
  const id = opts.id ?? "{sheet-1}";
  const name = opts.name ?? "绩效自评表";
  const { rows, cols } = gridSize(grid);
  const empty = rows === 0 || !grid.cells.some((r) => r.some((c) => c.text !== "" || c.value !== null));
  const values = grid.cells.map((r) => Array.from({ length: cols }, (_, c) => r[c]?.value ?? ""));
  const text = grid.cells.map((r) => Array.from({ length: cols }, (_, c) => r[c]?.text ?? ""));
  const numberFormat = grid.cells.map((r) => Array.from({ length: cols }, (_, c) => r[c]?.numberFormat ?? "General"));
  const mergedAddress = grid.merges
    .map((m) => `'${name}'!${toA1(m.top, m.left)}:${toA1(m.bottom, m.right)}`)
    .join(", ");

  const fillOf = (address: string) => state.fills.get(address) ?? { color: "#FFFFFF", pattern: "None" };
  const rangeProxy = (address: string) => {
    // fill.load("color") (ExcelApi 1.1): the colour at that point of the request, "#FFFFFF" without a fill.
    let loadedColor: string | undefined;
    const fill = {
      load() {
        pending.push(() => {
          const f = state.fills.get(address);
          loadedColor = f && f.pattern !== "None" && f.color ? f.color : "#FFFFFF";
        });
        return fill;
      },
      get color(): string {
        if (loadedColor === undefined) throw new Error("fill.color read before load and sync");
        return loadedColor;
      },
      set color(v: string) {
        pending.push(() => {
          state.fills.set(address, { ...(state.fills.get(address) ?? {}), color: v, pattern: "Solid" });
          state.applied.push(`fill ${address} ${v}`);
        });
      },
      set pattern(v: string) {
        pending.push(() => state.fills.set(address, { ...(state.fills.get(address) ?? {}), pattern: v }));
      },
      set patternColor(v: string) {
        pending.push(() => state.fills.set(address, { ...(state.fills.get(address) ?? {}), patternColor: v }));
      },
      set tintAndShade(v: number) {
        pending.push(() => state.fills.set(address, { ...(state.fills.get(address) ?? {}), tintAndShade: v }));
      },
      set patternTintAndShade(v: number) {
        pending.push(() => state.fills.set(address, { ...(state.fills.get(address) ?? {}), patternTintAndShade: v }));
      },
      clear() {
        pending.push(() => {
          state.fills.delete(address);
          state.applied.push(`clear ${address}`);
        });
      },
    };
    return {
      format: { fill },
      /** The first read block (A1:AF…) covers every test grid: it is the used range itself. */
      getUsedRangeOrNullObject() {
        return mock.context.workbook.worksheets.active.used;
      },
      /** The cell's fill now: the write batch reads it before its own fill commands run at sync. */
      getCellProperties() {
        requires("1.9", "Range.getCellProperties");
        return {
          value: [
            [{ format: { fill: { patternColor: null, tintAndShade: 0, patternTintAndShade: 0, ...fillOf(address) } } }],
          ],
        };
      },
      select() {
        pending.push(() => (state.selected = address));
      },
    };
  };
  const noteProxy = (address: string) => ({
    get isNullObject() {
      return !state.notes.has(address);
    },
    get content() {
      return state.notes.get(address);
    },
    load() {
      return this;
    },
    delete() {
      pending.push(() => {
        if (!state.notes.has(address))
          throw Object.assign(new Error("The requested resource doesn't exist."), { code: "ItemNotFound" });
        state.notes.delete(address);
        state.applied.push(`delete note ${address}`);
      });
    },
  });
  let commentSeq = 0;
  const commentProxy = (commentId: string) => ({
    get isNullObject() {
      return !state.comments.has(commentId);
    },
    get content() {
      return state.comments.get(commentId)?.content;
    },
    id: commentId,
    load() {
      return this;
    },
    /** The comment's cell (ExcelApi 1.10), as Range.address gives it: "Sheet!A1". */
    getLocation() {
      return {
        load() {
          return this;
        },
        get address() {
          return `${name}!${state.comments.get(commentId)?.address}`;
        },
      };
    },
    delete() {
      pending.push(() => {
        state.comments.delete(commentId);
        state.applied.push(`delete comment ${commentId}`);
      });
    },
  });

  const used = {
    address: `${name}!${toA1(grid.top, grid.left)}:${toA1(grid.top + Math.max(rows, 1) - 1, grid.left + Math.max(cols, 1) - 1)}`,
    values,
    text,
    numberFormat,
    rowIndex: grid.top,
    columnIndex: grid.left,
    rowCount: rows,
    columnCount: cols,
    mergedAreas: { address: mergedAddress },
    getMergedAreasOrNullObject() {
      return this.mergedAreas;
    },
  };

  const worksheet = {
    id,
    name,
    protection: { protected: !!opts.protected },
    used,
    notes: {
      add(address: string, content: string) {
        pending.push(() => {
          if (state.notes.has(address))
            throw Object.assign(new Error("A note already exists on this cell."), { code: "InvalidArgument" });
          state.notes.set(address, content);
          state.applied.push(`note ${address}`);
        });
      },
      getItemOrNullObject(address: string) {
        return noteProxy(address);
      },
    },
    getUsedRangeOrNullObject() {
      return this.used;
    },
    getRange(address: string) {
      return rangeProxy(address);
    },
    activate() {
      pending.push(() => (state.activated = true));
    },
  };

  const mock = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          active: worksheet,
          getActiveWorksheet() {
            return this.active;
          },
          getItemOrNullObject(key: string) {
            // Any other sheet (the hidden 复核状态 among them) does not exist on this one-sheet host.
            return key === id
              ? this.active
              : {
                  isNullObject: true,
                  notes: { getItemOrNullObject: () => ({ isNullObject: true, load() {} }) },
                  getUsedRangeOrNullObject: () => ({ isNullObject: true, load() {} }),
                };
          },
          getItem(key: string) {
            if (key !== name && key !== id) throw new Error(`no sheet ${key}`);
            return this.active;
          },
        },
      },
      application: {
        suspendApiCalculationUntilNextSync() {
          /* queued no-op */
        },
      },
    },
  }) as any;

  const comments = {
    add(address: string, content: string) {
      const commentId = `c${++commentSeq}`;
      // The cell as "'Sheet'!A1" → "A1"; a cell has one comment thread, as in Excel.
      const cell = address.replace(/^.*!/, "");
      pending.push(() => {
        if ([...state.comments.values()].some((c) => c.address === cell))
          throw Object.assign(new Error("The cell already has a comment."), { code: "InvalidArgument" });
        state.comments.set(commentId, { id: commentId, address: cell, content });
        state.applied.push(`comment ${address}`);
      });
      return commentProxy(commentId);
    },
    getItemOrNullObject(commentId: string) {
      requires("1.14", "CommentCollection.getItemOrNullObject");
      return commentProxy(commentId);
    },
    /** load("items/…") (ExcelApi 1.10): every comment of the workbook, read at the next sync. */
    load() {
      pending.push(() => {
        comments.items = [...state.comments.keys()].map((k) => commentProxy(k));
      });
      return comments;
    },
    items: [] as Array<ReturnType<typeof commentProxy>>,
  };
  const context = mock.context;
  // The comments are a plain object (office-addin-mock copies getters once): items load at sync.
  context.workbook.comments = comments;
  // isNullObject is readable after sync without load in Office.js.
  context.workbook.worksheets.active.used.isNullObject = empty;
  context.workbook.worksheets.active.used.mergedAreas.isNullObject = grid.merges.length === 0;
  const originalSync = context.sync.bind(context);
  context.sync = async () => {
    state.syncs++;
    const ops = pending.splice(0);
    for (const op of ops) op(); // throws like Excel when a command is refused; the rest is dropped
    await originalSync();
  };
  return { context: context as Excel.RequestContext, state };
}
