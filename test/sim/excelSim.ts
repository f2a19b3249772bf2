/**
 * A simulated Excel workbook for the adapter tests and the browser tests (bundled for the page by
 * test/e2e/simulated-office.ts). It implements the part of the Excel JavaScript API the add-in uses,
 * with Excel's batch semantics: every command (read or write) is queued and runs at context.sync(), in
 * order; a loaded property read before its sync throws, as in Excel. Writes to a protected sheet make
 * the sync fail. Cells keep value, formula, number format, fill and font; sheets keep column widths,
 * merges and notes; the workbook keeps names and document settings, so that a snapshot of everything
 * can be compared before and after the add-in's work.
 */
import { columnLetters, parseA1, toA1 } from "../../src/rules/address";
import type { SavedFill } from "../../src/excel/record";
import { displayText } from "../../src/tables/format";
import type { Area, Grid } from "../../src/tables/grid";

export interface SimCell {
  value: string | number | boolean | null;
  formula?: string;
  numberFormat: string;
  fill?: SavedFill;
  font?: { bold?: boolean; color?: string };
  /** Range.hyperlink (ExcelApi 1.7). */
  link?: { documentReference?: string; address?: string; textToDisplay?: string };
}

export interface SimSheet {
  id: string;
  name: string;
  cells: Map<string, SimCell>;
  merges: Area[];
  widths: Map<number, number>;
  notes: Map<string, string>;
  protected: boolean;
  /** Frozen rows (freezePanes.freezeRows), the AutoFilter's range, and the page layout set. */
  frozenRows?: number;
  autoFilter?: string;
  page?: { orientation?: string; zoom?: unknown; printTitleRows?: string; centerFooter?: string };
  /** Worksheet.visibility (ExcelApi 1.1): "Visible" unless set. */
  visibility?: string;
}

export interface SimName {
  name: string;
  sheetId: string;
  area: Area;
  comment: string;
}

export const DEFAULT_WIDTH = 48;
const key = (r: number, c: number) => `${r},${c}`;
const NO_FILL: SavedFill = {
  color: "#FFFFFF",
  pattern: "None",
  patternColor: null,
  tintAndShade: 0,
  patternTintAndShade: 0,
};

function notLoaded(what: string): never {
  throw Object.assign(new Error(`The property '${what}' is not available. Load it and call context.sync() first.`), {
    code: "PropertyNotLoaded",
  });
}

/** Parses "A1", "A1:C3", "P:R" or "'Sheet'!A1:B2" into a rectangle (whole columns span every row). */
export function parseAddress(address: string): Area {
  const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const cols = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/i.exec(bare.trim());
  if (cols) {
    const c = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return { top: 0, left: c(cols[1]), bottom: 1048575, right: c(cols[2]) };
  }
  const [a, b] = bare.split(":");
  const p = parseA1(a);
  const q = b ? parseA1(b) : p;
  if (!p || !q) throw Object.assign(new Error(`Bad address ${address}`), { code: "InvalidArgument" });
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

/** The bounding box of the cells `keep` accepts (within `inside` when given), or null. */
function boundingBox(s: SimSheet, keep: (c: SimCell) => boolean, inside?: Area | null): Area | null {
  let area: Area | null = null;
  for (const [k, c] of s.cells) {
    if (!keep(c)) continue;
    const [r, col] = k.split(",").map(Number);
    if (inside && (r < inside.top || r > inside.bottom || col < inside.left || col > inside.right)) continue;
    area = area
      ? {
          top: Math.min(area.top, r),
          left: Math.min(area.left, col),
          bottom: Math.max(area.bottom, r),
          right: Math.max(area.right, col),
        }
      : { top: r, left: col, bottom: r, right: col };
  }
  return area;
}

/** The cells holding a value or formula (getUsedRange(true)), within `inside` when given, or null. */
const usedArea = (s: SimSheet, inside?: Area | null) =>
  boundingBox(s, (c) => (c.value !== null && c.value !== "") || !!c.formula, inside);

/** The cells holding a value, a formula, a number format, a fill or a font (getUsedRange() below 1.2), or null. */
const usedOrFormatted = (s: SimSheet) =>
  boundingBox(
    s,
    (c) => (c.value !== null && c.value !== "") || !!c.formula || c.numberFormat !== "General" || !!c.fill || !!c.font,
  );

const a1Of = (a: Area) =>
  a.top === a.bottom && a.left === a.right ? toA1(a.top, a.left) : `${toA1(a.top, a.left)}:${toA1(a.bottom, a.right)}`;

export class SimWorkbook {
  sheets: SimSheet[] = [];
  names: SimName[] = [];
  settings: Record<string, unknown> = {};
  /** Threaded comments (ExcelApi 1.10) by id: the sheet, the plain A1 cell and the text. */
  comments = new Map<string, { sheetId: string; address: string; content: string }>();
  commentSeq = 0;
  /** Custom XML parts (ExcelApi 1.5) by id: their XML text. */
  xmlParts = new Map<string, string>();
  partSeq = 0;
  activeId = "";
  selected: { sheetId: string; address: string } | null = null;
  syncs = 0;
  /**
   * Each sync's request and response size in bytes (UTF-8 JSON): the request counts every command and
   * its arguments (values, note texts, addresses), the response every property and result loaded.
   */
  requests: Array<{ request: number; response: number }> = [];
  /** Excel on the web refuses a request or response above about 5 MB; set this to simulate that limit. */
  payloadLimit = Infinity;
  /**
   * The highest ExcelApi set of the simulated host. A call from a later set (the ones the add-in makes
   * are tagged) fails its request at sync with ApiNotFound, as Excel does.
   */
  maxApi = "1.18";
  /** Commands run, for assertions (e.g. "insert 公开01表!P:R"). */
  log: string[] = [];
  private seq = 0;

  /** Adds a sheet from a grid (values, number formats, merges); the first sheet added is active. */
  addSheet(name: string, grid?: Grid, opts: { protected?: boolean; id?: string } = {}): SimSheet {
    const sheet: SimSheet = {
      id: opts.id ?? `{sim-${++this.seq}}`,
      name,
      cells: new Map(),
      merges: grid ? grid.merges.map((m) => ({ ...m })) : [],
      widths: new Map(),
      notes: new Map(),
      protected: !!opts.protected,
    };
    grid?.cells.forEach((row, i) =>
      row.forEach((c, j) => {
        if (c.value === null && c.numberFormat === "General") return;
        sheet.cells.set(key(grid.top + i, grid.left + j), {
          value: c.value,
          numberFormat: c.numberFormat || "General",
        });
      }),
    );
    this.sheets.push(sheet);
    if (!this.activeId) this.activeId = sheet.id;
    return sheet;
  }

  sheet(idOrName: string): SimSheet | undefined {
    return this.sheets.find((s) => s.id === idOrName || s.name === idOrName);
  }

  /** Everything the restore guarantee covers, as plain data: every cell, widths, merges, notes, names. */
  snapshot(): unknown {
    return {
      sheets: this.sheets.map((s) => ({
        name: s.name,
        cells: [...s.cells.entries()]
          .filter(([, c]) => c.value !== null || c.formula || c.numberFormat !== "General" || c.fill || c.font)
          .map(([k, c]) => [k, c.value, c.formula ?? null, c.numberFormat, c.fill ?? null, c.font ?? null])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        widths: [...s.widths.entries()].sort((a, b) => a[0] - b[0]),
        merges: s.merges.map(a1Of).sort(),
        notes: [...s.notes.entries()].sort(),
        comments: [...this.comments.values()]
          .filter((c) => c.sheetId === s.id)
          .map((c) => [c.address, c.content])
          .sort(),
      })),
      names: this.names.map((n) => n.name).sort(),
    };
  }

  /** The text a cell shows (formulas show "" here: the simulation does not calculate). */
  text(sheet: SimSheet, r: number, c: number): string {
    const cell = sheet.cells.get(key(r, c));
    return cell && !cell.formula ? displayText(cell.value, cell.numberFormat) : "";
  }

  /** A request context over this workbook. */
  context(opts: { onSync?: () => void } = {}): Excel.RequestContext {
    return new SimContext(this, opts.onSync) as unknown as Excel.RequestContext;
  }

  // ---------------------------------------------------------------- structural edits
  insertColumns(sheet: SimSheet, left: number, count: number): void {
    this.shiftColumns(sheet, left, count);
  }
  deleteColumns(sheet: SimSheet, left: number, count: number): void {
    for (const k of [...sheet.cells.keys()]) {
      const c = Number(k.split(",")[1]);
      if (c >= left && c < left + count) sheet.cells.delete(k);
    }
    for (const [a] of [...sheet.notes]) {
      const p = parseA1(a)!;
      if (p.col >= left && p.col < left + count) sheet.notes.delete(a);
    }
    for (const c of [...sheet.widths.keys()]) if (c >= left && c < left + count) sheet.widths.delete(c);
    sheet.merges = sheet.merges.filter((m) => m.right < left || m.left >= left + count);
    this.shiftColumns(sheet, left + count, -count);
  }
  private shiftColumns(sheet: SimSheet, from: number, by: number): void {
    const moved = (c: number) => (c >= from ? c + by : c);
    sheet.cells = new Map(
      [...sheet.cells.entries()].map(([k, v]) => {
        const [r, c] = k.split(",").map(Number);
        return [key(r, moved(c)), v];
      }),
    );
    sheet.notes = new Map(
      [...sheet.notes.entries()].map(([a, v]) => {
        const p = parseA1(a)!;
        return [toA1(p.row, moved(p.col)), v];
      }),
    );
    sheet.widths = new Map([...sheet.widths.entries()].map(([c, w]) => [moved(c), w]));
    sheet.merges = sheet.merges.map((m) => ({
      ...m,
      left: moved(m.left),
      right: m.right >= from ? m.right + by : m.right,
    }));
    for (const n of this.names)
      if (n.sheetId === sheet.id)
        n.area = {
          ...n.area,
          left: moved(n.area.left),
          right: n.area.right >= from ? n.area.right + by : n.area.right,
        };
  }
}

type Op = () => void;

/** The bytes a command adds to a request: the action envelope plus its arguments as JSON. */
export const COMMAND_BYTES = 64;
export function jsonBytes(v: unknown): number {
  if (v === undefined) return 0;
  const t = JSON.stringify(v);
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

/** The properties named in a load() argument ("a,b/c", ["a"], {select: "a"}), or null for all. */
function requested(props: unknown): string[] | null {
  if (!props) return null;
  if (typeof props === "string") return props.split(",").map((p) => p.trim().split("/")[0]);
  if (Array.isArray(props)) return props.map((p) => String(p).split("/")[0]);
  const sel = (props as { select?: string }).select;
  return sel ? requested(sel) : null;
}

class SimContext {
  pending: Op[] = [];
  requestBytes = 0;
  responseBytes = 0;
  workbook: unknown;
  application = { suspendApiCalculationUntilNextSync: () => this.needs("1.6", "suspendApiCalculationUntilNextSync") };
  constructor(
    public wb: SimWorkbook,
    private onSync?: () => void,
  ) {
    this.workbook = new WorkbookProxy(this);
  }
  queue(op: Op, bytes = COMMAND_BYTES): void {
    this.requestBytes += bytes;
    this.pending.push(op);
  }
  /** A call of ExcelApi `set`: on a host below it, the request fails at sync with ApiNotFound. */
  needs(set: string, what: string): void {
    const level = (v: string) => Number(v.split(".")[1]);
    if (level(set) <= level(this.wb.maxApi)) return;
    this.queue(() => {
      throw Object.assign(new Error(`${what} needs ExcelApi ${set}; this host has ${this.wb.maxApi}.`), {
        code: "ApiNotFound",
      });
    });
  }
  /** Counts a loaded result into the current response. */
  respond<T>(value: T): T {
    this.responseBytes += jsonBytes(value);
    return value;
  }
  /** A write: refused (the sync fails) on a protected sheet, as Excel does. */
  write(sheet: () => SimSheet, what: string, op: (s: SimSheet) => void, bytes = COMMAND_BYTES): void {
    this.queue(() => {
      const s = sheet();
      if (s.protected)
        throw Object.assign(new Error(`The sheet ${s.name} is protected (${what}).`), { code: "AccessDenied" });
      op(s);
    }, bytes);
  }
  sync(): Promise<void> {
    this.wb.syncs++;
    const ops = this.pending.splice(0);
    const request = this.requestBytes;
    this.requestBytes = 0;
    this.responseBytes = 0;
    // Excel on the web's errors: the request is refused before it runs, a response after.
    const tooLarge = (what: "Request" | "Response", n: number) =>
      Object.assign(
        new Error(`The ${what.toLowerCase()} payload (${n} bytes) exceeds the limit (${this.wb.payloadLimit} bytes).`),
        {
          code: `${what}PayloadSizeLimitExceeded`,
        },
      );
    return new Promise((resolve, reject) => {
      setTimeout(() => {
        const entry = { request, response: 0 };
        this.wb.requests.push(entry);
        try {
          if (request > this.wb.payloadLimit) throw tooLarge("Request", request);
          for (const op of ops) op();
          entry.response = this.responseBytes;
          if (this.responseBytes > this.wb.payloadLimit) throw tooLarge("Response", this.responseBytes);
          this.onSync?.();
          resolve();
        } catch (e) {
          entry.response = this.responseBytes;
          this.onSync?.();
          reject(e);
        }
      }, 0);
    });
  }
}

/** A loadable proxy: properties set by the op that runs at sync; reading before that throws. */
class Loadable {
  protected loaded: Record<string, unknown> = {};
  protected isLoaded = false;
  protected get<T>(name: string): T {
    if (!this.isLoaded) notLoaded(name);
    return this.loaded[name] as T;
  }
}

/** A custom XML part (ExcelApi 1.5): id (loaded), getXml, delete; a null object when looked up and missing. */
class XmlPartProxy extends Loadable {
  constructor(
    private ctx: SimContext,
    private partId: () => string | null,
  ) {
    super();
  }
  load(): this {
    this.ctx.queue(() => {
      const id = this.partId();
      this.loaded = { isNullObject: id === null || !this.ctx.wb.xmlParts.has(id), id };
      this.isLoaded = true;
    });
    return this;
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get id(): string {
    return this.get("id");
  }
  getXml(): { value: string } {
    const result: { xml?: string } = {};
    this.ctx.queue(() => {
      const xml = this.ctx.wb.xmlParts.get(this.partId() ?? "");
      if (xml === undefined) throw Object.assign(new Error("No such custom XML part."), { code: "ItemNotFound" });
      result.xml = this.ctx.respond(xml);
    });
    return {
      get value() {
        if (result.xml === undefined) notLoaded("getXml");
        return result.xml!;
      },
    };
  }
  delete(): void {
    this.ctx.queue(() => {
      const id = this.partId();
      if (id === null || !this.ctx.wb.xmlParts.delete(id))
        throw Object.assign(new Error("No such custom XML part."), { code: "ItemNotFound" });
      this.ctx.wb.log.push(`delete part ${id}`);
    });
  }
}

/** A threaded comment (ExcelApi 1.10): id and content (loaded), its cell (getLocation), delete. */
class CommentProxy extends Loadable {
  constructor(
    private ctx: SimContext,
    private commentId: () => string | null,
  ) {
    super();
  }
  load(): this {
    this.ctx.queue(() => this.readNow());
    return this;
  }
  /** Reads the comment's properties at this point of the sync (a collection's load does it for its items). */
  readNow(): void {
    const id = this.commentId();
    const c = id === null ? undefined : this.ctx.wb.comments.get(id);
    this.loaded = { isNullObject: !c, id, content: c?.content };
    this.isLoaded = true;
    this.ctx.respond(this.loaded);
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get id(): string {
    return this.get("id");
  }
  get content(): string {
    return this.get("content");
  }
  getLocation(): RangeProxy {
    const find = () => this.ctx.wb.comments.get(this.commentId() ?? "");
    return new RangeProxy(
      this.ctx,
      () => this.ctx.wb.sheet(find()!.sheetId)!,
      () => {
        const c = find();
        return c ? parseAddress(c.address) : null;
      },
    );
  }
  delete(): void {
    this.ctx.queue(() => {
      const id = this.commentId();
      if (id === null || !this.ctx.wb.comments.delete(id))
        throw Object.assign(new Error("The comment does not exist."), { code: "ItemNotFound" });
    });
  }
}

/** The workbook's threaded comments (ExcelApi 1.10; lookup by id 1.14). One thread per cell, as in Excel. */
class CommentsProxy extends Loadable {
  constructor(private ctx: SimContext) {
    super();
  }
  add(cellAddress: string, content: string): CommentProxy {
    this.ctx.needs("1.10", "CommentCollection.add");
    let id: string | null = null;
    const bang = cellAddress.lastIndexOf("!");
    const sheetName = cellAddress.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'");
    const address = a1Of(parseAddress(cellAddress.slice(bang + 1)));
    this.ctx.write(
      () => this.ctx.wb.sheet(sheetName)!,
      "comments.add",
      (sheet) => {
        if ([...this.ctx.wb.comments.values()].some((c) => c.sheetId === sheet.id && c.address === address))
          throw Object.assign(new Error("The cell already has a comment."), { code: "InvalidArgument" });
        id = `{comment-${++this.ctx.wb.commentSeq}}`;
        this.ctx.wb.comments.set(id, { sheetId: sheet.id, address, content });
      },
      COMMAND_BYTES + jsonBytes(cellAddress) + jsonBytes(content),
    );
    return new CommentProxy(this.ctx, () => id);
  }
  getItemOrNullObject(id: string): CommentProxy {
    this.ctx.needs("1.14", "CommentCollection.getItemOrNullObject");
    return new CommentProxy(this.ctx, () => id);
  }
  load(): this {
    this.ctx.needs("1.10", "CommentCollection");
    this.ctx.queue(() => {
      this.loaded.items = [...this.ctx.wb.comments.keys()].map((id) => {
        const proxy = new CommentProxy(this.ctx, () => id);
        proxy.readNow();
        return proxy;
      });
      this.isLoaded = true;
    });
    return this;
  }
  get items(): CommentProxy[] {
    return this.get("items");
  }
}

class WorkbookProxy {
  worksheets: WorksheetsProxy;
  names: NamesProxy;
  customXmlParts: {
    add(xml: string): XmlPartProxy;
    getItemOrNullObject(id: string): XmlPartProxy;
  };
  comments: CommentsProxy;
  constructor(ctx: SimContext) {
    this.worksheets = new WorksheetsProxy(ctx);
    this.names = new NamesProxy(ctx);
    this.comments = new CommentsProxy(ctx);
    this.customXmlParts = {
      add: (xml: string) => {
        ctx.needs("1.5", "CustomXmlPartCollection.add");
        let id: string | null = null;
        ctx.queue(
          () => {
            id = `{part-${++ctx.wb.partSeq}}`;
            ctx.wb.xmlParts.set(id, xml);
            ctx.wb.log.push(`add part ${id}`);
          },
          COMMAND_BYTES + jsonBytes(xml),
        );
        return new XmlPartProxy(ctx, () => id);
      },
      getItemOrNullObject: (id: string) => {
        ctx.needs("1.5", "CustomXmlPartCollection.getItemOrNullObject");
        return new XmlPartProxy(ctx, () => id);
      },
    };
  }
}

class WorksheetsProxy extends Loadable {
  constructor(private ctx: SimContext) {
    super();
  }
  load(props?: unknown): this {
    if (JSON.stringify(props ?? "").includes("protection")) this.ctx.needs("1.2", "Worksheet.protection");
    this.ctx.queue(() => {
      this.loaded.items = this.ctx.wb.sheets.map((s) => new WorksheetProxy(this.ctx, () => s, true));
      this.ctx.respond(this.ctx.wb.sheets.map((s) => ({ id: s.id, name: s.name, protected: s.protected })));
      this.isLoaded = true;
    });
    return this;
  }
  get items(): WorksheetProxy[] {
    return this.get("items");
  }
  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.wb.sheet(this.ctx.wb.activeId)!);
  }
  getItem(idOrName: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => {
      const s = this.ctx.wb.sheet(idOrName);
      if (!s) throw Object.assign(new Error(`No sheet ${idOrName}`), { code: "ItemNotFound" });
      return s;
    });
  }
  getItemOrNullObject(idOrName: string): WorksheetProxy {
    this.ctx.needs("1.4", "WorksheetCollection.getItemOrNullObject");
    const w = new WorksheetProxy(this.ctx, () => this.ctx.wb.sheet(idOrName)!);
    w.nullable(() => !this.ctx.wb.sheet(idOrName));
    return w;
  }
  add(name: string): WorksheetProxy {
    let created: SimSheet | undefined;
    this.ctx.queue(() => {
      if (this.ctx.wb.sheet(name))
        throw Object.assign(new Error(`A sheet named ${name} exists.`), { code: "ItemAlreadyExists" });
      created = this.ctx.wb.addSheet(name);
      this.ctx.wb.log.push(`add sheet ${name}`);
    });
    return new WorksheetProxy(this.ctx, () => created!);
  }
}

class WorksheetProxy extends Loadable {
  private nullCheck: (() => boolean) | null = null;
  notes: unknown;
  protection: { protected: boolean; load: () => unknown };
  constructor(
    private ctx: SimContext,
    readonly resolve: () => SimSheet,
    preload = false,
  ) {
    super();
    if (preload) this.fill();
    const self = this;
    this.protection = {
      get protected() {
        return self.get<boolean>("protected");
      },
      load: () => self.load(),
    };
    this.notes = {
      add: (address: string | { address: string }, content: string) => {
        this.ctx.needs("1.18", "NoteCollection.add");
        const a = typeof address === "string" ? address : address.address;
        this.ctx.write(
          this.resolve,
          "notes.add",
          (s) => {
            const bare = a1Of(parseAddress(a));
            if (s.notes.has(bare))
              throw Object.assign(new Error("A note already exists."), { code: "InvalidArgument" });
            s.notes.set(bare, content);
          },
          COMMAND_BYTES + jsonBytes(a) + jsonBytes(content),
        );
      },
      getItemOrNullObject: (address: string) => {
        this.ctx.needs("1.18", "NoteCollection.getItemOrNullObject");
        return new NoteProxy(this.ctx, this.resolve, a1Of(parseAddress(address)));
      },
    };
  }
  private fill(): void {
    const s = this.resolve();
    this.loaded = { id: s.id, name: s.name, protected: s.protected };
    this.isLoaded = true;
  }
  nullable(check: () => boolean): void {
    this.nullCheck = check;
    this.ctx.queue(() => {
      this.loaded.isNullObject = check();
    });
  }
  get isNullObject(): boolean {
    if (!this.nullCheck) return false;
    if (!("isNullObject" in this.loaded)) notLoaded("isNullObject");
    return this.loaded.isNullObject as boolean;
  }
  load(props?: unknown): this {
    if (JSON.stringify(props ?? "").includes("protection")) this.ctx.needs("1.2", "Worksheet.protection");
    this.ctx.queue(() => {
      if (this.nullCheck?.()) {
        this.loaded = { isNullObject: true };
        this.isLoaded = true;
        return;
      }
      this.fill();
      this.ctx.respond(this.loaded);
      if (this.nullCheck) this.loaded.isNullObject = false;
    });
    return this;
  }
  get id(): string {
    return this.get("id");
  }
  get name(): string {
    return this.get("name");
  }
  /**
   * getUsedRange (ExcelApi 1.1; valuesOnly is 1.2): without valuesOnly, formatted cells count too, and a
   * blank sheet gives A1 (it never throws).
   */
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    if (valuesOnly !== undefined) this.ctx.needs("1.2", "getUsedRange(valuesOnly)");
    return new RangeProxy(this.ctx, this.resolve, () => {
      const sheet = this.resolve();
      return (valuesOnly ? usedArea(sheet) : usedOrFormatted(sheet)) ?? { top: 0, left: 0, bottom: 0, right: 0 };
    });
  }
  getUsedRangeOrNullObject(): RangeProxy {
    this.ctx.needs("1.4", "Worksheet.getUsedRangeOrNullObject");
    // On a null worksheet (getItemOrNullObject of a missing sheet) the used range is a null object too.
    return new RangeProxy(this.ctx, this.resolve, () => {
      const sheet = this.resolve();
      return sheet ? usedArea(sheet) : null;
    });
  }
  getRange(address: string): RangeProxy {
    this.ctx.requestBytes += COMMAND_BYTES + jsonBytes(address);
    return new RangeProxy(this.ctx, this.resolve, () => parseAddress(address));
  }
  activate(): void {
    this.ctx.queue(() => {
      this.ctx.wb.activeId = this.resolve().id;
    });
  }
  /** ExcelApi 1.1 to read, 1.2 to set. */
  set visibility(v: string) {
    this.ctx.needs("1.2", "Worksheet.visibility (set)");
    this.ctx.write(this.resolve, "visibility", (s) => (s.visibility = v));
  }
  /** ExcelApi 1.7. */
  get freezePanes(): { freezeRows: (n: number) => void } {
    this.ctx.needs("1.7", "Worksheet.freezePanes");
    return { freezeRows: (n: number) => this.ctx.write(this.resolve, "freezeRows", (s) => (s.frozenRows = n)) };
  }
  /** ExcelApi 1.9. */
  get autoFilter(): { apply: (range: RangeProxy | string) => void } {
    this.ctx.needs("1.9", "Worksheet.autoFilter");
    return {
      apply: (range: RangeProxy | string) =>
        this.ctx.write(this.resolve, "autoFilter.apply", (s) => {
          s.autoFilter = typeof range === "string" ? range : a1Of(range.resolveArea().area);
        }),
    };
  }
  /** ExcelApi 1.9: the properties the working paper sets. */
  get pageLayout(): unknown {
    this.ctx.needs("1.9", "Worksheet.pageLayout");
    const set = (f: (p: NonNullable<SimSheet["page"]>) => void) =>
      this.ctx.write(this.resolve, "pageLayout", (s) => f((s.page ??= {})));
    return {
      set orientation(v: string) {
        set((p) => (p.orientation = v));
      },
      set zoom(v: unknown) {
        set((p) => (p.zoom = v));
      },
      setPrintTitleRows: (address: string) => set((p) => (p.printTitleRows = address)),
      headersFooters: {
        defaultForAllPages: {
          set centerFooter(v: string) {
            set((p) => (p.centerFooter = v));
          },
        },
      },
    };
  }
}

class NoteProxy extends Loadable {
  constructor(
    private ctx: SimContext,
    private sheet: () => SimSheet,
    private address: string,
  ) {
    super();
    ctx.queue(() => {
      this.loaded.isNullObject = !sheet().notes.has(address);
    });
  }
  load(): this {
    this.ctx.queue(() => {
      this.loaded.content = this.ctx.respond(this.sheet().notes.get(this.address));
      this.isLoaded = true;
    });
    return this;
  }
  get isNullObject(): boolean {
    if (!("isNullObject" in this.loaded)) notLoaded("isNullObject");
    return this.loaded.isNullObject as boolean;
  }
  get content(): string {
    return this.get("content");
  }
  delete(): void {
    this.ctx.write(this.sheet, "note.delete", (s) => s.notes.delete(this.address));
  }
}

class RangeProxy extends Loadable {
  format: unknown;
  constructor(
    private ctx: SimContext,
    private sheet: () => SimSheet,
    private area: () => Area | null,
  ) {
    super();
    const self = this;
    const fillSetter = (prop: keyof SavedFill) => (v: unknown) =>
      this.eachCell("fill", (c) => {
        c.fill = { ...(c.fill ?? {}), [prop]: v };
        if (prop === "color" && (!c.fill.pattern || c.fill.pattern === "None")) c.fill.pattern = "Solid";
      });
    // fill.load("color") (ExcelApi 1.1): the first cell's colour as Excel reports it, "#FFFFFF" without a fill.
    let loadedFill: Record<string, unknown> | null = null;
    const fill: Record<string, unknown> = {
      clear: () => this.eachCell("fill.clear", (c) => delete c.fill),
      load: () => {
        this.ctx.queue(() => {
          const a = this.area()!;
          const c = this.sheet().cells.get(`${a.top},${a.left}`);
          const f = c?.fill;
          loadedFill = { color: f && f.pattern !== "None" && f.color ? f.color : "#FFFFFF" };
        });
        return fill;
      },
    };
    for (const p of ["color", "pattern", "patternColor", "tintAndShade", "patternTintAndShade"] as const)
      Object.defineProperty(fill, p, {
        set: fillSetter(p),
        get: () => (loadedFill && p in loadedFill ? loadedFill[p] : notLoaded(`format/fill/${p}`)),
      });
    const font: Record<string, unknown> = {};
    for (const p of ["bold", "color"] as const)
      Object.defineProperty(font, p, {
        set: (v: unknown) =>
          this.eachCell(`font.${p}`, (c) => {
            c.font = { ...(c.font ?? {}), [p]: v };
            // Excel's default font (not bold, black) is no font change at all.
            if (!c.font.bold && (!c.font.color || c.font.color === "#000000")) delete c.font;
          }),
        get: () => notLoaded(`format/font/${p}`),
      });
    this.format = {
      fill,
      font,
      set columnWidth(w: number) {
        self.ctx.needs("1.2", "RangeFormat.columnWidth");
        self.ctx.write(self.sheet, "columnWidth", (s) => {
          const a = self.area()!;
          for (let c = a.left; c <= a.right; c++) s.widths.set(c, w);
        });
      },
      get columnWidth(): number {
        return self.get("columnWidth");
      },
      set wrapText(_v: boolean) {
        // Not simulated: a format the restore guarantee does not cover.
      },
    };
  }

  /** ExcelApi 1.7: a link on each cell of the range. */
  set hyperlink(h: { documentReference?: string; address?: string; textToDisplay?: string }) {
    this.ctx.needs("1.7", "Range.hyperlink");
    this.eachCell("hyperlink", (c) => {
      c.link = { ...h };
      if (h.textToDisplay !== undefined) c.value = h.textToDisplay;
    });
  }

  private eachCell(what: string, f: (c: SimCell, r: number, col: number) => void): void {
    this.ctx.write(this.sheet, what, (s) => {
      const a = this.area();
      if (!a) return;
      for (let r = a.top; r <= Math.min(a.bottom, a.top + 5000); r++)
        for (let c = a.left; c <= a.right; c++) {
          const cell = s.cells.get(key(r, c)) ?? { value: null, numberFormat: "General" };
          f(cell, r, c);
          s.cells.set(key(r, c), cell);
        }
    });
  }
  private matrix(f: (c: SimCell | undefined, r: number, col: number) => unknown): unknown[][] {
    const a = this.area()!;
    const s = this.sheet();
    const out: unknown[][] = [];
    for (let r = a.top; r <= a.bottom; r++) {
      const row: unknown[] = [];
      for (let c = a.left; c <= a.right; c++) row.push(f(s.cells.get(key(r, c)), r, c));
      out.push(row);
    }
    return out;
  }
  private setMatrix(what: string, m: unknown[][], f: (c: SimCell, v: unknown) => void): void {
    this.ctx.write(
      this.sheet,
      what,
      (s) => {
        const a = this.area()!;
        const rows = a.bottom - a.top + 1;
        const cols = a.right - a.left + 1;
        const single = m.length === 1 && m[0].length === 1;
        if (!single && (m.length !== rows || m.some((r) => r.length !== cols)))
          throw Object.assign(new Error(`${what}: ${m.length}×${m[0]?.length} values for a ${rows}×${cols} range`), {
            code: "InvalidArgument",
          });
        for (let r = 0; r < rows; r++)
          for (let c = 0; c < cols; c++) {
            const k = key(a.top + r, a.left + c);
            const cell = s.cells.get(k) ?? { value: null, numberFormat: "General" };
            f(cell, single ? m[0][0] : m[r][c]);
            s.cells.set(k, cell);
          }
      },
      COMMAND_BYTES + jsonBytes(m),
    );
  }

  load(props?: unknown): this {
    const wanted = requested(props);
    this.ctx.queue(() => {
      const a = this.area();
      this.loaded = { isNullObject: a === null };
      this.isLoaded = true;
      if (!a) return;
      const s = this.sheet();
      Object.assign(this.loaded, {
        address: `'${s.name}'!${a1Of(a)}`,
        rowIndex: a.top,
        columnIndex: a.left,
        rowCount: a.bottom - a.top + 1,
        columnCount: a.right - a.left + 1,
        values: this.matrix((c) => (c && !c.formula && c.value !== null ? c.value : "")),
        text: this.matrix((_c, r, col) => this.ctx.wb.text(s, r, col)),
        numberFormat: this.matrix((c) => c?.numberFormat ?? "General"),
        formulas: this.matrix((c) => c?.formula ?? (c && c.value !== null ? c.value : "")),
        columnWidth: s.widths.get(a.left) ?? DEFAULT_WIDTH,
      });
      this.ctx.respond(wanted ? Object.fromEntries(wanted.map((w) => [w, this.loaded[w]])) : this.loaded);
    });
    return this;
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get address(): string {
    return this.get("address");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get values(): unknown[][] {
    return this.get("values");
  }
  set values(m: unknown[][]) {
    this.setMatrix("values", m, (c, v) => {
      if (typeof v === "string" && v.startsWith("=")) {
        c.formula = v;
        c.value = null;
      } else {
        delete c.formula;
        c.value = typeof v === "string" && v.startsWith("'") ? v.slice(1) : v === "" ? null : (v as SimCell["value"]);
      }
    });
  }
  get text(): string[][] {
    return this.get("text");
  }
  get numberFormat(): string[][] {
    return this.get("numberFormat");
  }
  set numberFormat(m: string[][]) {
    this.setMatrix("numberFormat", m, (c, v) => (c.numberFormat = String(v)));
  }
  get formulas(): unknown[][] {
    return this.get("formulas");
  }
  set formulas(m: unknown[][]) {
    this.setMatrix("formulas", m, (c, v) => {
      if (typeof v === "string" && v.startsWith("=")) {
        c.formula = v;
        c.value = null;
      } else {
        delete c.formula;
        c.value = v === "" ? null : (v as SimCell["value"]);
      }
    });
  }
  getMergedAreasOrNullObject(): Loadable & { isNullObject: boolean; address: string; load(): unknown } {
    this.ctx.needs("1.13", "Range.getMergedAreasOrNullObject");
    const ctx = this.ctx;
    const proxy = new (class extends Loadable {
      load = () => {
        ctx.queue(() => {
          const a = outer.area();
          const s = outer.sheet();
          const list = a
            ? s.merges.filter((m) => m.top <= a.bottom && m.bottom >= a.top && m.left <= a.right && m.right >= a.left)
            : [];
          this.loaded = {
            isNullObject: list.length === 0,
            address: list.map((m) => `'${s.name}'!${a1Of(m)}`).join(", "),
          };
          ctx.respond(this.loaded.address);
          this.isLoaded = true;
        });
        return this;
      };
      get isNullObject(): boolean {
        return this.get("isNullObject");
      }
      get address(): string {
        return this.get("address");
      }
    })();
    const outer = this;
    return proxy;
  }
  getCellProperties(): { value: unknown[][] } {
    this.ctx.needs("1.9", "Range.getCellProperties");
    const result: { loaded?: unknown[][] } = {};
    this.ctx.queue(() => {
      result.loaded = this.area()
        ? this.matrix((c) => ({
            format: {
              fill: { ...NO_FILL, ...(c?.fill ?? {}) },
              font: { bold: c?.font?.bold ?? false, color: c?.font?.color ?? "#000000" },
            },
          }))
        : [];
      this.ctx.respond(result.loaded);
    });
    return {
      get value() {
        if (!result.loaded) notLoaded("cellProperties");
        return result.loaded!;
      },
    };
  }
  getUsedRangeOrNullObject(): RangeProxy {
    this.ctx.needs("1.4", "Range.getUsedRangeOrNullObject");
    return new RangeProxy(this.ctx, this.sheet, () => usedArea(this.sheet(), this.area()));
  }
  getEntireColumn(): RangeProxy {
    return new RangeProxy(this.ctx, this.sheet, () => {
      const a = this.area()!;
      return { top: 0, left: a.left, bottom: 1048575, right: a.right };
    });
  }
  insert(direction: string): void {
    this.ctx.write(this.sheet, "insert", (s) => {
      const a = this.area()!;
      if (direction !== "Right" || a.top !== 0 || a.bottom !== 1048575)
        throw Object.assign(new Error("simulated: only whole columns are inserted"), { code: "InvalidArgument" });
      this.ctx.wb.insertColumns(s, a.left, a.right - a.left + 1);
      this.ctx.wb.log.push(`insert ${s.name}!${columnLetters(a.left)}:${columnLetters(a.right)}`);
    });
  }
  delete(direction: string): void {
    this.ctx.write(this.sheet, "delete", (s) => {
      const a = this.area()!;
      if (direction !== "Left" || a.top !== 0 || a.bottom !== 1048575)
        throw Object.assign(new Error("simulated: only whole columns are deleted"), { code: "InvalidArgument" });
      this.ctx.wb.deleteColumns(s, a.left, a.right - a.left + 1);
      this.ctx.wb.log.push(`delete ${s.name}!${columnLetters(a.left)}:${columnLetters(a.right)}`);
    });
  }
  clear(applyTo: string): void {
    this.eachCell(`clear ${applyTo}`, (c) => {
      if (applyTo === "Contents" || applyTo === "All") {
        c.value = null;
        delete c.formula;
      }
      if (applyTo === "Formats" || applyTo === "All") {
        c.numberFormat = "General";
        delete c.fill;
        delete c.font;
      }
      if (applyTo === "Hyperlinks" || applyTo === "All") delete c.link;
    });
  }
  select(): void {
    this.ctx.queue(() => {
      const s = this.sheet();
      this.ctx.wb.activeId = s.id;
      this.ctx.wb.selected = { sheetId: s.id, address: a1Of(this.area()!) };
    });
  }
  /** The area this proxy resolves to now (for NamesProxy). */
  resolveArea(): { sheet: SimSheet; area: Area } {
    return { sheet: this.sheet(), area: this.area()! };
  }
}

class NamesProxy extends Loadable {
  constructor(private ctx: SimContext) {
    super();
  }
  load(): this {
    this.ctx.queue(() => {
      this.loaded.items = this.ctx.wb.names.map((n) => new NameProxy(this.ctx, n.name, true));
      this.isLoaded = true;
    });
    return this;
  }
  get items(): NameProxy[] {
    return this.get("items");
  }
  add(name: string, reference: RangeProxy, comment = ""): NameProxy {
    this.ctx.needs("1.4", "NamedItemCollection.add");
    this.ctx.queue(() => {
      if (this.ctx.wb.names.some((n) => n.name.toLowerCase() === name.toLowerCase()))
        throw Object.assign(new Error(`The name ${name} exists.`), { code: "ItemAlreadyExists" });
      const { sheet, area } = reference.resolveArea();
      this.ctx.wb.names.push({ name, sheetId: sheet.id, area, comment });
    });
    return new NameProxy(this.ctx, name);
  }
  getItemOrNullObject(name: string): NameProxy {
    this.ctx.needs("1.4", "NamedItemCollection.getItemOrNullObject");
    return new NameProxy(this.ctx, name);
  }
}

class NameProxy extends Loadable {
  constructor(
    private ctx: SimContext,
    private nameKey: string,
    preload = false,
  ) {
    super();
    const fill = () => {
      const n = this.find();
      this.loaded = { isNullObject: !n, name: n?.name, comment: n?.comment };
      this.isLoaded = true;
    };
    if (preload) fill();
    else ctx.queue(fill);
  }
  private find(): SimName | undefined {
    return this.ctx.wb.names.find((n) => n.name.toLowerCase() === this.nameKey.toLowerCase());
  }
  load(): this {
    return this;
  }
  get isNullObject(): boolean {
    return this.get("isNullObject");
  }
  get name(): string {
    return this.get("name");
  }
  get comment(): string {
    return this.get("comment");
  }
  getRangeOrNullObject(): RangeProxy {
    this.ctx.needs("1.4", "NamedItem.getRangeOrNullObject");
    const sheetOf = () => this.ctx.wb.sheet(this.find()!.sheetId)!;
    return new RangeProxy(this.ctx, sheetOf, () => (this.find() ? { ...this.find()!.area } : null));
  }
  delete(): void {
    this.ctx.queue(() => {
      this.ctx.wb.names = this.ctx.wb.names.filter((n) => n !== this.find());
    });
  }
}
