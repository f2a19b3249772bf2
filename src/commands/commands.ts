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
 * pipeline as the pane's buttons, under the profile choice remembered in the workbook.
 * The event is completed as soon as the validation is done (also on failure), before anything else:
 * Microsoft documents that Office.addin.showAsTaskpane is ignored in some deployments, and a promise that
 * never settles would otherwise hold the command and queue every later click. Then, so that the result
 * shows without the pane, the first finding's cell is selected (its highlight and note come into view),
 * and the pane is asked to open, without waiting for either.
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
  } finally {
    event.completed();
  }
  const v = deps.session.get().validation;
  const first = v?.result?.findings[0];
  if (v && first)
    void deps.host
      .select(first.sheet ?? v.sheet.name, first.cell)
      .catch((e) => console.error("disclosure-check: could not select the first finding", e));
  void deps.showPane().catch((e) => console.error("disclosure-check: could not open the task pane", e));
}
