import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { foldText } from "../../../shared/text";
import { ApiError, isAbort } from "../../lib/api-error";
import type { BundleDraft } from "./bundle-draft";
import { Confirm } from "../../components/Confirm";
import { describeError, useSession, type Translate } from "../context";
import { ErrorState } from "../../components/StateMessage";

/** How many brokers the picker lists before asking to type. */
const MAX_CANDIDATES = 6;

type Broker = { id: string; name: string };

const CURATOR_REFUSALS: Record<string, "curators.last" | "curators.ownerStays" | "curators.ownerOnly"> = {
  last_curator: "curators.last",
  owner_stays: "curators.ownerStays",
  owner_only: "curators.ownerOnly",
};
const curatorError = (error: unknown, t: Translate) => {
  const known = error instanceof ApiError ? CURATOR_REFUSALS[error.code] : undefined;
  return known ? t(known) : describeError(error, t);
};

/**
 * Co-curators of a bundle: who curates it, add another broker (searchable), and, for the owner, remove
 * one or hand the bundle over; a co-curator can step down.
 */
export function Curators({ draft, onLeft }: { draft: BundleDraft; onLeft(): void }) {
  const { t, api, session, announce } = useSession();
  const [brokers, setBrokers] = useState<{ status: "loading" } | { status: "error"; error: unknown } | { status: "ready"; list: Broker[] }>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [query, setQuery] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const searchField = useRef<HTMLInputElement>(null);
  const curators = draft.bundle.curators;
  const me = session.user.id;

  useEffect(() => {
    const ctl = new AbortController();
    setBrokers({ status: "loading" });
    api.brokers(ctl.signal).then(
      (list) => setBrokers({ status: "ready", list }),
      (err) => !isAbort(err) && setBrokers({ status: "error", error: err }),
    );
    return () => ctl.abort();
  }, [api, attempt]);

  const candidates = useMemo(() => {
    if (brokers.status !== "ready") return [];
    const q = foldText(query.trim());
    return brokers.list.filter((b) => !curators.some((c) => c.id === b.id) && (!q || foldText(b.name).includes(q)));
  }, [brokers, curators, query]);

  const add = async (broker: Broker) => {
    setBusy(broker.id);
    setError(null);
    try {
      const bundle = await api.addCurator(draft.id, broker.id);
      // Adding a curator does not change the working copy: take only the new list of curators.
      draft.replaceBundle({ ...draft.bundle, curators: bundle.curators });
      setQuery("");
      announce(t("curators.added", { name: broker.name }));
      setTimeout(() => searchField.current?.focus(), 0);
    } catch (err) {
      setError(curatorError(err, t));
    } finally {
      setBusy(null);
    }
  };

  const remove = async (curator: { id: string; name: string }) => {
    setBusy(curator.id);
    setError(null);
    try {
      if (curator.id === me) {
        // Leaving: save what is pending while still allowed to.
        await draft.flush();
        await api.removeCurator(draft.id, curator.id);
        announce(t("curators.removed", { name: curator.name }));
        onLeft();
        return;
      }
      await api.removeCurator(draft.id, curator.id);
      const fresh = await api.bundle(draft.id).catch(() => null);
      draft.replaceBundle({ ...draft.bundle, curators: fresh?.curators ?? draft.bundle.curators.filter((c) => c.id !== curator.id) });
      announce(t("curators.removed", { name: curator.name }));
      setTimeout(() => searchField.current?.focus(), 0);
    } catch (err) {
      setError(curatorError(err, t));
      setLeaving(false);
    } finally {
      setBusy(null);
    }
  };

  const makeOwner = async (curator: { id: string; name: string }) => {
    setBusy(curator.id);
    setError(null);
    try {
      const bundle = await api.makeOwner(draft.id, curator.id);
      draft.replaceBundle({ ...draft.bundle, curators: bundle.curators });
      announce(t("curators.madeOwner", { name: curator.name }));
    } catch (err) {
      setError(curatorError(err, t));
    } finally {
      setBusy(null);
    }
  };

  const shown = candidates.slice(0, MAX_CANDIDATES);
  const self = curators.find((c) => c.id === me);
  const iOwn = self?.role === "owner";
  return (
    <section class="editor-section curators" aria-labelledby="bundle-curators-heading" data-testid="curators">
      <h3 id="bundle-curators-heading">{t("curators.heading")}</h3>
      <p class="hint">{t("curators.intro")}</p>
      <ul class="curator-list" data-testid="curator-list">
        {curators.map((curator) => (
          <li key={curator.id} data-curator={curator.id}>
            <span class="curator-name">
              {curator.name}
              {curator.id === me && <span class="hint"> ({t("curators.you")})</span>}
              {curator.role === "owner" && <span class="badge muted">{t("curators.owner")}</span>}
            </span>
            {iOwn && curator.id !== me && (
              <span class="row">
                <button type="button" class="small-button" disabled={busy !== null} aria-label={t("curators.makeOwnerNamed", { name: curator.name })} onClick={() => void makeOwner(curator)}>
                  {t("curators.makeOwner")}
                </button>
                <button type="button" class="small-button" disabled={busy !== null} aria-label={t("curators.removeNamed", { name: curator.name })} onClick={() => void remove(curator)}>
                  {t("curators.remove")}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {curators.length === 1 && <p class="hint">{t("curators.last")}</p>}
      {error && (
        <p class="notice error" role="alert" data-testid="curator-error">
          {error}
        </p>
      )}
      {iOwn && curators.length > 1 && <p class="hint">{t("curators.ownerStays")}</p>}
      {self && !iOwn && curators.length > 1 && (
        <div class="row">
          {leaving ? (
            <Confirm yes={t("curators.leaveYes")} busy={busy === me} onYes={() => void remove(self)} onCancel={() => setLeaving(false)}>
              {t("curators.leaveConfirm")}
            </Confirm>
          ) : (
            <button type="button" class="link-button" onClick={() => setLeaving(true)}>
              {t("curators.leave")}
            </button>
          )}
        </div>
      )}
      <div class="field">
        <label for="curator-search">{t("curators.search")}</label>
        <input
          id="curator-search"
          ref={searchField}
          type="search"
          autocomplete="off"
          value={query}
          aria-controls="curator-candidates"
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
      </div>
      {brokers.status === "loading" && <p class="hint">{t("common.loading")}</p>}
      {brokers.status === "error" && <ErrorState error={brokers.error} onRetry={() => setAttempt((n) => n + 1)} testId="brokers-error" />}
      {brokers.status === "ready" && (
        <div id="curator-candidates" aria-live="polite">
          {shown.length === 0 ? (
            <p class="hint">{query.trim() ? t("curators.noMatch") : t("curators.noneLeft")}</p>
          ) : (
            <ul class="curator-list candidates" data-testid="broker-candidates">
              {shown.map((broker) => (
                <li key={broker.id}>
                  <span class="curator-name">{broker.name}</span>
                  <button type="button" class="small-button accent" disabled={busy !== null} aria-label={t("curators.addNamed", { name: broker.name })} onClick={() => void add(broker)}>
                    {t("curators.add")}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {candidates.length > shown.length && <p class="hint">{t("curators.more", { count: candidates.length - shown.length })}</p>}
        </div>
      )}
    </section>
  );
}
