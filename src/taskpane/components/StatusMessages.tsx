import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import type { SessionState } from "../session";
import type { Strings } from "../i18n/strings";
import { statusBars } from "../statusBars";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
});

export interface StatusMessagesProps {
  /** The session: its validation status, warnings, last Clear and error. */
  state: SessionState;
  /** Strings in the user's language. */
  t: Strings;
  /** The user consents to inserting whole columns (after Insert recomputed columns asked). */
  onConfirmShift: () => void;
  /** The user declines. */
  onCancelShift: () => void;
}

/**
 * One message bar per thing the user must know (see statusBars): sheet status, degraded writes, Clear, the
 * recomputed columns (with the question before whole columns are inserted), the export, and errors.
 */
export function StatusMessages({
  state,
  t,
  onConfirmShift,
  onCancelShift,
}: StatusMessagesProps): React.ReactElement | null {
  const styles = useStyles();
  const bars = statusBars(state, t);
  if (bars.length === 0) return null;
  return (
    <div className={styles.stack} role="status">
      {bars.map((b) => (
        <MessageBar key={b.key} intent={b.intent} data-testid={`status-${b.key}`}>
          <MessageBarBody>{b.text}</MessageBarBody>
          {b.ask ? (
            <MessageBarActions>
              <Button appearance="primary" size="small" onClick={onConfirmShift} data-testid="confirm-shift">
                {t.confirmShift}
              </Button>
              <Button size="small" onClick={onCancelShift} data-testid="cancel-shift">
                {t.cancel}
              </Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ))}
    </div>
  );
}
