import { useEffect, useState } from "preact/hooks";
import type { QuestionKey } from "../../../shared/i18n/extension/questions/question-screens";
import { ErrorState } from "../../components/StateMessage";
import type { KnooppuntApi } from "../../lib/api";
import { isAbort } from "../../lib/api-error";
import { formatDate } from "../../lib/format";
import { useSession } from "../context";
import { useQuestionText } from "./question-text";

const PERIODS = [30, 90, 365] as const;
const DAY = 24 * 60 * 60 * 1000;

type Stats = Awaited<ReturnType<KnooppuntApi["questionStats"]>>;
type State = { status: "loading" } | { status: "error"; error: unknown } | { status: "ready"; stats: Stats };

/** The network overview per period, for brokers and administrators: how questions were answered and whether it worked. */
export function QuestionStats() {
  const { api, language } = useSession();
  const t = useQuestionText();
  const [days, setDays] = useState<(typeof PERIODS)[number]>(365);
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const ctl = new AbortController();
    setState({ status: "loading" });
    // Up to tomorrow, so a question asked a moment ago is counted.
    const to = new Date(Date.now() + DAY).toISOString().slice(0, 10);
    const from = new Date(Date.now() - days * DAY).toISOString().slice(0, 10);
    api.questionStats({ from, to }, ctl.signal).then(
      (stats) => setState({ status: "ready", stats }),
      (error) => !isAbort(error) && setState({ status: "error", error }),
    );
    return () => ctl.abort();
  }, [api, days, attempt]);

  const rows: [QuestionKey, (s: Stats) => string, string][] = [
    ["questions.stats.asked", (s) => String(s.asked), "asked"],
    ["questions.stats.answered", (s) => String(s.answered), "answered"],
    ["questions.stats.within30", (s) => String(s.answeredWithin30Days), "within30"],
    ["questions.stats.median", (s) => (s.medianDaysToAnswer === null ? t("questions.stats.none") : s.medianDaysToAnswer.toLocaleString(language === "en" ? "en-GB" : "nl-NL")), "median"],
    ["questions.stats.fromExisting", (s) => String(s.answeredFromExistingBundle), "fromExisting"],
    ["questions.stats.followups", (s) => String(s.followupsReturned), "followups"],
    ["questions.stats.workedYes", (s) => String(s.worked.yes), "workedYes"],
    ["questions.stats.workedNo", (s) => String(s.worked.no), "workedNo"],
    ["questions.stats.untested", (s) => String(s.worked.untested), "untested"],
  ];

  return (
    <section aria-labelledby="question-stats-heading" data-testid="question-stats">
      <h2 id="question-stats-heading">{t("questions.stats.heading")}</h2>
      <div class="field">
        <label for="question-stats-period">{t("questions.stats.period")}</label>
        <select id="question-stats-period" value={String(days)} onChange={(e) => setDays(Number((e.target as HTMLSelectElement).value) as (typeof PERIODS)[number])}>
          {PERIODS.map((p) => (
            <option key={p} value={String(p)}>
              {t(`questions.stats.period.${p}` as const satisfies QuestionKey)}
            </option>
          ))}
        </select>
      </div>
      {state.status === "loading" && <p class="hint">{t("common.loading")}</p>}
      {state.status === "error" && <ErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} testId="question-stats-error" />}
      {state.status === "ready" && (
        <>
          <p class="hint">{t("questions.stats.range", { from: formatDate(language, state.stats.from), to: formatDate(language, state.stats.to) })}</p>
          <dl class="question-stats" aria-live="polite">
            {rows.map(([key, value, id]) => (
              <div key={id}>
                <dt>{t(key)}</dt>
                <dd data-testid={`stat-${id}`}>{value(state.stats)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
