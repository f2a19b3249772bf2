/**
 * The thin layer that calls Excel.run and Office APIs; everything below it takes a context.
 * Used by the task pane and the ribbon command (one shared runtime).
 */
import type { ProfileSelection } from "../tables/validate";
import { clearActiveSheet, selectCell, validateActiveSheet, type ExcelValidation } from "./adapter";
import { detectCapabilities, type Capabilities } from "./capabilities";
import { officeSettingsStore } from "./record";

export function hostCapabilities(): Capabilities {
  return detectCapabilities((name, version) => Office.context.requirements.isSetSupported(name, version));
}

/** The operations the task pane and the ribbon command need, as plain async functions. */
export interface ExcelHost {
  validate(profile: ProfileSelection): Promise<ExcelValidation>;
  clear(): Promise<{ status: "ok" | "protected" | "unsupported"; restored: number }>;
  select(sheetName: string, address: string): Promise<void>;
}

export const officeHost: ExcelHost = {
  validate: (profile) =>
    Excel.run((context) =>
      validateActiveSheet(context, {
        profile,
        caps: hostCapabilities(),
        store: officeSettingsStore(Office.context.document.settings),
      }),
    ),
  clear: () =>
    Excel.run((context) =>
      clearActiveSheet(context, {
        caps: hostCapabilities(),
        store: officeSettingsStore(Office.context.document.settings),
      }),
    ),
  select: (sheetName, address) => Excel.run((context) => selectCell(context, sheetName, address)),
};
