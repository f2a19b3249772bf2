/**
 * The user's saved layouts (指定列 / Map columns), kept in the workbook's document settings so that they
 * travel with the workbook: a reopened workbook, the ribbon command and a colleague's Excel apply them
 * the same way. The JSON is the one the CLI reads with --layout (src/tables/layouts.ts).
 */
import { readLayouts, type LayoutFile, type SavedLayout } from "../tables/layouts";
import { saveSetting } from "./record";

export const LAYOUT_SETTINGS_KEY = "disclosure-check.layouts";

/** Where the layouts live: document settings in Excel, memory in tests. */
export interface LayoutStore {
  load(): SavedLayout[];
  save(layouts: SavedLayout[]): Promise<void>;
}

/** The layouts as the file the CLI reads (--layout), for the pane's export. */
export function layoutFile(layouts: SavedLayout[]): LayoutFile {
  return { version: 1, layouts };
}

/**
 * Adds or replaces (by name) a layout in a list. Output: the new list; the input is not changed.
 */
export function withLayout(layouts: SavedLayout[], layout: SavedLayout): SavedLayout[] {
  return [...layouts.filter((l) => l.name !== layout.name), layout];
}

/** In Office document settings: saved with the workbook. Anything unreadable in the setting is dropped. */
export function officeLayoutStore(settings: Office.Settings): LayoutStore {
  return {
    load: () => readLayouts(settings.get(LAYOUT_SETTINGS_KEY) ?? { layouts: [] }).layouts,
    save: (layouts) => saveSetting(settings, LAYOUT_SETTINGS_KEY, layouts.length > 0 ? layoutFile(layouts) : null),
  };
}
