/**
 * Which Excel API requirement sets this host supports, detected at run time (the manifest declares
 * only the minimum). Each feature above the minimum degrades to a fallback or a message.
 */

export interface Capabilities {
  /**
   * ExcelApi 1.1, the set the manifest declares: reading cells, solid fills, the working paper. Every Excel
   * that runs add-ins has it (Office 2016 and later); without it nothing runs ("unsupported").
   */
  minimum: boolean;
  /**
   * ExcelApi 1.4: getUsedRangeOrNullObject, getItemOrNullObject, named items (NamedItemCollection.add),
   * and with them the used range of values only and sheet protection (1.2). Below it (Office 2016
   * volume-licensed: 1.1) a sheet is looked up in the loaded sheet collection, its used range counts
   * formatted cells too, protection is not read (a protected sheet refuses the write, which is reported),
   * and Insert recomputed columns answers that it needs 1.9 (as it does on any host below 1.9).
   */
  nullObjects: boolean;
  /** ExcelApi 1.5: custom XML parts, where a record too large for document settings is kept. */
  customXml: boolean;
  /** ExcelApi 1.9: getCellProperties, to back fills up before highlighting. Without it: list only. */
  cellProperties: boolean;
  /** ExcelApi 1.13: getMergedAreasOrNullObject. Without it merged cells read as separate cells. */
  mergedAreas: boolean;
  /** ExcelApi 1.18: worksheet notes. */
  notes: boolean;
  /** ExcelApi 1.10: threaded comments, the fallback when notes are missing. */
  comments: boolean;
  /**
   * ExcelApi 1.14: CommentCollection.getItemOrNullObject, to find the add-in's earlier comments by id.
   * Without it (1.10–1.13) the workbook's comments are loaded in the read batch and found among them.
   */
  commentLookup: boolean;
  /** ExcelApi 1.6: suspendApiCalculationUntilNextSync. */
  suspendCalculation: boolean;
  /** ExcelApi 1.7: Range.hyperlink (a link Excel on the web follows) and freeze panes. Without it: a HYPERLINK formula, no frozen header. */
  hyperlinks: boolean;
  /** ExcelApi 1.9: AutoFilter and page layout (print set-up). Without it the working paper has neither. */
  pageLayout: boolean;
  /**
   * CustomFunctionsRuntime 1.1 (Microsoft 365, Office 2021 and later): the DC.* functions. Without it the
   * recomputed columns are written as values (as the CLI writes them), not formulas that would show #NAME?.
   */
  customFunctions: boolean;
}

/** Detects capabilities through Office's `isSetSupported(name, version)`. Never throws. */
export function detectCapabilities(isSetSupported: (name: string, version: string) => boolean): Capabilities {
  const has = (v: string) => {
    try {
      return !!isSetSupported("ExcelApi", v);
    } catch {
      return false;
    }
  };
  return {
    minimum: has("1.1"),
    nullObjects: has("1.4"),
    customXml: has("1.5"),
    cellProperties: has("1.9"),
    mergedAreas: has("1.13"),
    notes: has("1.18"),
    comments: has("1.10"),
    commentLookup: has("1.14"),
    suspendCalculation: has("1.6"),
    hyperlinks: has("1.7"),
    pageLayout: has("1.9"),
    customFunctions: (() => {
      try {
        return !!isSetSupported("CustomFunctionsRuntime", "1.1");
      } catch {
        return false;
      }
    })(),
  };
}

/** Every capability present: for tests and the simulated host. */
export const ALL_CAPABILITIES: Capabilities = Object.freeze({
  minimum: true,
  nullObjects: true,
  customXml: true,
  cellProperties: true,
  mergedAreas: true,
  notes: true,
  comments: true,
  commentLookup: true,
  suspendCalculation: true,
  hyperlinks: true,
  pageLayout: true,
  customFunctions: true,
});

/** A feature this Excel lacks that the user would notice, with what the add-in does instead. */
export type MissingFeature = "highlight" | "notes" | "explanations" | "customFunctions" | "mergedAreas";

/**
 * The features the host lacks, for the pane's one-line notice (empty on a current Excel).
 * Input: the detected capabilities. Output: the missing features, most important first. Never throws.
 */
export function missingFeatures(caps: Capabilities): MissingFeature[] {
  if (!caps.minimum) return []; // the pane says the host is not supported at all
  const out: MissingFeature[] = [];
  if (!caps.cellProperties) out.push("highlight");
  if (!caps.notes) out.push(caps.comments ? "notes" : "explanations");
  if (!caps.customFunctions) out.push("customFunctions");
  if (!caps.mergedAreas) out.push("mergedAreas");
  return out;
}
