import * as React from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { layoutFile } from "../../excel/layoutStore";
import type { SavedLayout } from "../../tables/layouts";
import type { Strings } from "../i18n/strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  row: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  json: { width: "100%", minHeight: "6em", fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

export interface SavedLayoutsProps {
  layouts: SavedLayout[];
  /** Removes a layout from the workbook (then the tables are re-checked without it). */
  onDelete: (layout: SavedLayout) => void;
  disabled?: boolean;
  t: Strings;
}

/**
 * The layouts saved in the workbook, each removable, and 导出布局 / Export layouts: one click downloads the
 * JSON that the CLI reads with --layout; the same JSON is shown for copying where the host blocks downloads.
 */
export function SavedLayouts({ layouts, onDelete, disabled, t }: SavedLayoutsProps): React.ReactElement | null {
  const styles = useStyles();
  const [shown, setShown] = React.useState(false);
  if (layouts.length === 0) return null;
  const json = JSON.stringify(layoutFile(layouts), null, 2);
  const download = () => {
    const url = URL.createObjectURL(new Blob([json], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "layouts.json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setShown(true);
  };
  return (
    <section className={styles.root} aria-label={t.savedLayouts} data-testid="saved-layouts">
      <Text weight="semibold">{t.savedLayouts}</Text>
      {layouts.map((l) => (
        <div key={`${l.name}-${l.part}`} className={styles.row} data-testid="saved-layout">
          <Text>
            {l.name}（{l.part === "fund" ? t.partFund : t.partIndicator}，{Object.keys(l.headers).length}
            {t.layoutHeaders}）
          </Text>
          <Button size="small" onClick={() => onDelete(l)} disabled={disabled} data-testid="delete-layout">
            {t.deleteLayout}
          </Button>
        </div>
      ))}
      <div className={styles.row}>
        <Button size="small" onClick={download} data-testid="export-layouts">
          {t.exportLayouts}
        </Button>
      </div>
      {shown ? (
        <textarea
          className={styles.json}
          readOnly
          value={json}
          aria-label={t.exportLayouts}
          data-testid="layouts-json"
        />
      ) : null}
    </section>
  );
}
