/**
 * "Vragen": leervragen for each role in one tab. A teacher asks and follows their own questions; a school
 * member sees the school's; a broker works through the open ones; brokers and administrators see the
 * network overview. Which views a person gets follows what the API lets them read (services/questions/access.ts).
 */
import { useEffect, useState } from "preact/hooks";
import type { Question } from "../../../shared/schemas";
import { ErrorState, StateMessage } from "../../components/StateMessage";
import type { QuestionListQuery } from "../../lib/api";
import { isAbort } from "../../lib/api-error";
import { formatDate } from "../../lib/format";
import { useSession } from "../context";
import { AskForm } from "./AskForm";
import { QuestionDetail } from "./QuestionDetail";
import { questionStateKey, stateBadge, useQuestionText } from "./question-text";
import { QuestionStats } from "./QuestionStats";

type View = { kind: "mine" } | { kind: "school"; schoolId: string } | { kind: "open" } | { kind: "stats" };
const viewKey = (view: View) => (view.kind === "school" ? `school:${view.schoolId}` : view.kind);

export function Questions() {
  const { session } = useSession();
  const t = useQuestionText();
  const isBroker = session.user.roles.includes("broker");
  const seesStats = isBroker || session.user.roles.includes("admin");
  const views: { view: View; label: string }[] = [
    ...(isBroker ? [{ view: { kind: "open" } as View, label: t("questions.view.open") }] : []),
    { view: { kind: "mine" }, label: t("questions.view.mine") },
    ...session.schools.map((school) => ({ view: { kind: "school", schoolId: school.id } as View, label: t("questions.view.school", { school: school.name }) })),
    ...(seesStats ? [{ view: { kind: "stats" } as View, label: t("questions.view.stats") }] : []),
  ];
  const [view, setView] = useState<View>(views[0]!.view);
  const [asking, setAsking] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  // A new list after asking or acting, so states and counts are the server's.
  const [revision, setRevision] = useState(0);

  if (openId) {
    return (
      <div class="questions">
        <QuestionDetail
          questionId={openId}
          onBack={() => {
            setOpenId(null);
            setRevision((n) => n + 1);
          }}
        />
      </div>
    );
  }

  return (
    <div class="questions" data-testid="questions">
      <p class="hint">{t("questions.intro")}</p>
      {asking ? (
        <AskForm
          onCancel={() => setAsking(false)}
          onAsked={(question) => {
            setAsking(false);
            setView({ kind: "mine" });
            setRevision((n) => n + 1);
            if (question.status !== "closed") setOpenId(question.id);
          }}
        />
      ) : (
        <div class="row">
          <button type="button" class="button" onClick={() => setAsking(true)}>
            {t("questions.ask.open")}
          </button>
        </div>
      )}
      {views.length > 1 && (
        <div class="field">
          <label for="questions-view">{t("questions.view.label")}</label>
          <select
            id="questions-view"
            value={viewKey(view)}
            onChange={(e) => setView(views.find((v) => viewKey(v.view) === (e.target as HTMLSelectElement).value)!.view)}
          >
            {views.map((v) => (
              <option key={viewKey(v.view)} value={viewKey(v.view)}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {view.kind === "stats" ? (
        <QuestionStats />
      ) : (
        <QuestionList key={`${viewKey(view)}:${revision}`} view={view} label={views.find((v) => viewKey(v.view) === viewKey(view))?.label ?? ""} onOpen={setOpenId} />
      )}
    </div>
  );
}

type ListState = { status: "loading" } | { status: "error"; error: unknown } | { status: "ready"; questions: Question[]; nextCursor: string | null; more: "idle" | "loading" | "error" };

function QuestionList({ view, label, onOpen }: { view: Exclude<View, { kind: "stats" }>; label: string; onOpen(id: string): void }) {
  const { api, themes, language } = useSession();
  const t = useQuestionText();
  const [state, setState] = useState<ListState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState<"" | "open" | "claimed" | "answered" | "closed" | "mine">(view.kind === "open" ? "open" : "");
  const [theme, setTheme] = useState("");
  const [schoolId, setSchoolId] = useState("");
  const [schools, setSchools] = useState<{ id: string; name: string }[]>([]);
  const broker = view.kind === "open";

  useEffect(() => {
    if (!broker) return;
    const ctl = new AbortController();
    api.schools(ctl.signal).then(setSchools, () => undefined);
    return () => ctl.abort();
  }, [api, broker]);

  const query: QuestionListQuery =
    view.kind === "mine"
      ? { mine: "asked" }
      : view.kind === "school"
        ? { schoolId: view.schoolId }
        : {
            status: status === "" || status === "mine" ? undefined : status,
            mine: status === "mine" ? "claimed" : undefined,
            theme: theme || undefined,
            schoolId: schoolId || undefined,
          };
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    const ctl = new AbortController();
    setState({ status: "loading" });
    api.questions(query, null, ctl.signal).then(
      (page) => setState({ status: "ready", questions: page.list, nextCursor: page.nextCursor, more: "idle" }),
      (error) => !isAbort(error) && setState({ status: "error", error }),
    );
    return () => ctl.abort();
  }, [api, queryKey, attempt]);

  const loadMore = async () => {
    if (state.status !== "ready" || !state.nextCursor) return;
    setState({ ...state, more: "loading" });
    try {
      const page = await api.questions(query, state.nextCursor);
      setState({ status: "ready", questions: [...state.questions, ...page.list], nextCursor: page.nextCursor, more: "idle" });
    } catch {
      setState({ ...state, more: "error" });
    }
  };

  return (
    <section aria-labelledby="questions-list-heading" data-testid="question-list">
      <h2 id="questions-list-heading" class="visually-hidden">
        {label}
      </h2>
      {broker && (
        <div class="row wrap question-filters">
          <div class="field">
            <label for="questions-status">{t("questions.status.label")}</label>
            <select id="questions-status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value as typeof status)}>
              <option value="">{t("questions.status.any")}</option>
              <option value="open">{t("questions.status.open")}</option>
              <option value="claimed">{t("questions.status.claimed")}</option>
              <option value="mine">{t("questions.status.mineClaimed")}</option>
              <option value="answered">{t("questions.status.answered")}</option>
              <option value="closed">{t("questions.status.closed")}</option>
            </select>
          </div>
          <div class="field">
            <label for="questions-theme">{t("questions.filter.theme")}</label>
            <select id="questions-theme" value={theme} onChange={(e) => setTheme((e.target as HTMLSelectElement).value)}>
              <option value="">{t("questions.filter.anyTheme")}</option>
              {themes.map((th) => (
                <option key={th.slug} value={th.slug}>
                  {th.parent ? `– ${th.name[language]}` : th.name[language]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="questions-school">{t("questions.filter.school")}</label>
            <select id="questions-school" value={schoolId} onChange={(e) => setSchoolId((e.target as HTMLSelectElement).value)}>
              <option value="">{t("questions.filter.anySchool")}</option>
              {schools.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      {state.status === "loading" && <p class="hint">{t("common.loading")}</p>}
      {state.status === "error" && <ErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} testId="questions-error" />}
      {state.status === "ready" && state.questions.length === 0 && (
        <StateMessage tone="empty" title={view.kind === "mine" ? t("questions.list.emptyMine") : t("questions.list.empty")} testId="questions-empty" />
      )}
      {state.status === "ready" && state.questions.length > 0 && (
        <ul class="question-list" aria-label={t("questions.list.count", { count: state.questions.length })}>
          {state.questions.map((question) => (
            <li key={question.id}>
              <QuestionCard question={question} onOpen={() => onOpen(question.id)} language={language} />
            </li>
          ))}
        </ul>
      )}
      {state.status === "ready" && state.nextCursor && (
        <div class="more">
          <button type="button" class="button secondary" disabled={state.more === "loading"} onClick={() => void loadMore()}>
            {state.more === "error" ? t("common.retry") : t("library.loadMore")}
          </button>
        </div>
      )}
    </section>
  );
}

function QuestionCard({ question, onOpen, language }: { question: Question; onOpen(): void; language: string }) {
  const { themeName } = useSession();
  const t = useQuestionText();
  const titleId = `question-${question.id}-title`;
  return (
    <article class="card question-card" aria-labelledby={titleId} data-testid="question-card" data-status={question.status}>
      <p class="card-meta">
        <span class={stateBadge(question)} data-testid="question-state">
          {t(questionStateKey(question))}
        </span>
        {question.school && <span>{question.school.name}</span>}
        <span>{t("questions.list.askedBy", { name: question.askedBy.name, date: formatDate(language, question.createdAt) })}</span>
      </p>
      <h3 class="card-title" id={titleId}>
        <button type="button" class="link-button" onClick={onOpen}>
          {question.question}
        </button>
      </h3>
      {question.themes.length > 0 && (
        <ul class="chips tags" aria-label={t("questions.ask.themes")}>
          {question.themes.map((slug) => (
            <li class="chip" key={slug}>
              {themeName(slug)}
            </li>
          ))}
        </ul>
      )}
      {question.commentCount > 0 && <p class="hint">{t("questions.list.comments", { count: question.commentCount })}</p>}
    </article>
  );
}
