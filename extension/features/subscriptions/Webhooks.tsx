import { useEffect, useRef, useState } from "preact/hooks";
import type { Delivery, Webhook, WebhookEvent, WebhookFormat, WebhookPolicy, WebhookUrlRefusal } from "../../../shared/schemas";
import type { MessageKey } from "../../../shared/i18n";
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS } from "../../../shared/vocabulary";
import { maskWebhookSecrets } from "../../../shared/webhook-url";
import { ApiError, isAbort } from "../../lib/api-error";
import { Confirm } from "../../components/Confirm";
import { CopyField } from "../../components/CopyField";
import { formatDate } from "../../lib/format";
import { describeError, useSession, type Translate } from "../context";
import { ErrorState, StateMessage } from "../../components/StateMessage";

const eventKey = (event: WebhookEvent) => `webhooks.event.${event}` as MessageKey;
const formatKey = (format: WebhookFormat) => `webhooks.format.${format}` as MessageKey;
/** While a delivery waits for its next try, the open log looks again this often. */
const PENDING_POLL_MS = 3000;

type School = { id: string; name: string };
type ListState = { status: "loading" } | { status: "error"; error: unknown } | { status: "ready"; webhooks: Webhook[]; policy: WebhookPolicy };

/** Teams or JSON webhooks of a school: list, register (the secret shown once), delete, and each one's delivery log. */
export function Webhooks({ school }: { school: School }) {
  const { t, api } = useSession();
  const [state, setState] = useState<ListState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [created, setCreated] = useState<{ webhook: Webhook; secret: string } | null>(null);
  const headingId = `webhooks-${school.id}`;

  useEffect(() => {
    const ctl = new AbortController();
    setState({ status: "loading" });
    api.webhooks(school.id, ctl.signal).then(
      ({ webhooks, policy }) => setState({ status: "ready", webhooks, policy }),
      (error) => !isAbort(error) && setState({ status: "error", error }),
    );
    return () => ctl.abort();
  }, [api, school.id, attempt]);

  const webhooks = state.status === "ready" ? state.webhooks : [];
  return (
    <section class="delivery-section" aria-labelledby={headingId} data-testid="webhooks">
      <h3 id={headingId} class="section-heading">
        {t("webhooks.heading")}
      </h3>
      <p class="hint">{t("webhooks.intro")}</p>
      {state.status === "loading" && <p class="hint">{t("common.loading")}</p>}
      {state.status === "error" && <ErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} testId="webhooks-error" />}
      {created && <SecretNotice schoolId={school.id} created={created} onDone={() => setCreated(null)} />}
      {state.status === "ready" && webhooks.length === 0 && !created && (
        <StateMessage tone="empty" title={t("webhooks.emptyTitle")} testId="webhooks-empty">
          <p>{t("webhooks.empty")}</p>
        </StateMessage>
      )}
      {webhooks.length > 0 && (
        <ul class="webhook-list" data-testid="webhook-list">
          {webhooks.map((webhook) => (
            <WebhookCard
              key={webhook.id}
              school={school}
              webhook={webhook}
              onDeleted={() => state.status === "ready" && setState({ ...state, webhooks: state.webhooks.filter((w) => w.id !== webhook.id) })}
            />
          ))}
        </ul>
      )}
      {state.status === "ready" && (
        <WebhookForm
          school={school}
          policy={state.policy}
          onCreated={(result) => {
            setState({ ...state, webhooks: [result.webhook, ...webhooks] });
            setCreated(result);
          }}
        />
      )}
    </section>
  );
}

function SecretNotice({ schoolId, created, onDone }: { schoolId: string; created: { webhook: Webhook; secret: string }; onDone(): void }) {
  const { t } = useSession();
  const heading = useRef<HTMLParagraphElement>(null);
  useEffect(() => heading.current?.focus(), [created.webhook.id]);
  return (
    <div class="notice warn secret" data-testid="webhook-secret">
      <p class="state-title" ref={heading} tabIndex={-1}>
        <strong>{t("webhooks.secretTitle")}</strong>
      </p>
      <p>
        <code class="url">{maskWebhookSecrets(created.webhook.url)}</code>
      </p>
      <CopyField id={`webhook-${schoolId}-secret`} label={t("webhooks.secretLabel")} value={created.secret} testId="webhook-secret-value" />
      <p role="alert">{t("webhooks.secretWarning")}</p>
      <div class="row">
        <button type="button" class="button" onClick={onDone}>
          {t("webhooks.secretDone")}
        </button>
      </div>
    </div>
  );
}

type FieldErrors = { url?: string; events?: string; form?: string };

function WebhookForm({ school, policy, onCreated }: { school: School; policy: WebhookPolicy; onCreated(result: { webhook: Webhook; secret: string }): void }) {
  const { t, api, announce } = useSession();
  const [url, setUrl] = useState("");
  const [format, setFormat] = useState<WebhookFormat>("teams");
  const [events, setEvents] = useState<WebhookEvent[]>([...WEBHOOK_EVENTS]);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const urlField = useRef<HTMLInputElement>(null);
  const prefix = `webhook-${school.id}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    const address = url.trim();
    const found: FieldErrors = {};
    if (!address) found.url = t("webhooks.urlRequired");
    else if (!/^https?:\/\/[^\s/]+/i.test(address)) found.url = t("webhooks.invalidUrl");
    if (events.length === 0) found.events = t("webhooks.eventsRequired");
    setErrors(found);
    if (found.url || found.events) {
      if (found.url) urlField.current?.focus();
      else document.getElementById(`${prefix}-event-${WEBHOOK_EVENTS[0].replace(".", "-")}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await api.createWebhook(school.id, { url: address, format, events });
      setUrl("");
      setEvents([...WEBHOOK_EVENTS]);
      announce(t("webhooks.secretTitle"));
      onCreated(result);
    } catch (error) {
      const next = webhookError(error, t);
      setErrors(next);
      if (next.url) urlField.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card webhook-form" onSubmit={submit} noValidate aria-labelledby={`${prefix}-new`} data-testid="webhook-form">
      <h4 id={`${prefix}-new`}>{t("webhooks.new")}</h4>
      <div class="field">
        <label for={`${prefix}-url`}>{t("webhooks.url")}</label>
        <input
          id={`${prefix}-url`}
          ref={urlField}
          type="url"
          inputMode="url"
          autocomplete="off"
          spellcheck={false}
          placeholder="https://"
          value={url}
          aria-invalid={!!errors.url}
          aria-describedby={`${prefix}-url-hint${errors.url ? ` ${prefix}-url-error` : ""}`}
          onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
        />
        <p class="hint" id={`${prefix}-url-hint`} data-testid="webhook-url-hint">
          {policy.httpAllowedHosts.length > 0 ? t("webhooks.urlHintHttp", { hosts: policy.httpAllowedHosts.join(", ") }) : t("webhooks.urlHint")}
        </p>
        {errors.url && (
          <p class="notice error" role="alert" id={`${prefix}-url-error`} data-testid="webhook-url-error">
            {errors.url}
          </p>
        )}
      </div>
      <fieldset class="field">
        <legend>{t("webhooks.format")}</legend>
        {WEBHOOK_FORMATS.map((option) => (
          <label class="check" key={option}>
            <input type="radio" name={`${prefix}-format`} value={option} checked={format === option} onChange={() => setFormat(option)} />
            <span>{t(formatKey(option))}</span>
          </label>
        ))}
        {format === "teams" && <p class="hint">{t("webhooks.teamsHint")}</p>}
      </fieldset>
      <fieldset class="field" aria-describedby={errors.events ? `${prefix}-events-error` : undefined}>
        <legend>{t("webhooks.events")}</legend>
        {WEBHOOK_EVENTS.map((option) => (
          <label class="check" key={option}>
            <input
              id={`${prefix}-event-${option.replace(".", "-")}`}
              type="checkbox"
              checked={events.includes(option)}
              onChange={() => setEvents(events.includes(option) ? events.filter((e) => e !== option) : WEBHOOK_EVENTS.filter((e) => e === option || events.includes(e)))}
            />
            <span>{t(eventKey(option))}</span>
          </label>
        ))}
        {errors.events && (
          <p class="notice error" role="alert" id={`${prefix}-events-error`}>
            {errors.events}
          </p>
        )}
      </fieldset>
      {errors.form && (
        <p class="notice error" role="alert" data-testid="webhook-error">
          {errors.form}
        </p>
      )}
      <div class="row">
        <button type="submit" class="button" disabled={busy}>
          {busy ? t("webhooks.adding") : t("webhooks.add")}
        </button>
      </div>
    </form>
  );
}

/** Why the server refused an address (the `url` issue's code), in the person's language; the server's message is English. */
const REFUSALS: Record<WebhookUrlRefusal, MessageKey> = {
  invalid_url: "webhooks.invalidUrl",
  https_required: "webhooks.refused.https_required",
  credentials: "webhooks.refused.credentials",
  internal_address: "webhooks.refused",
  unresolvable: "webhooks.refused.unresolvable",
};

/** Registration refusals in words a coordinator can act on; the address problems stay beside the address field. */
function webhookError(error: unknown, t: Translate): FieldErrors {
  if (error instanceof ApiError) {
    const issues = Array.isArray(error.body?.issues) ? (error.body.issues as { path?: unknown[]; code?: unknown }[]) : [];
    if (error.code === "webhook_url_refused") {
      const reason = issues.find((issue) => issue.path?.[0] === "url")?.code;
      return { url: t(typeof reason === "string" && Object.hasOwn(REFUSALS, reason) ? REFUSALS[reason as WebhookUrlRefusal] : "webhooks.refused") };
    }
    if (error.code === "too_many_webhooks") return { form: t("webhooks.tooMany") };
    if (error.status === 400 && issues.some((issue) => issue.path?.[0] === "url")) return { url: t("webhooks.invalidUrl") };
  }
  return { form: describeError(error, t) };
}

function WebhookCard({ school, webhook, onDeleted }: { school: School; webhook: Webhook; onDeleted(): void }) {
  const { t, api, language, announce } = useSession();
  const [mode, setMode] = useState<"view" | "confirm" | "busy">("view");
  const [error, setError] = useState<string | null>(null);
  const [logOpen, setLogOpen] = useState(false);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const titleId = `webhook-${webhook.id}-title`;

  const remove = async () => {
    setMode("busy");
    setError(null);
    try {
      await api.deleteWebhook(school.id, webhook.id);
      announce(t("webhooks.deleted"));
      onDeleted();
    } catch (err) {
      setMode("confirm");
      setError(describeError(err, t));
    }
  };

  return (
    <li class="card webhook" data-testid="webhook" data-webhook={webhook.id}>
      <p class="card-title" id={titleId}>
        <code class="url">{maskWebhookSecrets(webhook.url)}</code>
      </p>
      <p class="card-meta">
        <span class="badge">{t(formatKey(webhook.format))}</span>
        <span>{webhook.events.map((e) => t(eventKey(e))).join(" · ")}</span>
      </p>
      <p class="hint">{t("webhooks.createdAt", { date: formatDate(language, webhook.createdAt) })}</p>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {mode === "view" ? (
        <div class="card-actions">
          <button type="button" class="small-button" ref={deleteButton} aria-describedby={titleId} onClick={() => setMode("confirm")}>
            {t("webhooks.delete")}
          </button>
        </div>
      ) : (
        <Confirm
          yes={t("webhooks.deleteYes")}
          busy={mode === "busy"}
          onYes={() => void remove()}
          onCancel={() => {
            setMode("view");
            setError(null);
            setTimeout(() => deleteButton.current?.focus(), 0);
          }}
          testId="webhook-delete-confirm"
        >
          {t("webhooks.deleteConfirm")}
        </Confirm>
      )}
      <details class="delivery-log" onToggle={(e) => setLogOpen((e.target as HTMLDetailsElement).open)}>
        <summary>{t("webhooks.log")}</summary>
        {logOpen && <DeliveryLog school={school} webhook={webhook} />}
      </details>
    </li>
  );
}

const statusKey = (status: Delivery["status"]) => `webhooks.status.${status}` as MessageKey;

/** Deliveries per page of the log; a refresh reloads as many as are shown, up to the API's maximum. */
const LOG_PAGE = 20;
const LOG_MAX_PAGE = 100;

type LogState =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  | { status: "ready"; deliveries: Delivery[]; nextCursor: string | null; more: "idle" | "loading" | "error" };

function DeliveryLog({ school, webhook }: { school: School; webhook: Webhook }) {
  const { t, api, language } = useSession();
  const [state, setState] = useState<LogState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [refreshing, setRefreshing] = useState(false);
  // How many the coordinator has paged in: a refresh (or the poll for a pending delivery) keeps them.
  const shown = useRef(LOG_PAGE);
  // Which load the log shows: an older page that arrives after a refresh began belongs to the old list.
  const generation = useRef(0);

  useEffect(() => {
    generation.current++;
    const ctl = new AbortController();
    setRefreshing(true);
    setState((s) => (s.status === "ready" ? s : { status: "loading" }));
    const limit = Math.min(LOG_MAX_PAGE, Math.max(LOG_PAGE, shown.current));
    api.deliveries(school.id, webhook.id, { limit }, ctl.signal).then(
      (page) => {
        shown.current = page.list.length;
        setState({ status: "ready", deliveries: page.list, nextCursor: page.nextCursor, more: "idle" });
        setRefreshing(false);
      },
      (error) => {
        if (isAbort(error)) return;
        setState({ status: "error", error });
        setRefreshing(false);
      },
    );
    return () => ctl.abort();
  }, [api, school.id, webhook.id, attempt]);

  const loadMore = async () => {
    if (state.status !== "ready" || !state.nextCursor || state.more === "loading") return;
    const cursor = state.nextCursor;
    const started = generation.current;
    setState({ ...state, more: "loading" });
    try {
      const page = await api.deliveries(school.id, webhook.id, { limit: LOG_PAGE, cursor });
      setState((s) => {
        if (s.status !== "ready") return s;
        if (generation.current !== started) return { ...s, more: "idle" };
        const known = new Set(s.deliveries.map((d) => d.id));
        const deliveries = [...s.deliveries, ...page.list.filter((d) => !known.has(d.id))];
        shown.current = deliveries.length;
        return { status: "ready", deliveries, nextCursor: page.nextCursor, more: "idle" };
      });
    } catch {
      setState((s) => (s.status === "ready" ? { ...s, more: generation.current === started ? "error" : "idle" } : s));
    }
  };

  // A delivery still waiting: look again shortly, so "Afgeleverd" appears without a click.
  // Not while older deliveries are loading: the refresh would replace the list they extend.
  const pending = state.status === "ready" && state.more !== "loading" && state.deliveries.some((d) => d.status === "pending");
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setAttempt((n) => n + 1), PENDING_POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, state]);

  if (state.status === "loading") return <p class="hint">{t("common.loading")}</p>;
  if (state.status === "error") return <ErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} testId="deliveries-error" />;
  return (
    <div data-testid="delivery-log" aria-busy={refreshing}>
      <div class="row">
        <button type="button" class="small-button" disabled={refreshing} onClick={() => setAttempt((n) => n + 1)}>
          {t("common.refresh")}
          <span class="visually-hidden"> {t("webhooks.logCaption", { url: maskWebhookSecrets(webhook.url) })}</span>
        </button>
      </div>
      {state.deliveries.length === 0 ? (
        <p class="hint" data-testid="deliveries-empty">
          {t("webhooks.logEmpty")}
        </p>
      ) : (
        <ul class="delivery-list" aria-label={t("webhooks.logCaption", { url: maskWebhookSecrets(webhook.url) })}>
          {state.deliveries.map((delivery) => (
            <li key={delivery.id} class="delivery" data-testid="delivery" data-status={delivery.status}>
              <p class="delivery-head">
                <strong>{t(eventKey(delivery.event))}</strong>
                <span class={`badge ${delivery.status === "failed" ? "error" : delivery.status === "pending" ? "warn" : ""}`}>{t(statusKey(delivery.status))}</span>
              </p>
              <dl class="times">
                <dt>{t("webhooks.col.attempts")}</dt>
                <dd>{delivery.attempts}</dd>
                <dt>{t("webhooks.col.code")}</dt>
                <dd>{delivery.lastStatusCode ?? t("webhooks.noCode")}</dd>
                <dt>{t("webhooks.col.time")}</dt>
                <dd>{formatDate(language, delivery.deliveredAt ?? delivery.attemptLog.at(-1)?.at ?? delivery.createdAt, true)}</dd>
              </dl>
              {delivery.lastError && delivery.status !== "delivered" && <p class="hint">{delivery.lastError}</p>}
            </li>
          ))}
        </ul>
      )}
      {state.nextCursor && (
        <div class="row">
          <button type="button" class="button secondary" disabled={state.more === "loading" || refreshing} onClick={() => void loadMore()} data-testid="deliveries-more">
            {state.more === "loading" ? t("common.loading") : t("webhooks.logMore")}
          </button>
          {state.more === "error" && (
            <p class="notice error" role="alert">
              {t("webhooks.logMoreFailed")}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
