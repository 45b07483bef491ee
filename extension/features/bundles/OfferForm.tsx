import { useEffect, useMemo, useState } from "preact/hooks";
import type { School } from "../../../shared/schemas";
import { foldText } from "../../../shared/text";
import { SCHOOL_SECTORS } from "../../../shared/vocabulary";
import { isAbort } from "../../lib/api-error";
import type { BundleDraft } from "./bundle-draft";
import { describeError, useSession } from "../context";

/** At most this many matches are listed: with thousands of schools the filter does the choosing. */
const SHOWN = 50;

/**
 * Offering a published bundle: to chosen schools (filtered by name, sector and region) or to every
 * school subscribed to its themes, with a personal message. A school can be offered a version once.
 */
export function OfferForm({ draft, onOffered }: { draft: BundleDraft; onOffered(): void }) {
  const { t, api, announce } = useSession();
  const [schools, setSchools] = useState<{ status: "loading" } | { status: "error"; error: unknown } | { status: "ready"; list: School[] }>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [target, setTarget] = useState<"chosen" | "subscribers">("chosen");
  const [query, setQuery] = useState("");
  const [sector, setSector] = useState("");
  const [region, setRegion] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [message, setMessage] = useState("");
  const [state, setState] = useState<{ status: "idle" | "busy" } | { status: "done" | "error"; message: string }>({ status: "idle" });

  useEffect(() => {
    const ctl = new AbortController();
    setSchools({ status: "loading" });
    api.schools(ctl.signal).then(
      (list) => setSchools({ status: "ready", list }),
      (error) => !isAbort(error) && setSchools({ status: "error", error }),
    );
    return () => ctl.abort();
  }, [api, attempt]);

  const list = schools.status === "ready" ? schools.list : [];
  const byId = useMemo(() => new Map(list.map((s) => [s.id, s])), [list]);
  const regions = useMemo(() => [...new Set(list.map((s) => s.region).filter((r): r is string => !!r))].sort((a, b) => a.localeCompare(b)), [list]);
  const matches = useMemo(() => {
    const q = foldText(query);
    return list.filter(
      (s) =>
        (!q || foldText(s.name).includes(q) || foldText(s.bestuur ?? "").includes(q)) && (!sector || s.sector === sector) && (!region || s.region === region),
    );
  }, [list, query, sector, region]);

  const toggle = (id: string) => setChosen(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (target === "chosen" && chosen.length === 0) return setState({ status: "error", message: t("offer.chooseSchool") });
    setState({ status: "busy" });
    try {
      const offers = await api.offerBundle(draft.id, {
        ...(target === "chosen" ? { schoolIds: chosen } : { subscribers: true }),
        ...(message.trim() ? { message: message.trim() } : {}),
      });
      const repeated = offers.filter((o) => o.existing).length;
      const text =
        offers.length === 0
          ? t("offer.noSubscribers")
          : t(offers.length === 1 ? "offer.doneOne" : "offer.done", { count: offers.length }) + (repeated ? ` ${t("offer.repeated", { count: repeated })}` : "");
      setState({ status: "done", message: text });
      announce(text);
      setChosen([]);
      onOffered();
    } catch (error) {
      setState({ status: "error", message: describeError(error, t) });
    }
  };

  return (
    <form class="offer" onSubmit={submit} noValidate data-testid="offer-form">
      <fieldset>
        <legend>{t("offer.to")}</legend>
        <label class="check">
          <input type="radio" name="offer-target" checked={target === "chosen"} onChange={() => setTarget("chosen")} />
          <span>{t("offer.toChosen")}</span>
        </label>
        <label class="check">
          <input type="radio" name="offer-target" checked={target === "subscribers"} onChange={() => setTarget("subscribers")} />
          <span>{t("offer.toSubscribers")}</span>
        </label>
      </fieldset>

      {target === "chosen" && (
        <div class="school-picker">
          {schools.status === "loading" && <p class="hint">{t("common.loading")}</p>}
          {schools.status === "error" && (
            <p class="notice error" role="alert">
              {describeError(schools.error, t)}{" "}
              <button type="button" class="link-button" onClick={() => setAttempt((n) => n + 1)}>
                {t("common.retry")}
              </button>
            </p>
          )}
          {schools.status === "ready" && (
            <>
              <div class="field">
                <label for="offer-school-search">{t("offer.searchSchool")}</label>
                <input id="offer-school-search" type="search" autocomplete="off" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
              </div>
              <div class="filter-row">
                <div class="field">
                  <label for="offer-sector">{t("popup.sector")}</label>
                  <select id="offer-sector" value={sector} onChange={(e) => setSector((e.target as HTMLSelectElement).value)}>
                    <option value="">{t("offer.all")}</option>
                    {SCHOOL_SECTORS.map((s) => (
                      <option key={s} value={s}>
                        {s.toUpperCase()}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="field">
                  <label for="offer-region">{t("offer.region")}</label>
                  <select id="offer-region" value={region} onChange={(e) => setRegion((e.target as HTMLSelectElement).value)}>
                    <option value="">{t("offer.all")}</option>
                    {regions.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <fieldset class="school-list">
                <legend class="visually-hidden">{t("offer.schools")}</legend>
                {matches.length === 0 ? (
                  <p class="hint">{t("offer.noMatch")}</p>
                ) : (
                  <ul>
                    {matches.slice(0, SHOWN).map((school) => (
                      <li key={school.id}>
                        <label class="check">
                          <input type="checkbox" checked={chosen.includes(school.id)} onChange={() => toggle(school.id)} />
                          <span>
                            {school.name}
                            <span class="hint"> · {[school.sector.toUpperCase(), school.region].filter(Boolean).join(" · ")}</span>
                          </span>
                        </label>
                      </li>
                    ))}
                  </ul>
                )}
                {matches.length > SHOWN && <p class="hint">{t("offer.more", { shown: SHOWN, count: matches.length })}</p>}
              </fieldset>
              <p class="hint" role="status">
                {t(chosen.length === 1 ? "offer.chosenOne" : "offer.chosen", { count: chosen.length })}
              </p>
              {chosen.length > 0 && (
                <ul class="chips active-filters" aria-label={t("offer.chosenList")}>
                  {chosen.map((id) => (
                    <li class="chip selected" key={id}>
                      {byId.get(id)?.name ?? id}
                      <button type="button" aria-label={t("offer.unchoose", { school: byId.get(id)?.name ?? id })} onClick={() => toggle(id)}>
                        ×
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
      )}
      {target === "subscribers" && <p class="hint">{t("offer.subscribersHint")}</p>}

      <div class="field">
        <label for="offer-message">{t("offer.message")}</label>
        <textarea id="offer-message" maxLength={2000} placeholder={t("offer.messagePlaceholder")} value={message} onInput={(e) => setMessage((e.target as HTMLTextAreaElement).value)} />
      </div>
      {(state.status === "done" || state.status === "error") && (
        <p class={`notice ${state.status === "done" ? "info" : "error"}`} role={state.status === "error" ? "alert" : "status"} data-testid="offer-result">
          {state.message}
        </p>
      )}
      <div class="row">
        <button class="button" type="submit" disabled={state.status === "busy"}>
          {state.status === "busy" ? t("common.saving") : t("offer.submit")}
        </button>
      </div>
    </form>
  );
}
