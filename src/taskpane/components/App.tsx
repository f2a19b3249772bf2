import * as React from "react";
import { Button, Field, ProgressBar, Text, makeStyles, tokens } from "@fluentui/react-components";
import { selectionOf, type ProfileChoice, type ProfileChoiceStore } from "../../excel/profileChoice";
import { withLayout, type LayoutStore } from "../../excel/layoutStore";
import type { SavedLayout } from "../../tables/layouts";
import type { TableReport } from "../../tables/validate";
import { findingLabel, keyedFindings, type ReviewStatus } from "../../tables/workingPaper";
import type { ExcelHost } from "../../excel/run";
import { missingFeatures, type MissingFeature } from "../../excel/capabilities";
import type { Finding } from "../../rules/types";
import type { Session, SessionState } from "../session";
import type { StringKey, Strings } from "../i18n/strings";
import { EmptyState } from "./EmptyState";
import { ALL_FINDINGS, FindingsFilter, type FindingsFilterValue } from "./FindingsFilter";
import { FindingsList } from "./FindingsList";
import { MapColumns } from "./MapColumns";
import { SavedLayouts } from "./SavedLayouts";
import { ProfilePicker } from "./ProfilePicker";
import { StatusMessages } from "./StatusMessages";
import { Summary } from "./Summary";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
  },
  header: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  legend: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
  },
  actions: {
    display: "flex",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    alignItems: "center",
    flexWrap: "wrap",
  },
});

/** True once `busy` has lasted longer than `ms`: the progress bar is shown only for runs over 300 ms. */
function useDelayed(busy: boolean, ms = 300): boolean {
  const [late, setLate] = React.useState(false);
  React.useEffect(() => {
    if (!busy) {
      setLate(false);
      return;
    }
    const timer = setTimeout(() => setLate(true), ms);
    return () => clearTimeout(timer);
  }, [busy, ms]);
  return late;
}

/** The notice's text of each missing feature. */
const MISSING_TEXT: Record<MissingFeature, StringKey> = {
  highlight: "missingHighlight",
  notes: "missingNotes",
  explanations: "missingExplanations",
  customFunctions: "missingCustomFunctions",
  mergedAreas: "missingMergedAreas",
};

export interface AppProps {
  /** Excel operations (Office.js in Excel, a simulated host in tests). */
  host: ExcelHost;
  /** State shared with the ribbon command. */
  session: Session;
  /** The remembered scoring-profile choice (document settings in Excel). */
  choices: ProfileChoiceStore;
  /** The saved layouts (指定列 mappings) of the workbook (document settings in Excel). */
  layouts: LayoutStore;
  /** UI language and its strings. */
  lang: "zh" | "en";
  t: Strings;
}

function useSession(session: Session): SessionState {
  const [state, setState] = React.useState(session.get());
  React.useEffect(() => session.subscribe(setState), [session]);
  return state;
}

/** The task pane: Validate, Clear, the summary and the findings list. */
export function App({ host, session, choices, layouts, lang, t }: AppProps): React.ReactElement {
  const styles = useStyles();
  const state = useSession(session);
  const [choice, setChoice] = React.useState<ProfileChoice>(() => choices.load());
  const [saveError, setSaveError] = React.useState<string | null>(null);
  const changeProfile = (c: ProfileChoice) => {
    setChoice(c);
    choices.save(c).then(
      () => setSaveError(null),
      (e: Error) => {
        console.error("disclosure-check: could not save the profile choice", e);
        setSaveError(e.message);
      },
    );
  };

  const [saved, setSaved] = React.useState<SavedLayout[]>(() => layouts.load());
  const [mapping, setMapping] = React.useState<TableReport | null>(null);
  const [layoutError, setLayoutError] = React.useState<string | null>(null);
  const validateWith = (scope: "sheet" | "workbook", applied: SavedLayout[]) =>
    session.run(async () => ({ validation: await host.validate(selectionOf(choice), scope, applied) }));
  const validate = () => validateWith("sheet", saved);
  const validateWorkbook = () => validateWith("workbook", saved);
  const lastScope = (): "sheet" | "workbook" => (state.validation?.sheets ? "workbook" : "sheet");
  const saveLayouts = async (next: SavedLayout[]) => {
    setSaved(next);
    try {
      await layouts.save(next);
      setLayoutError(null);
    } catch (e) {
      console.error("disclosure-check: could not save the layouts", e);
      setLayoutError((e as Error).message);
    }
    await validateWith(lastScope(), next);
  };
  const recheckWith = (draft: SavedLayout[]) =>
    validateWith(lastScope(), [
      ...saved.filter((l) => !draft.some((d) => d.name === l.name && d.part === l.part)),
      ...draft,
    ]);
  const saveDraft = (draft: SavedLayout[]) => {
    let next = saved.filter((l) => !draft.some((d) => d.name === l.name && d.part === l.part));
    for (const d of draft) next = withLayout(next, d);
    setMapping(null);
    void saveLayouts(next);
  };
  const deleteLayout = (l: SavedLayout) =>
    void saveLayouts(saved.filter((x) => !(x.name === l.name && x.part === l.part)));
  const clear = () =>
    session.run(async () => {
      const r = await host.clear(state.validation?.sheets ? "workbook" : "sheet");
      if (r.status === "protected") return { error: t.clearProtected };
      if (r.status === "record-unreadable") return { error: t.warnRecordUnreadable };
      if (r.status === "unsupported") return { error: t.statusUnsupported };
      return { cleared: r.restored, validation: null };
    });
  const insertColumns = (allowShift: boolean) =>
    session.run(async () => ({ columns: await host.insertColumns(selectionOf(choice), allowShift) }));
  const removeColumns = () => session.run(async () => ({ removed: await host.removeColumns() }));
  const exportFindings = () =>
    session.run(async () => {
      const r = state.validation?.result;
      if (!r) return {};
      return { exported: await host.exportFindings(r, state.validation?.sheet.name ?? "", state.validation?.reviews) };
    });
  // Review statuses (复核状态), by the finding's stable key, kept in the workbook's hidden sheet 复核状态.
  const keyOf = React.useMemo(() => {
    const map = new Map<Finding, string>();
    const v0 = state.validation;
    if (v0?.result) keyedFindings([{ sheet: v0.sheet.name, result: v0.result }]).forEach((e) => map.set(e.f, e.key));
    return map;
  }, [state.validation]);
  const reviewOf = (f: Finding): { status: ReviewStatus; reason: string } => {
    const r = state.validation?.reviews?.[keyOf.get(f) ?? ""];
    return r ? { status: r.status, reason: r.reason } : { status: "未复核", reason: "" };
  };
  const setReview = (f: Finding, status: ReviewStatus, reason: string) => {
    const key = keyOf.get(f);
    if (!key) return;
    void session.run(async () => {
      await host.setReviews([{ key, status, reason, at: new Date().toISOString() }]);
      // Validating again applies it: a finding marked 接受 or 误报 is no longer highlighted.
      return { validation: await host.validate(selectionOf(choice), lastScope(), saved) };
    });
  };
  // What this Excel lacks, said once in one line under the title (nothing on a current Excel).
  const missing = React.useMemo(() => missingFeatures(host.capabilities()), [host]);
  const [filter, setFilter] = React.useState<FindingsFilterValue>(ALL_FINDINGS);
  const validation = state.validation;
  React.useEffect(() => setFilter(ALL_FINDINGS), [validation]);
  const slow = useDelayed(state.busy);
  const select = (f: Finding) => {
    const sheet = f.sheet ?? state.validation?.sheet.name ?? "";
    host.select(sheet, f.cell).catch((e) => console.error("disclosure-check: select failed", e));
  };

  const v = state.validation;
  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Text as="h1" size={500} weight="semibold">
          {t.appTitle}
        </Text>
      </header>
      {missing.length > 0 ? (
        <Text size={200} data-testid="missing-features">
          {t.missingFeaturesLead}
          {missing.map((m) => t[MISSING_TEXT[m]]).join(t.listSeparator)}
        </Text>
      ) : null}
      <ProfilePicker choice={choice} onChange={changeProfile} disabled={state.busy} lang={lang} t={t} />
      {saveError ? (
        <Text role="alert" data-testid="profile-save-error">
          {t.profileSaveFailed}
          {saveError}
        </Text>
      ) : null}
      <div className={styles.actions}>
        <Button appearance="primary" onClick={validate} disabled={state.busy} data-testid="validate">
          {t.validate}
        </Button>
        <Button onClick={validateWorkbook} disabled={state.busy} data-testid="validate-workbook">
          {t.validateWorkbook}
        </Button>
        <Button onClick={clear} disabled={state.busy} data-testid="clear">
          {t.clear}
        </Button>
      </div>
      <div className={styles.actions} role="group" aria-label={t.columnsGroup}>
        <Button onClick={() => insertColumns(false)} disabled={state.busy} data-testid="insert-columns">
          {t.insertColumns}
        </Button>
        <Button onClick={removeColumns} disabled={state.busy} data-testid="remove-columns">
          {t.removeColumns}
        </Button>
        <Button
          onClick={exportFindings}
          disabled={state.busy || !v?.result || v.result.findings.length === 0}
          data-testid="export"
        >
          {t.exportFindings}
        </Button>
      </div>
      {slow ? (
        <Field validationMessage={t.working} validationState="none" data-testid="progress">
          <ProgressBar thickness="large" aria-label={t.working} />
        </Field>
      ) : null}
      <StatusMessages
        state={state}
        t={t}
        onConfirmShift={() => insertColumns(true)}
        onCancelShift={() => session.clearNotice()}
      />
      {layoutError ? (
        <Text role="alert" data-testid="layout-save-error">
          {t.layoutSaveFailed}
          {layoutError}
        </Text>
      ) : null}
      {mapping ? (
        <MapColumns
          key={`${mapping.sheet ?? ""}-${mapping.range}`}
          table={mapping}
          saved={saved}
          onRecheck={recheckWith}
          onSave={saveDraft}
          onClose={() => setMapping(null)}
          disabled={state.busy}
          lang={lang}
          t={t}
        />
      ) : null}
      <SavedLayouts layouts={saved} onDelete={deleteLayout} disabled={state.busy} t={t} />
      {!v && !state.busy && !state.error && !state.columns && !state.removed ? <EmptyState t={t} /> : null}
      {v?.result?.status === "ok" ? (
        <>
          <Summary validation={v} lang={lang} t={t} statuses={v.result.findings.map((f) => reviewOf(f).status)} />
          {v.result.findings.length > 0 ? (
            <FindingsFilter
              findings={v.result.findings}
              value={filter}
              onChange={setFilter}
              statusOf={(f) => reviewOf(f).status}
              lang={lang}
              t={t}
            />
          ) : null}
          <FindingsList
            tables={v.result.tables}
            findings={v.result.findings}
            lang={lang}
            t={t}
            onSelect={select}
            filter={filter}
            onMapColumns={setMapping}
            busy={state.busy}
            reviewOf={reviewOf}
            onReview={setReview}
            labelOf={(f) => findingLabel(v.result!, f)}
          />
          <details className={styles.legend} data-testid="legend">
            <summary>{t.legendTitle}</summary>
            <Text>{t.legendColours}</Text>
            <Text>{t.legendSymbols}</Text>
          </details>
        </>
      ) : null}
    </main>
  );
}
