import * as React from "react";
import { Field, Select, makeStyles, tokens } from "@fluentui/react-components";
import { editorChoices, type ProfileChoice } from "../../excel/profileChoice";
import {
  CHOICE_OPTIONS,
  DIMENSIONS,
  DIMENSION_NAMES,
  NATIONAL,
  PROFILES,
  strictLabel,
  type Dimension,
} from "../../rules/profiles";
import type { Strings } from "../i18n/strings";

const useStyles = makeStyles({
  custom: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, paddingInline: tokens.spacingHorizontalXS },
  // A long option must not widen the pane (no horizontal scroll at 320 px).
  fit: { maxWidth: "100%", minWidth: 0, "& select": { maxWidth: "100%", textOverflow: "ellipsis" } },
});

export interface ProfilePickerProps {
  choice: ProfileChoice;
  onChange: (choice: ProfileChoice) => void;
  disabled?: boolean;
  lang: "zh" | "en";
  t: Strings;
}

function modeValue(c: ProfileChoice): string {
  return c.mode === "preset" ? `preset:${c.id}` : c.mode;
}

/** auto, the presets, or a custom profile with one dropdown per rule. */
export function ProfilePicker({ choice, onChange, disabled, lang, t }: ProfilePickerProps): React.ReactElement {
  const styles = useStyles();
  const pick = (value: string) => {
    if (value === "auto") onChange({ mode: "auto" });
    else if (value === "custom") onChange({ mode: "custom", choices: editorChoices(choice) });
    else onChange({ mode: "preset", id: value.slice("preset:".length) });
  };
  const setRule = (d: Dimension, key: string) => {
    if (choice.mode !== "custom") return;
    onChange({ mode: "custom", choices: { ...choice.choices, [d]: key } });
  };
  return (
    <>
      <Field label={t.profile} hint={t.profileHint}>
        <Select
          className={styles.fit}
          value={modeValue(choice)}
          onChange={(_, d) => pick(d.value)}
          disabled={disabled}
          data-testid="profile-select"
        >
          <option value="auto">{t.profileAuto}</option>
          {Object.values(PROFILES).map((p) => (
            <option key={p.id} value={`preset:${p.id}`}>
              {p.name[lang]}
            </option>
          ))}
          <option value={`preset:${NATIONAL.id}-strict`}>{strictLabel(NATIONAL)[lang]}</option>
          <option value="custom">{t.profileCustom}</option>
        </Select>
      </Field>
      {choice.mode === "custom" ? (
        <fieldset className={styles.custom} data-testid="profile-custom">
          <legend className={styles.legend}>{t.profileCustomTitle}</legend>
          {DIMENSIONS.map((d) => (
            <Field key={d} label={DIMENSION_NAMES[d][lang]}>
              <Select
                className={styles.fit}
                value={choice.choices[d]}
                onChange={(_, v) => setRule(d, v.value)}
                disabled={disabled}
                data-testid={`profile-rule-${d}`}
              >
                {CHOICE_OPTIONS[d].map((o) => (
                  <option key={o.key} value={o.key}>
                    {o.name[lang]}
                  </option>
                ))}
              </Select>
            </Field>
          ))}
        </fieldset>
      ) : null}
    </>
  );
}
