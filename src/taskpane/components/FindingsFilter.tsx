import * as React from "react";
import { Field, Select, ToggleButton, makeStyles, tokens } from "@fluentui/react-components";
import { RULE_TITLES } from "../../rules/checks";
import { CATEGORY_NAMES, type FindingCategory } from "../../rules/categories";
import type { Finding, RuleId, Severity } from "../../rules/types";
import { REVIEW_STATUSES, type ReviewStatus } from "../../tables/workingPaper";
import type { StringKey, Strings } from "../i18n/strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  severities: { display: "flex", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  fit: { maxWidth: "100%", minWidth: 0, "& select": { maxWidth: "100%", textOverflow: "ellipsis" } },
});

/** Which findings the list shows. */
export interface FindingsFilterValue {
  severities: Record<Severity, boolean>;
  /** 计算错误, 口径差异, 缺失, 无法复核: which categories are shown. */
  categories: Record<FindingCategory, boolean>;
  /** A rule id, or "" for every rule. */
  rule: RuleId | "";
  /** A review status (复核状态), or "" for every status. */
  status: ReviewStatus | "";
}

export const ALL_FINDINGS: FindingsFilterValue = {
  severities: { error: true, warning: true, info: true },
  categories: { arithmetic: true, rule: true, missing: true, reading: true },
  rule: "",
  status: "",
};

/** True when a finding (with its review status, 未复核 when none) passes the filter. */
export function passes(f: Finding, filter: FindingsFilterValue, status: ReviewStatus = "未复核"): boolean {
  return (
    filter.severities[f.severity] &&
    filter.categories[f.category] &&
    (filter.rule === "" || f.rule === filter.rule) &&
    (filter.status === "" || status === filter.status)
  );
}

export interface FindingsFilterProps {
  /** Every finding of the validation (the rule list offers only the rules present, with their counts). */
  findings: Finding[];
  value: FindingsFilterValue;
  onChange: (value: FindingsFilterValue) => void;
  /** Each finding's review status (the status list shows the counts). */
  statusOf?: (f: Finding) => ReviewStatus;
  lang: "zh" | "en";
  t: Strings;
}

/** Severity and category toggles (with counts) and a rule dropdown. */
export function FindingsFilter({
  findings,
  value,
  onChange,
  statusOf,
  lang,
  t,
}: FindingsFilterProps): React.ReactElement {
  const styles = useStyles();
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const rules = [...new Set(findings.map((f) => f.rule))];
  const names: Record<Severity, string> = { error: t.severityError, warning: t.severityWarning, info: t.severityInfo };
  return (
    <div className={styles.root} data-testid="filters">
      <Field label={t.filterSeverity}>
        <div className={styles.severities} role="group" aria-label={t.filterSeverity}>
          {(["error", "warning", "info"] as const).map((s) => (
            <ToggleButton
              key={s}
              size="small"
              checked={value.severities[s]}
              appearance={value.severities[s] ? "primary" : "outline"}
              onClick={() => onChange({ ...value, severities: { ...value.severities, [s]: !value.severities[s] } })}
              data-testid={`filter-${s}`}
            >
              {names[s]} {count(s)}
            </ToggleButton>
          ))}
        </div>
      </Field>
      <Field label={t.filterCategory}>
        <div className={styles.severities} role="group" aria-label={t.filterCategory}>
          {(["arithmetic", "rule", "missing", "reading"] as const).map((c) => (
            <ToggleButton
              key={c}
              size="small"
              checked={value.categories[c]}
              appearance={value.categories[c] ? "primary" : "outline"}
              onClick={() => onChange({ ...value, categories: { ...value.categories, [c]: !value.categories[c] } })}
              data-testid={`filter-category-${c}`}
            >
              {CATEGORY_NAMES[c][lang]} {findings.filter((f) => f.category === c).length}
            </ToggleButton>
          ))}
        </div>
      </Field>
      <Field label={t.filterRule}>
        <Select
          className={styles.fit}
          value={value.rule}
          onChange={(_, d) => onChange({ ...value, rule: d.value as RuleId | "" })}
          data-testid="filter-rule"
        >
          <option value="">{t.allRules}</option>
          {rules.map((r) => (
            <option key={r} value={r}>
              {RULE_TITLES[r][lang]} ({findings.filter((f) => f.rule === r).length})
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t.filterStatus}>
        <Select
          className={styles.fit}
          value={value.status}
          onChange={(_, d) => onChange({ ...value, status: d.value as ReviewStatus | "" })}
          data-testid="filter-status"
        >
          <option value="">{t.allStatuses}</option>
          {REVIEW_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t[`status${s}` as StringKey]} ({findings.filter((f) => (statusOf ? statusOf(f) : "未复核") === s).length}
              )
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
