import { memo } from "../../components/memo";
import { useEffect, useRef, useState } from "preact/hooks";
import type { InboxOffer } from "../../../shared/schemas";
import { isAbort } from "../../lib/api-error";
import { formatDate, offerStatusKey } from "../../lib/format";
import { describeError, useSession } from "../context";
import { ErrorState, StateMessage } from "../../components/StateMessage";

/** "Inbox": bundles offered to the person's schools. Members read; coordinators accept or decline. */
export const Inbox = memo(function Inbox() {
  const { t, session } = useSession();
  return (
    <div class="inbox">
      <p class="hint">{t("inbox.intro")}</p>
      {session.schools.map((school) => (
        <SchoolInbox key={school.id} school={school} showName={session.schools.length > 1} />
      ))}
    </div>
  );
});

type InboxState = { status: "loading" } | { status: "error"; error: unknown } | { status: "ready"; offers: InboxOffer[]; nextCursor: string | null; more: "idle" | "loading" | "error" };

function SchoolInbox({ school, showName }: { school: { id: string; name: string; role: "member" | "coordinator" }; showName: boolean }) {
  const { t, api } = useSession();
  const [state, setState] = useState<InboxState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const coordinator = school.role === "coordinator";
  const headingId = `inbox-${school.id}`;

  useEffect(() => {
    const ctl = new AbortController();
    setState({ status: "loading" });
    api.inbox(school.id, null, ctl.signal).then(
      (page) => setState({ status: "ready", offers: page.list, nextCursor: page.nextCursor, more: "idle" }),
      (error) => !isAbort(error) && setState({ status: "error", error }),
    );
    const online = () => setAttempt((n) => n + 1);
    addEventListener("online", online);
    return () => {
      ctl.abort();
      removeEventListener("online", online);
    };
  }, [api, school.id, attempt]);

  const loadMore = async () => {
    if (state.status !== "ready" || !state.nextCursor) return;
    setState({ ...state, more: "loading" });
    try {
      const page = await api.inbox(school.id, state.nextCursor);
      setState({ status: "ready", offers: [...state.offers, ...page.list], nextCursor: page.nextCursor, more: "idle" });
    } catch {
      setState({ ...state, more: "error" });
    }
  };

  const replace = (offer: InboxOffer) => state.status === "ready" && setState({ ...state, offers: state.offers.map((o) => (o.id === offer.id ? offer : o)) });

  return (
    <section class="school-inbox" aria-labelledby={headingId} data-testid="school-inbox" data-school={school.id}>
      <h2 id={headingId} class={showName ? undefined : "visually-hidden"}>
        {t("inbox.heading", { school: school.name })}
      </h2>
      <p class="hint">{coordinator ? t("inbox.youCoordinate") : t("inbox.membersRead")}</p>
      {state.status === "loading" && <p class="hint">{t("common.loading")}</p>}
      {state.status === "error" && <ErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} testId="inbox-error" />}
      {state.status === "ready" && state.offers.length === 0 && (
        <StateMessage tone="empty" title={t("inbox.emptyTitle")} testId="inbox-empty">
          <p>{t("inbox.empty", { school: school.name })}</p>
        </StateMessage>
      )}
      {state.status === "ready" &&
        state.offers.map((offer) => <OfferCard key={offer.id} offer={offer} coordinator={coordinator} onChanged={replace} />)}
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

function OfferCard({ offer, coordinator, onChanged }: { offer: InboxOffer; coordinator: boolean; onChanged(offer: InboxOffer): void }) {
  const { t, api, language, themeName, announce } = useSession();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const titleId = `offer-${offer.id}-title`;
  const { bundle } = offer;
  const decided = offer.status === "accepted" || offer.status === "declined";

  useEffect(() => {
    if (declining) reasonField.current?.focus();
  }, [declining]);

  // The share key: while it is active the title links with it; once revoked or expired the link is the
  // bare page (sign-in needed), and a coordinator can make a new one unless the school declined.
  const changeKey = async (change: "revoke" | "renew") => {
    setBusy(true);
    setError(null);
    try {
      const key = change === "revoke" ? await api.revokeOfferKey(offer.id) : await api.renewOfferKey(offer.id);
      onChanged({ ...offer, key: { status: key.status, expiresAt: key.expiresAt }, bundle: { ...bundle, url: key.url } });
      announce(t(change === "revoke" ? "inbox.keyRevokedDone" : "inbox.keyRenewedDone", { title: bundle.title }));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  const act = async (decision: "accept" | "decline") => {
    setBusy(true);
    setError(null);
    try {
      const updated = decision === "accept" ? await api.acceptOffer(offer.id) : await api.declineOffer(offer.id, reason.trim());
      onChanged(updated);
      setDeclining(false);
      announce(t(decision === "accept" ? "inbox.accepted" : "inbox.declined", { title: bundle.title }));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article class="card offer-card" aria-labelledby={titleId} data-testid="offer" data-status={offer.status}>
      <p class="card-meta">
        <span class={`badge ${offer.status === "declined" ? "error" : offer.status === "accepted" ? "" : "warn"}`} data-testid="offer-status">
          {t(offerStatusKey(offer.status))}
        </span>
        <span>{t("inbox.offeredBy", { name: offer.offeredBy, date: formatDate(language, offer.offeredAt) })}</span>
      </p>
      <h3 class="card-title" id={titleId}>
        <a href={api.absolute(bundle.url)} target="_blank" rel="noopener noreferrer">
          {bundle.title}
          <span class="visually-hidden"> ({t("panel.opensInNewTab")})</span>
        </a>
      </h3>
      <p class="hint">{t(bundle.itemCount === 1 ? "bundle.itemCountOne" : "bundle.itemCount", { count: bundle.itemCount })}</p>
      {bundle.themes.length > 0 && (
        <ul class="chips tags" aria-label={t("popup.themes")}>
          {bundle.themes.map((slug) => (
            <li class="chip" key={slug}>
              {themeName(slug)}
            </li>
          ))}
        </ul>
      )}
      {offer.message && (
        <blockquote class="offer-message">
          <p class="label">{t("inbox.message", { name: offer.offeredBy })}</p>
          <p>{offer.message}</p>
        </blockquote>
      )}
      {bundle.about && (
        <>
          <h4>{t("bundle.field.about")}</h4>
          <p class="pre-line">{bundle.about}</p>
        </>
      )}
      {bundle.use && (
        <>
          <h4>{t("bundle.field.use")}</h4>
          <p class="pre-line">{bundle.use}</p>
        </>
      )}
      {offer.status === "declined" && offer.reason && <p class="hint">{t("inbox.reasonGiven", { reason: offer.reason })}</p>}
      {decided && offer.respondedAt && <p class="hint">{t("inbox.respondedAt", { date: formatDate(language, offer.respondedAt) })}</p>}
      {offer.status !== "declined" && (
        <p class="hint" data-testid="offer-key" data-key-status={offer.key.status}>
          {offer.key.status === "active"
            ? t("inbox.keyActive", { date: formatDate(language, offer.key.expiresAt) })
            : t(offer.key.status === "revoked" ? "inbox.keyRevoked" : "inbox.keyExpired")}
        </p>
      )}

      {coordinator ? (
        <>
          {error && (
            <p class="notice error" role="alert">
              {error}
            </p>
          )}
          {declining ? (
            <div class="confirm">
              <div class="field">
                <label for={`${titleId}-reason`}>
                  {t("inbox.reason")} ({t("common.optional")})
                </label>
                <textarea id={`${titleId}-reason`} ref={reasonField} maxLength={2000} value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
              </div>
              <div class="row">
                <button type="button" class="button danger" disabled={busy} onClick={() => void act("decline")}>
                  {t("inbox.confirmDecline")}
                </button>
                <button type="button" class="button secondary" onClick={() => setDeclining(false)}>
                  {t("common.cancel")}
                </button>
              </div>
            </div>
          ) : (
            <div class="card-actions">
              {offer.status !== "accepted" && (
                <button type="button" class="button" disabled={busy} aria-describedby={titleId} onClick={() => void act("accept")}>
                  {offer.status === "declined" ? t("inbox.acceptAfterAll") : t("inbox.accept")}
                </button>
              )}
              {offer.status !== "declined" && (
                <button type="button" class="button secondary" disabled={busy} aria-describedby={titleId} onClick={() => setDeclining(true)}>
                  {offer.status === "accepted" ? t("inbox.declineAfterAll") : t("inbox.decline")}
                </button>
              )}
              {offer.status !== "declined" &&
                (offer.key.status === "active" ? (
                  <button type="button" class="button secondary" disabled={busy} aria-describedby={titleId} onClick={() => void changeKey("revoke")}>
                    {t("inbox.revokeKey")}
                  </button>
                ) : (
                  <button type="button" class="button secondary" disabled={busy} aria-describedby={titleId} onClick={() => void changeKey("renew")}>
                    {t("inbox.renewKey")}
                  </button>
                ))}
            </div>
          )}
        </>
      ) : (
        !decided && <p class="hint">{t("inbox.onlyCoordinators")}</p>
      )}
    </article>
  );
}
