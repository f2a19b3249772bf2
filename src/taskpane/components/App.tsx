import * as React from "react";
import { Button, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { selectionOf, type ProfileChoice, type ProfileChoiceStore } from "../../excel/profileChoice";
import type { ExcelHost } from "../../excel/run";
import type { Finding } from "../../rules/types";
import type { Session, SessionState } from "../session";
import type { Strings } from "../i18n/strings";
import { FindingsList } from "./FindingsList";
import { ProfilePicker } from "./ProfilePicker";
import { StatusMessages } from "./StatusMessages";
import { Summary } from "./Summary";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM },
  header: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  actions: { display: "flex", columnGap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
});

export interface AppProps {
  /** Excel operations (Office.js in Excel, a simulated host in tests). */
  host: ExcelHost;
  /** State shared with the ribbon command. */
  session: Session;
  /** The remembered scoring-profile choice (document settings in Excel). */
  choices: ProfileChoiceStore;
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
export function App({ host, session, choices, lang, t }: AppProps): React.ReactElement {
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

  const validate = () => session.run(async () => ({ validation: await host.validate(selectionOf(choice)) }));
  const validateWorkbook = () =>
    session.run(async () => ({ validation: await host.validate(selectionOf(choice), "workbook") }));
  const clear = () =>
    session.run(async () => {
      const r = await host.clear(state.validation?.sheets ? "workbook" : "sheet");
      if (r.status === "protected") return { error: t.clearProtected };
      return { cleared: r.restored, validation: null };
    });
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
        {state.busy ? <Spinner size="tiny" label={t.validating} /> : null}
      </div>
      <StatusMessages state={state} t={t} />
      {v?.result?.status === "ok" ? (
        <>
          <Summary validation={v} lang={lang} t={t} />
          <FindingsList tables={v.result.tables} findings={v.result.findings} lang={lang} t={t} onSelect={select} />
        </>
      ) : null}
    </main>
  );
}
