/**
 * Ribbon commands (ExecuteFunction). They run in the shared runtime, so the result lands in the same
 * session the task pane shows; after validating, the pane is opened to show it.
 */
import { selectionOf, type ProfileChoiceStore } from "../excel/profileChoice";
import type { LayoutStore } from "../excel/layoutStore";
import type { ExcelHost } from "../excel/run";
import type { Session } from "../taskpane/session";

export interface CommandDeps {
  host: ExcelHost;
  session: Session;
  /** The scoring-profile choice remembered in the workbook (the same one the pane shows). */
  choices: ProfileChoiceStore;
  /** The layouts (user column mappings) saved in the workbook; none when absent. */
  layouts?: LayoutStore;
  /** Opens the task pane (Office.addin.showAsTaskpane in Excel). */
  showPane: () => Promise<void>;
}

/**
 * "Validate sheet" (scope "sheet") and "Validate workbook" (scope "workbook") on the ribbon: the same
 * pipeline as the pane's buttons, under the profile choice remembered in the workbook, then the pane is
 * shown with the result. Always completes the event, also on failure (the failure is shown in the pane).
 */
export async function validateFromRibbon(
  event: { completed: () => void },
  deps: CommandDeps,
  scope: "sheet" | "workbook" = "sheet",
): Promise<void> {
  try {
    await deps.session.run(async () => ({
      validation: await deps.host.validate(selectionOf(deps.choices.load()), scope, deps.layouts?.load() ?? []),
    }));
    await deps.showPane().catch((e) => console.error("disclosure-check: could not open the task pane", e));
  } finally {
    event.completed();
  }
}
