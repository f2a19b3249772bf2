import * as React from "react";
import { Badge, Button, Input, Select, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { ClaimKind } from "../../rules/narrative";
import { RULE_TITLES } from "../../rules/checks";
import { CATEGORY_NAMES } from "../../rules/categories";
import { RULES } from "../../rules/registry";
import type { Finding, Severity } from "../../rules/types";
import type { TableReport } from "../../tables/validate";
import { REVIEW_STATUSES, type ReviewStatus } from "../../tables/workingPaper";
import { CLAIM_STRING, type StringKey, type Strings } from "../i18n/strings";
import { passes, type FindingsFilterValue } from "./FindingsFilter";

const useStyles = makeStyles({
  group: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    marginBottom: tokens.spacingVerticalM,
  },
  groupTitle: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  groupMeta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  item: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    width: "100%",
    textAlign: "start",
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    cursor: "pointer",
    fontFamily: tokens.fontFamilyBase,
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  error: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteRedBorder2}` },
  warning: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteYellowBorder2}` },
  info: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke1}` },
  // Wraps at narrow widths (320 px) instead of squeezing the badge and the words to one character a line.
  head: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    alignItems: "center",
  },
  nowrap: { whiteSpace: "nowrap" },
  figures: { fontSize: tokens.fontSizeBase200 },
  formula: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  message: { fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  review: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    alignItems: "center",
    paddingInline: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
  },
  reviewSelect: { minWidth: "9em", maxWidth: "100%" },
  reviewReason: { flexGrow: 1, minWidth: "8em", maxWidth: "100%" },
  explain: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingInline: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
  },
});

const BADGE: Record<Severity, "danger" | "warning" | "informative"> = {
  error: "danger",
  warning: "warning",
  info: "informative",
};

export interface FindingsListProps {
  /** The tables of the validation, in order. */
  tables: TableReport[];
  /** All findings (each names its table by index). */
  findings: Finding[];
  /** UI language: picks the message and rule-title language. */
  lang: "zh" | "en";
  /** Strings in the user's language. */
  t: Strings;
  /** Called when the user picks a finding: select its cell in the sheet. */
  onSelect: (finding: Finding) => void;
  /** Which findings to show (severities, rule). */
  filter: FindingsFilterValue;
  /** Opens 指定列 / Map columns for a table with headers the add-in did not recognise. */
  onMapColumns?: (table: TableReport) => void;
  /** The pane is busy (the Map columns buttons are disabled). */
  busy?: boolean;
  /** Each finding's review status and reason (未复核 and "" when none). */
  reviewOf?: (f: Finding) => { status: ReviewStatus; reason: string };
  /** Sets a finding's review status and reason (kept in the workbook). */
  onReview?: (f: Finding, status: ReviewStatus, reason: string) => void;
  /** The finding's row label: the indicator's name (三级指标), the fund line or the 部门决算 line. */
  labelOf?: (f: Finding) => string;
}

function kindName(table: TableReport, t: Strings): string {
  if (table.kind === "unit-self-evaluation") return t.kindUnit;
  if (table.kind === "project-self-evaluation") return t.kindProject;
  if (table.kind === "narrative") return t.kindNarrative;
  return t.kindAccounts;
}

/**
 * The findings that pass the filter, grouped by table with counts; each finding is a button that selects
 * its cell. Arrow keys move between findings, Enter or Space selects.
 */
export function FindingsList({
  tables,
  findings,
  lang,
  t,
  onSelect,
  filter,
  onMapColumns,
  busy,
  reviewOf,
  onReview,
  labelOf,
}: FindingsListProps): React.ReactElement {
  const styles = useStyles();
  // Arrow keys, Home and End move between the findings (a plain handler: tabster's arrow group adds
  // focusable aria-hidden elements that screen readers and axe object to).
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const items = [...e.currentTarget.querySelectorAll<HTMLButtonElement>("button[data-finding]")];
    const at = items.indexOf(e.target as HTMLButtonElement);
    if (at < 0) return;
    const to =
      e.key === "ArrowDown"
        ? at + 1
        : e.key === "ArrowUp"
          ? at - 1
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? items.length - 1
              : -2;
    if (to === -2) return;
    e.preventDefault();
    items[Math.max(0, Math.min(items.length - 1, to))]?.focus();
  };
  const severityName: Record<Severity, string> = {
    error: t.severityError,
    warning: t.severityWarning,
    info: t.severityInfo,
  };
  const oneName: Record<Severity, string> = { error: t.oneError, warning: t.oneWarning, info: t.oneInfo };
  const review = (f: Finding) => reviewOf?.(f) ?? { status: "未复核" as ReviewStatus, reason: "" };
  const shown = findings.filter((f) => passes(f, filter, review(f).status));
  // Within a table: errors first, then warnings, then notes; each by position (row, then column).
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const byPosition = (a: Finding, b: Finding) => rank[a.severity] - rank[b.severity] || a.row - b.row || a.col - b.col;
  const groups = tables
    .map((table) => ({ table, items: shown.filter((f) => f.table === table.index).sort(byPosition) }))
    .filter((g) => g.items.length > 0);
  // Next / Previous finding (buttons, Alt+↓ / Alt+↑): selects the cell and focuses the card.
  const listRef = React.useRef<HTMLDivElement>(null);
  const ordered = groups.flatMap((g) => g.items);
  const [current, setCurrent] = React.useState(-1);
  const go = (step: 1 | -1) => {
    if (ordered.length === 0) return;
    const next = current < 0 ? (step > 0 ? 0 : ordered.length - 1) : (current + step + ordered.length) % ordered.length;
    setCurrent(next);
    onSelect(ordered[next]);
    listRef.current?.querySelectorAll<HTMLButtonElement>("button[data-finding]")[next]?.focus();
  };
  const onShortcut = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      go(e.key === "ArrowDown" ? 1 : -1);
    }
  };
  if (findings.length === 0) return <Text data-testid="no-findings">{t.noFindings}</Text>;
  if (groups.length === 0) return <Text data-testid="none-match">{t.noneMatch}</Text>;
  return (
    <div data-testid="findings" onKeyDown={(e) => (e.altKey ? onShortcut(e) : onKeyDown(e))} ref={listRef}>
      <div className={styles.head}>
        <Text className={styles.groupMeta} data-testid="showing">
          {t.showing} {shown.length}
          {t.of}
          {findings.length}
        </Text>
        <Button
          size="small"
          onClick={() => go(-1)}
          aria-keyshortcuts="Alt+ArrowUp"
          title={`${t.prevFinding} (Alt+↑)`}
          data-testid="prev-finding"
        >
          {t.prevFinding}
        </Button>
        <Button
          size="small"
          onClick={() => go(1)}
          aria-keyshortcuts="Alt+ArrowDown"
          title={`${t.nextFinding} (Alt+↓)`}
          data-testid="next-finding"
        >
          {t.nextFinding}
        </Button>
      </div>
      {groups.map(({ table, items }) => (
        <section key={table.index} className={styles.group} aria-label={table.title || t.untitled} data-testid="group">
          <Text className={styles.groupTitle}>
            {t.table} {table.index + 1}
            {t.colon}
            {table.sheet ? `${table.sheet} · ` : ""}
            {table.title || t.untitled}{" "}
            <Badge appearance="outline" color="informative" data-testid="group-count">
              {items.length}
            </Badge>
          </Text>
          <Text className={styles.groupMeta}>
            {kindName(table, t)} · {table.range} · {severityName.error} {table.counts.error} · {severityName.warning}{" "}
            {table.counts.warning} · {severityName.info} {table.counts.info}
          </Text>
          {table.layout !== "accounts" && table.layout !== "text" ? (
            <Text className={styles.groupMeta} data-testid="table-fit">
              {t.follows} {table.inferredProfileName[lang]}
              {t.colon}
              {table.explainedRows}/{table.scoredRows} {t.scoresFit}
            </Text>
          ) : null}
          {table.coverage.present > 0 ? (
            <Text className={styles.groupMeta} data-testid="coverage">
              {t.coverage}
              {table.coverage.checked}/{table.coverage.present}
            </Text>
          ) : null}
          {table.layouts?.length ? (
            <Text className={styles.groupMeta} data-testid="layouts-applied">
              {t.layoutsApplied}
              {table.layouts.join("、")}
            </Text>
          ) : null}
          {table.unmapped?.length ? (
            <div className={styles.head}>
              <Text className={styles.groupMeta} data-testid="unmapped-headers">
                {t.unmappedHeaders}
                {table.unmapped.map((u) => `「${u.text.replace(/\s+/g, "")}」`).join("")}
              </Text>
              {onMapColumns ? (
                <Button size="small" onClick={() => onMapColumns(table)} disabled={busy} data-testid="map-columns">
                  {t.mapColumns}
                </Button>
              ) : null}
            </div>
          ) : null}
          {table.claims ? (
            <Text className={styles.groupMeta} data-testid="claims">
              {t.claimsFound}
              {Object.entries(table.claims)
                .map(([k, c]) => `${t[CLAIM_STRING[k as ClaimKind]]} ${c.found}${t.claimsDisagree}${c.disagree}`)
                .join(" · ")}
            </Text>
          ) : null}
          <ul className={styles.list}>
            {items.map((f, i) => (
              <li key={`${f.cell}-${f.rule}-${i}`}>
                <button
                  type="button"
                  className={mergeClasses(styles.item, styles[f.severity])}
                  onClick={() => {
                    setCurrent(ordered.indexOf(f));
                    onSelect(f);
                  }}
                  title={t.selectHint}
                  data-testid="finding"
                  data-finding=""
                  data-cell={f.cell}
                  data-sheet={f.sheet ?? ""}
                  data-severity={f.severity}
                >
                  <span className={styles.head}>
                    <Badge
                      className={styles.nowrap}
                      color={BADGE[f.severity]}
                      appearance={f.severity === "info" ? "tint" : "filled"}
                    >
                      {oneName[f.severity]}
                    </Badge>
                    <Text weight="semibold">{f.cell}</Text>
                    {labelOf?.(f) ? (
                      <Text weight="semibold" data-testid="finding-label">
                        {labelOf(f)}
                      </Text>
                    ) : null}
                    <Text>{RULE_TITLES[f.rule][lang]}</Text>
                    <Text className={mergeClasses(styles.groupMeta, styles.nowrap)} data-testid="finding-category">
                      {CATEGORY_NAMES[f.category][lang]}
                    </Text>
                  </span>
                  <Text className={styles.figures}>
                    {t.stated} {f.stated || "—"}
                    {f.expected ? ` · ${t.expected} ${f.expected}` : ""}
                  </Text>
                  {f.formula ? (
                    <Text className={styles.formula}>
                      {t.formula}
                      {t.colon}
                      {f.formula}
                    </Text>
                  ) : null}
                  <Text className={styles.message}>{lang === "zh" ? f.message : f.messageEn}</Text>
                </button>
                {onReview ? (
                  <div className={styles.review} data-testid="review">
                    <Select
                      size="small"
                      className={styles.reviewSelect}
                      aria-label={`${t.reviewStatus} ${f.cell}`}
                      value={review(f).status}
                      disabled={busy}
                      onChange={(_, d) => onReview(f, d.value as ReviewStatus, review(f).reason)}
                      data-testid="review-status"
                    >
                      {REVIEW_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {t[`status${s}` as StringKey]}
                        </option>
                      ))}
                    </Select>
                    <Input
                      size="small"
                      className={styles.reviewReason}
                      aria-label={`${t.reviewReason} ${f.cell}`}
                      placeholder={t.reviewReason}
                      defaultValue={review(f).reason}
                      disabled={busy}
                      onBlur={(e) => {
                        const reason = e.currentTarget.value.trim();
                        if (reason !== review(f).reason) onReview(f, review(f).status, reason);
                      }}
                      onKeyDown={(e) => {
                        if (e.key === "Enter") e.currentTarget.blur();
                      }}
                      data-testid="review-reason"
                    />
                  </div>
                ) : null}
                <details className={styles.explain} data-testid="rule-explain">
                  <summary>{t.ruleExplain}</summary>
                  <Text className={styles.message}>{RULES[f.rule].what[lang]}</Text>
                  <Text className={styles.formula}>
                    {t.ruleSource}
                    {RULES[f.rule].source}
                  </Text>
                </details>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
