import * as React from "react";
import { Field, Select, ToggleButton, makeStyles, tokens } from "@fluentui/react-components";
import { RULE_TITLES } from "../../rules/checks";
import type { Finding, RuleId, Severity } from "../../rules/types";
import type { Strings } from "../i18n/strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  severities: { display: "flex", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/** Which findings the list shows. */
export interface FindingsFilterValue {
  severities: Record<Severity, boolean>;
  /** A rule id, or "" for every rule. */
  rule: RuleId | "";
}

export const ALL_FINDINGS: FindingsFilterValue = { severities: { error: true, warning: true, info: true }, rule: "" };

/** True when a finding passes the filter. */
export function passes(f: Finding, filter: FindingsFilterValue): boolean {
  return filter.severities[f.severity] && (filter.rule === "" || f.rule === filter.rule);
}

export interface FindingsFilterProps {
  /** Every finding of the validation (the rule list offers only the rules present, with their counts). */
  findings: Finding[];
  value: FindingsFilterValue;
  onChange: (value: FindingsFilterValue) => void;
  lang: "zh" | "en";
  t: Strings;
}

/** Severity toggles (with counts) and a rule dropdown. */
export function FindingsFilter({ findings, value, onChange, lang, t }: FindingsFilterProps): React.ReactElement {
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
              onClick={() => onChange({ ...value, severities: { ...value.severities, [s]: !value.severities[s] } })}
              data-testid={`filter-${s}`}
            >
              {names[s]} {count(s)}
            </ToggleButton>
          ))}
        </div>
      </Field>
      <Field label={t.filterRule}>
        <Select
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
    </div>
  );
}
