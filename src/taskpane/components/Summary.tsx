import * as React from "react";
import { categoryCounts, categoryText } from "../../tables/categoryCounts";
import { Badge, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ExcelValidation } from "../../excel/adapter";
import type { ClaimKind } from "../../rules/narrative";
import { REVIEW_STATUSES, type ReviewStatus } from "../../tables/workingPaper";
import { CLAIM_STRING, type StringKey, type Strings } from "../i18n/strings";

const useStyles = makeStyles({
  root: {
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  label: { color: tokens.colorNeutralForeground3 },
  badges: { display: "flex", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  profiles: { listStyleType: "none", margin: 0, padding: 0, overflowWrap: "anywhere" },
});

export interface SummaryProps {
  /** A finished validation with a result. */
  validation: ExcelValidation;
  /** UI language, for profile names. */
  lang: "zh" | "en";
  /** Strings in the user's language. */
  t: Strings;
  /** Each finding's review status (复核状态), for the counts; absent before statuses are known. */
  statuses?: ReviewStatus[];
}

/** Tables found by kind, checks run, findings by severity, cells highlighted. */
export function Summary({ validation, lang, t, statuses }: SummaryProps): React.ReactElement | null {
  const styles = useStyles();
  const r = validation.result;
  if (!r || r.status !== "ok") return null;
  // Every kind counted apart: 项目, 单位整体, 部门决算 (by table number), 公开说明.
  const projects = r.tables.filter((x) => x.kind === "project-self-evaluation").length;
  const units = r.tables.filter((x) => x.kind === "unit-self-evaluation").length;
  const accounts = r.tables.filter((x) => x.layout === "accounts");
  const narrative = r.tables.filter((x) => x.kind === "narrative").length;
  const kinds = [
    projects ? `${t.kindProject}: ${projects}` : "",
    units ? `${t.kindUnit}: ${units}` : "",
    accounts.length ? `${t.kindAccounts}: ${accounts.length}` : "",
    narrative ? `${t.kindNarrative}: ${narrative}` : "",
  ].filter(Boolean);
  const statusCounts = REVIEW_STATUSES.map((s) => [s, (statuses ?? []).filter((x) => x === s).length] as const).filter(
    ([s, n]) => n > 0 || s === "未复核",
  );
  const inferred = new Map<string, { name: string; tables: number; explained: number; scored: number }>();
  for (const x of r.tables) {
    // Tables without stated scores (部门决算, 公开说明) follow no scoring profile.
    if (!x.inferredProfile) continue;
    const g = inferred.get(x.inferredProfile) ?? {
      name: x.inferredProfileName[lang],
      tables: 0,
      explained: 0,
      scored: 0,
    };
    g.tables++;
    g.explained += x.explainedRows;
    g.scored += x.scoredRows;
    inferred.set(x.inferredProfile, g);
  }
  return (
    <section className={styles.root} aria-label={t.summaryTitle} data-testid="summary">
      <Text className={styles.label}>{validation.sheets ? t.sheetsValidated : t.sheet}</Text>
      <Text weight="semibold" data-testid="sheets-validated">
        {validation.sheets ? validation.sheets.map((x) => x.name).join("、") : validation.sheet.name}
      </Text>
      <Text className={styles.label}>{t.tablesFound}</Text>
      <Text data-testid="tables-found">
        {r.tables.length} ({kinds.join("; ")})
      </Text>
      {r.tables.some((x) => x.claims) ? (
        <>
          <Text className={styles.label}>{t.kindNarrative}</Text>
          <Text data-testid="claims-summary">
            {r.tables
              .filter((x) => x.claims)
              .flatMap((x) => Object.entries(x.claims!))
              .filter(([, c]) => c.found > 0)
              .map(([k, c]) => `${t[CLAIM_STRING[k as ClaimKind]]} ${c.found}${t.claimsDisagree}${c.disagree}`)
              .join(" · ") || t.claimsNone}
          </Text>
        </>
      ) : null}
      <Text className={styles.label}>{t.checksRun}</Text>
      <Text data-testid="checks-run">{r.checks}</Text>
      <Text className={styles.label}>{t.findingsTitle}</Text>
      <div className={styles.badges}>
        <Badge color="danger" appearance="filled" data-testid="count-error">
          {t.severityError} {r.counts.error}
        </Badge>
        <Badge color="warning" appearance="filled" data-testid="count-warning">
          {t.severityWarning} {r.counts.warning}
        </Badge>
        <Badge color="informative" appearance="tint" data-testid="count-info">
          {t.severityInfo} {r.counts.info}
        </Badge>
      </div>
      <Text className={styles.label}>{t.byCategory}</Text>
      <Text data-testid="category-counts">{categoryText(categoryCounts(r.findings), lang)}</Text>
      <Text className={styles.label}>{t.inferredProfiles}</Text>
      <ul className={styles.profiles} data-testid="inferred-profiles">
        {[...inferred.entries()]
          .sort((a, b) => b[1].tables - a[1].tables)
          .map(([id, g]) => (
            <li key={id} data-profile={id}>
              <Text>
                {g.name}
                {t.colon}
                {g.tables} {t.tablesUnit}, {g.explained}/{g.scored} {t.scoresFit}
              </Text>
            </li>
          ))}
      </ul>
      <Text className={styles.label}>{t.highlighted}</Text>
      <Text data-testid="highlighted">{validation.highlighted}</Text>
      {statuses ? (
        <>
          <Text className={styles.label}>{t.reviewStatus}</Text>
          <Text data-testid="review-counts">
            {statusCounts.map(([s, n]) => `${t[`status${s}` as StringKey]} ${n}`).join(" · ")}
            {statusCounts.some(([s, n]) => n > 0 && (s === "误报" || s === "接受（口径合理）"))
              ? ` — ${t.reviewNotHighlighted}`
              : ""}
          </Text>
        </>
      ) : null}
    </section>
  );
}
