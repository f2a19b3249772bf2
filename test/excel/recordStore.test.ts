/**
 * The annotation record in the workbook: in document settings while small, in a custom XML part
 * (ExcelApi 1.5) when it outgrows them, on the simulated workbook with a settings object over its
 * `settings`. The limit is set small here (200 bytes) so that the seed sheet's record (14 cells) crosses it.
 */
import { clearActiveSheet, validateActiveSheet } from "../../src/excel/adapter";
import { ALL_CAPABILITIES, detectCapabilities, type Capabilities } from "../../src/excel/capabilities";
import {
  RECORD_XML_NAMESPACE,
  SETTINGS_KEY,
  officeSettingsStore,
  recordFromXml,
  recordToXml,
  type AnnotationRecord,
} from "../../src/excel/record";
import { NATIONAL } from "../../src/rules/profiles";
import { loadSheets } from "../helpers";
import { SimWorkbook } from "../sim/excelSim";
import { stringsFor } from "../../src/taskpane/i18n/strings";
import { statusBars } from "../../src/taskpane/statusBars";

beforeAll(() => {
  (globalThis as unknown as { Office: unknown }).Office = { AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" } };
});

/** Office.Settings over the simulated workbook's settings (values copied as Office serialises them). */
function settingsOf(wb: SimWorkbook, failAbove = Infinity): Office.Settings {
  return {
    get: (k: string) => (k in wb.settings ? JSON.parse(JSON.stringify(wb.settings[k])) : null),
    set: (k: string, v: unknown) => {
      wb.settings[k] = JSON.parse(JSON.stringify(v));
    },
    remove: (k: string) => {
      delete wb.settings[k];
    },
    saveAsync: (cb?: (r: { status: string; error?: { message: string } }) => void) => {
      const size = JSON.stringify(wb.settings).length;
      cb?.(size > failAbove ? { status: "failed", error: { message: "settings too large" } } : { status: "succeeded" });
    },
  } as unknown as Office.Settings;
}

async function seedWorkbook(maxApi = "1.18"): Promise<SimWorkbook> {
  const wb = new SimWorkbook();
  wb.maxApi = maxApi;
  for (const s of await loadSheets("self-evaluation-001.xlsx")) wb.addSheet(s.name, s.grid);
  return wb;
}

test("the part's text round-trips a record whose sheet names hold XML's special characters, whatever entities Excel writes back", () => {
  const record: AnnotationRecord = {
    version: 1,
    sheets: { "{1}": { name: "R&D <研发> ]]> \"表\"", cells: [{ address: "A1", fill: null, note: null }] } },
  };
  const xml = recordToXml(record);
  expect(xml).toContain(RECORD_XML_NAMESPACE);
  expect(recordFromXml(xml)).toEqual(record);
  // Excel may serialise the text with other entities, a prefix, or CDATA.
  const other = xml
    .replace(/&amp;/g, "&#38;")
    .replace(/&lt;/g, "&#x3C;")
    .replace("<annotations", "<dc:annotations")
    .replace("</annotations>", "</dc:annotations>");
  expect(recordFromXml(other.replace('xmlns="', 'xmlns:dc="'))).toEqual(record);
  // (CDATA cannot hold "]]>": a record in CDATA is one without it.)
  const plain: AnnotationRecord = { version: 1, sheets: { "{1}": { name: "R&D <研发>", cells: [] } } };
  const cdata = `<annotations xmlns="${RECORD_XML_NAMESPACE}"><![CDATA[${JSON.stringify(plain)}]]></annotations>`;
  expect(recordFromXml(cdata)).toEqual(plain);
  // Not ours, or broken: no record (never a crash).
  expect(recordFromXml("<annotations>{}</annotations>")).toBeNull();
  expect(recordFromXml(`<annotations xmlns="${RECORD_XML_NAMESPACE}">{broken</annotations>`)).toBeNull();
});

test("a record over the limit goes into a custom XML part; after reopening, Clear reads it from there and leaves the sheet, the settings and the parts exactly as before", async () => {
  const wb = await seedWorkbook();
  const before = JSON.stringify(wb.snapshot());
  const v = await validateActiveSheet(wb.context(), {
    profile: NATIONAL,
    caps: ALL_CAPABILITIES,
    store: officeSettingsStore(settingsOf(wb), ALL_CAPABILITIES, 200),
  });
  expect(v.highlighted).toBeGreaterThan(0);
  expect(v.warnings).toEqual([]);
  const pointer = wb.settings[SETTINGS_KEY] as { part: string };
  expect(Object.keys(pointer)).toEqual(["version", "part"]);
  expect(wb.xmlParts.size).toBe(1);
  const kept = recordFromXml(wb.xmlParts.get(pointer.part)!)!;
  expect(Object.values(kept.sheets)[0].cells).toHaveLength(v.highlighted);

  // Validating again replaces the part: one part, the old one removed after the new one was written.
  wb.log = [];
  await validateActiveSheet(wb.context(), {
    profile: NATIONAL,
    caps: ALL_CAPABILITIES,
    store: officeSettingsStore(settingsOf(wb), ALL_CAPABILITIES, 200),
  });
  expect(wb.xmlParts.size).toBe(1);
  const latest = (wb.settings[SETTINGS_KEY] as { part: string }).part;
  expect(latest).not.toBe(pointer.part);
  const parts = wb.log.filter((l) => l.includes(" part "));
  // Two saves (before the write, and with the fills read back): each writes its part before removing the last.
  expect(parts[0].startsWith("add part")).toBe(true);
  expect(parts.indexOf(`delete part ${pointer.part}`)).toBeGreaterThan(0);
  expect(parts[parts.length - 1]).toMatch(/^delete part/);
  expect(parts).toContain(`add part ${latest}`);

  // A new store, as after closing and reopening the workbook.
  const c = await clearActiveSheet(wb.context(), {
    caps: ALL_CAPABILITIES,
    store: officeSettingsStore(settingsOf(wb), ALL_CAPABILITIES, 200),
  });
  expect(c.restored).toBe(v.highlighted);
  expect(JSON.stringify(wb.snapshot())).toBe(before);
  expect(wb.settings).toEqual({});
  expect(wb.xmlParts.size).toBe(0);
});

test("a record under the limit stays in document settings: no part, no extra sync", async () => {
  const wb = await seedWorkbook();
  const store = officeSettingsStore(settingsOf(wb), ALL_CAPABILITIES);
  const v = await validateActiveSheet(wb.context(), { profile: NATIONAL, caps: ALL_CAPABILITIES, store });
  expect(wb.syncs).toBe(2);
  expect((wb.settings[SETTINGS_KEY] as AnnotationRecord).sheets).toBeDefined();
  expect(wb.xmlParts.size).toBe(0);
  expect(v.highlighted).toBeGreaterThan(0);
});

test("without custom XML parts (below ExcelApi 1.5) a large record stays in settings; if they refuse it, nothing is highlighted and the pane says why", async () => {
  const caps: Capabilities = { ...ALL_CAPABILITIES, customXml: false };
  const wb = await seedWorkbook();
  const before = JSON.stringify(wb.snapshot());
  const v = await validateActiveSheet(wb.context(), {
    profile: NATIONAL,
    caps,
    store: officeSettingsStore(settingsOf(wb, 512), caps, 200),
  });
  expect(v.warnings.some((w) => w.startsWith("record-failed:"))).toBe(true);
  expect(v.highlighted).toBe(0);
  expect(wb.xmlParts.size).toBe(0);
  expect(JSON.stringify(wb.snapshot())).toBe(before);
});

test("a part removed outside the add-in: Validate and Clear go on without a record, and the settings no longer point to it", async () => {
  const wb = await seedWorkbook();
  await validateActiveSheet(wb.context(), {
    profile: NATIONAL,
    caps: ALL_CAPABILITIES,
    store: officeSettingsStore(settingsOf(wb), ALL_CAPABILITIES, 200),
  });
  wb.xmlParts.clear();
  const c = await clearActiveSheet(wb.context(), {
    caps: ALL_CAPABILITIES,
    store: officeSettingsStore(settingsOf(wb), ALL_CAPABILITIES, 200),
  });
  expect(c.restored).toBe(0);
  const v = await validateActiveSheet(wb.context(), {
    profile: NATIONAL,
    caps: ALL_CAPABILITIES,
    store: officeSettingsStore(settingsOf(wb), ALL_CAPABILITIES, 200),
  });
  // Our notes left on the cells are recognised (复核…) and replaced, never taken for the auditor's.
  expect(v.highlighted).toBeGreaterThan(0);
  expect(v.warnings.filter((w) => w.startsWith("foreign-notes"))).toEqual([]);
  expect(wb.xmlParts.size).toBe(1);
  expect(wb.xmlParts.has((wb.settings[SETTINGS_KEY] as { part: string }).part)).toBe(true);
});

test("a part on an Excel without custom XML parts (below ExcelApi 1.5): nothing is written or cleared, and the pane says why", async () => {
  const wb = await seedWorkbook();
  await validateActiveSheet(wb.context(), {
    profile: NATIONAL,
    caps: ALL_CAPABILITIES,
    store: officeSettingsStore(settingsOf(wb), ALL_CAPABILITIES, 200),
  });
  const highlighted = JSON.stringify(wb.snapshot());
  const settings = JSON.stringify(wb.settings);
  const caps: Capabilities = detectCapabilities((n, v) => n === "ExcelApi" && Number(v.split(".")[1]) <= 4);
  expect(caps.customXml).toBe(false);
  wb.maxApi = "1.4";
  const v = await validateActiveSheet(wb.context(), { profile: NATIONAL, caps, store: officeSettingsStore(settingsOf(wb), caps, 200) });
  expect(v.result!.findings.length).toBeGreaterThan(0);
  expect(v.highlighted).toBe(0);
  expect(v.warnings).toEqual(["record-unreadable"]);
  const c = await clearActiveSheet(wb.context(), { caps, store: officeSettingsStore(settingsOf(wb), caps, 200) });
  expect(c.status).toBe("record-unreadable");
  expect(JSON.stringify(wb.snapshot())).toBe(highlighted);
  expect(JSON.stringify(wb.settings)).toBe(settings);
  expect(wb.xmlParts.size).toBe(1);
  const bars = statusBars({ busy: false, error: null, validation: v, columns: null, removed: null, exported: null, cleared: null }, stringsFor("zh-CN").t);
  expect(bars.map((b) => b.text)).toContainEqual(expect.stringContaining("自定义 XML 部件"));
});
