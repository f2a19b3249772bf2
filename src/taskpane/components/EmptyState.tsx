import * as React from "react";
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Strings } from "../i18n/strings";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
});

export interface EmptyStateProps {
  /** Strings in the user's language. */
  t: Strings;
}

/** Shown before the first validation: what the add-in looks for and what it does. */
export function EmptyState({ t }: EmptyStateProps): React.ReactElement {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="empty-title" data-testid="empty-state">
      <Text as="h2" id="empty-title" weight="semibold" size={400}>
        {t.emptyTitle}
      </Text>
      <Text>{t.emptyBody}</Text>
    </section>
  );
}
