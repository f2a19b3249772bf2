import * as React from "react";
import { MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import type { SessionState } from "../session";
import type { Strings } from "../i18n/strings";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
});

export interface StatusMessagesProps {
  /** The session: its validation status, warnings, last Clear and error. */
  state: SessionState;
  /** Strings in the user's language. */
  t: Strings;
}

/** One message bar per thing the user must know: sheet status, degraded writes, Clear, errors. */
export function StatusMessages({ state, t }: StatusMessagesProps): React.ReactElement | null {
  const styles = useStyles();
  const bars: Array<{ key: string; intent: "error" | "warning" | "info" | "success"; text: string }> = [];
  const v = state.validation;
  if (state.error) bars.push({ key: "error", intent: "error", text: t.errorPrefix + state.error });
  if (v?.status === "empty-sheet") bars.push({ key: "empty", intent: "info", text: t.statusEmpty });
  if (v?.status === "no-table") bars.push({ key: "no-table", intent: "warning", text: t.statusNoTable });
  if (v?.status === "protected") bars.push({ key: "protected", intent: "warning", text: t.statusProtected });
  if (v?.status === "unsupported") bars.push({ key: "unsupported", intent: "error", text: t.statusUnsupported });
  for (const w of v?.warnings ?? []) {
    if (w === "needs-1.9") bars.push({ key: w, intent: "warning", text: t.warnNeeds19 });
    else if (w === "no-notes") bars.push({ key: w, intent: "info", text: t.warnNoNotes });
    else if (w.startsWith("foreign-notes:")) bars.push({ key: w, intent: "info", text: `${t.warnForeignNotes} ${w.slice(14)}` });
    else if (w.startsWith("protected-sheets:"))
      bars.push({ key: "protected-sheets", intent: "warning", text: `${t.warnProtectedSheets}${w.slice(17)}` });
    else if (w.startsWith("write-failed:")) bars.push({ key: w, intent: "error", text: `${t.warnWriteFailed} ${w.slice(13)}` });
  }
  if (v?.status === "ok" && v.notes === "comment") bars.push({ key: "comments", intent: "info", text: t.warnCommentsUsed });
  if (state.cleared !== null) {
    bars.push({ key: "cleared", intent: "success", text: state.cleared > 0 ? `${t.clearedCells} ${state.cleared}` : t.nothingToClear });
  }
  if (bars.length === 0) return null;
  return (
    <div className={styles.stack} role="status">
      {bars.map((b) => (
        <MessageBar key={b.key} intent={b.intent} data-testid={`status-${b.key}`}>
          <MessageBarBody>{b.text}</MessageBarBody>
        </MessageBar>
      ))}
    </div>
  );
}
