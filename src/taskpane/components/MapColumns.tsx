import * as React from "react";
import { Button, Field, Input, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { assignableRoles, type LayoutPart, type SavedLayout } from "../../tables/layouts";
import { normaliseHeader } from "../../tables/vocabulary/normalise";
import type { TableReport } from "../../tables/validate";
import type { Strings } from "../i18n/strings";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, paddingInline: tokens.spacingHorizontalXS },
  hint: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  actions: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
});

export interface MapColumnsProps {
  /** The table whose unplaced headers the user maps. */
  table: TableReport;
  /** The layouts saved in the workbook (a saved mapping of these headers is the starting point). */
  saved: SavedLayout[];
  /** Re-checks with the draft layouts added to the saved ones, without saving. */
  onRecheck: (draft: SavedLayout[]) => void;
  /** Saves the draft layouts in the workbook (by name) and re-checks. */
  onSave: (draft: SavedLayout[]) => void;
  onClose: () => void;
  disabled?: boolean;
  lang: "zh" | "en";
  t: Strings;
}

/** The header key a layout stores: the header as the finder reads it (annotations, spaces dropped). */
export function headerKey(text: string): string {
  return normaliseHeader(text).label;
}

/** The draft layouts of a mapping: one per part that has at least one header given a role. */
export function draftLayouts(
  name: string,
  rows: Array<{ text: string; part: LayoutPart; role: string }>,
): SavedLayout[] {
  const out: SavedLayout[] = [];
  for (const part of ["fund", "indicator"] as const) {
    const headers: Record<string, string> = {};
    for (const r of rows) if (r.part === part && r.role) headers[headerKey(r.text)] = r.role;
    if (Object.keys(headers).length > 0) out.push({ name, part, headers, override: false });
  }
  return out;
}

/**
 * 指定列 / Map columns: for each header of a table that the vocabulary did not understand, the user picks
 * its role from a list (in the user's language), re-checks the table at once, and saves the mapping as a
 * named layout in the workbook, applied the next time a table with the same headers is found.
 */
export function MapColumns({
  table,
  saved,
  onRecheck,
  onSave,
  onClose,
  disabled,
  lang,
  t,
}: MapColumnsProps): React.ReactElement {
  const styles = useStyles();
  const headers = table.unmapped ?? [];
  const [name, setName] = React.useState(() => table.title.trim().slice(0, 30) || t.layoutDefaultName);
  const [roles, setRoles] = React.useState<string[]>(() =>
    headers.map(
      (h) => saved.find((l) => l.part === h.part && l.headers[headerKey(h.text)])?.headers[headerKey(h.text)] ?? "",
    ),
  );
  const rows = headers.map((h, i) => ({ text: h.text, part: h.part, role: roles[i] }));
  const draft = draftLayouts(name.trim() || t.layoutDefaultName, rows);
  const partName = (p: LayoutPart) => (p === "fund" ? t.partFund : t.partIndicator);
  return (
    <fieldset className={styles.root} data-testid="map-columns-panel">
      <legend className={styles.legend}>
        {t.mapColumnsTitle}
        {t.colon}
        {table.title || t.untitled}
      </legend>
      <Text className={styles.hint}>{t.mapColumnsHint}</Text>
      {headers.map((h, i) => (
        <Field key={`${h.cell}-${i}`} label={`${partName(h.part)} ${h.cell}「${h.text.replace(/\s+/g, "")}」`}>
          <Select
            value={roles[i]}
            onChange={(_, d) => setRoles(roles.map((r, j) => (j === i ? d.value : r)))}
            disabled={disabled}
            data-testid="map-role"
            data-header={h.text}
          >
            <option value="">{t.mapNone}</option>
            {assignableRoles(h.part).map((r) => (
              <option key={r.role} value={r.role}>
                {r.name[lang]}
              </option>
            ))}
          </Select>
        </Field>
      ))}
      <Field label={t.layoutName}>
        <Input value={name} onChange={(_, d) => setName(d.value)} disabled={disabled} data-testid="layout-name" />
      </Field>
      <div className={styles.actions}>
        <Button onClick={() => onRecheck(draft)} disabled={disabled || draft.length === 0} data-testid="map-recheck">
          {t.mapRecheck}
        </Button>
        <Button
          appearance="primary"
          onClick={() => onSave(draft)}
          disabled={disabled || draft.length === 0}
          data-testid="map-save"
        >
          {t.saveLayout}
        </Button>
        <Button onClick={onClose} disabled={disabled} data-testid="map-close">
          {t.close}
        </Button>
      </div>
    </fieldset>
  );
}
