import { useEffect, useState } from "preact/hooks";
import type { Subscriptions as SchoolSubscriptions } from "../../../shared/schemas";
import { ITEM_SECTORS, type ItemSector } from "../../../shared/vocabulary";
import { Choices } from "../../components/Choices";
import { memo } from "../../components/memo";
import { isAbort } from "../../lib/api-error";
import { FeedAddresses } from "./FeedAddresses";
import { describeError, useSession } from "../context";
import { ErrorState, StateMessage } from "../../components/StateMessage";
import { Webhooks } from "./Webhooks";
import { ThemeTree } from "../../components/themes/ThemeTree";
import { ExportMenu } from "../exports/ExportMenu";

type School = { id: string; name: string; role: "member" | "coordinator" };

/** "Abonnementen": what each of the person's schools receives. Members read; coordinators change it. */
export const Subscriptions = memo(function Subscriptions() {
  const { t, session } = useSession();
  return (
    <div class="subscriptions">
      <p class="hint">{t("subs.intro")}</p>
      {session.schools.map((school) => (
        <SchoolDelivery key={school.id} school={school} showName={session.schools.length > 1} />
      ))}
    </div>
  );
});

function SchoolDelivery({ school, showName }: { school: School; showName: boolean }) {
  const { t } = useSession();
  const coordinator = school.role === "coordinator";
  const headingId = `subs-${school.id}`;
  return (
    <section class="school-delivery" aria-labelledby={headingId} data-testid="school-subscriptions" data-school={school.id} data-role={school.role}>
      <h2 id={headingId} class={showName ? undefined : "visually-hidden"}>
        {t("subs.heading", { school: school.name })}
      </h2>
      <p class="hint">{coordinator ? t("subs.youCoordinate") : t("subs.membersRead")}</p>
      <SubscriptionSettings school={school} />
      {coordinator && <FeedAddresses school={school} />}
      {coordinator && <Webhooks school={school} />}
      {coordinator && <ExportMenu what={{ schoolId: school.id }} label={t("exports.school", { school: school.name })} secretFeed />}
    </section>
  );
}

type LoadState = { status: "loading" } | { status: "error"; error: unknown } | { status: "ready"; saved: SchoolSubscriptions };

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

function SubscriptionSettings({ school }: { school: School }) {
  const { t, api, themeLabel, announce } = useSession();
  const coordinator = school.role === "coordinator";
  const [state, setState] = useState<LoadState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [themes, setThemes] = useState<string[]>([]);
  const [sector, setSector] = useState<ItemSector[]>([]);
  const [save, setSave] = useState<{ status: "idle" | "busy" | "saved" } | { status: "error"; message: string }>({ status: "idle" });
  const headingId = `subs-${school.id}-themes`;

  useEffect(() => {
    const ctl = new AbortController();
    setState({ status: "loading" });
    api.subscriptions(school.id, ctl.signal).then(
      (saved) => {
        setState({ status: "ready", saved });
        setThemes(saved.themes);
        setSector(saved.sector);
      },
      (error) => !isAbort(error) && setState({ status: "error", error }),
    );
    return () => ctl.abort();
  }, [api, school.id, attempt]);

  const heading = (
    <h3 id={headingId} class="section-heading">
      {t("subs.what")}
    </h3>
  );
  if (state.status === "loading")
    return (
      <div class="delivery-section" aria-busy="true">
        {heading}
        <p class="hint">{t("common.loading")}</p>
      </div>
    );
  if (state.status === "error")
    return (
      <div class="delivery-section">
        {heading}
        <ErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} testId="subs-error" />
      </div>
    );

  const { saved } = state;
  const sectorText = saved.sector.length ? `${t("subs.sectors")}: ${saved.sector.map((s) => s.toUpperCase()).join(", ")}` : t("subs.allSectors");

  if (!coordinator) {
    return (
      <section class="delivery-section" aria-labelledby={headingId} data-testid="subs-readonly">
        {heading}
        {saved.themes.length === 0 ? (
          <StateMessage tone="empty" title={t("subs.noneTitle")} testId="subs-empty">
            <p>{t("subs.none", { school: school.name })}</p>
          </StateMessage>
        ) : (
          <>
            <ul class="chips tags" aria-label={t("subs.themes")} data-testid="subs-themes">
              {saved.themes.map((slug) => (
                <li class="chip" key={slug} data-theme={slug}>
                  {themeLabel(slug)}
                </li>
              ))}
            </ul>
            <p class="hint" data-testid="subs-sectors">
              {sectorText}
            </p>
          </>
        )}
        <p class="hint">{t("subs.onlyCoordinators")}</p>
      </section>
    );
  }

  const dirty = !sameSet(themes, saved.themes) || !sameSet(sector, saved.sector);
  const submit = async (event: Event) => {
    event.preventDefault();
    setSave({ status: "busy" });
    try {
      const next = await api.setSubscriptions(school.id, { themes, sector });
      setState({ status: "ready", saved: next });
      setThemes(next.themes);
      setSector(next.sector);
      setSave({ status: "saved" });
      announce(t("subs.saved", { school: school.name }));
    } catch (error) {
      setSave({ status: "error", message: describeError(error, t) });
    }
  };

  return (
    <form class="delivery-section" aria-labelledby={headingId} onSubmit={submit} data-testid="subs-form">
      {heading}
      <SubscriptionTree idPrefix={`subs-${school.id}`} selected={themes} onChange={(next) => (setThemes(next), setSave({ status: "idle" }))} />
      <div class="field">
        <Choices
          legend={`${t("subs.sectors")} (${t("common.optional")})`}
          name={`subs-${school.id}-sector`}
          options={ITEM_SECTORS}
          label={(s) => s.toUpperCase()}
          value={sector}
          onChange={(s) => (setSector(s as ItemSector[]), setSave({ status: "idle" }))}
        />
        <p class="hint">{t("subs.sectorsHint")}</p>
      </div>
      {save.status === "error" && (
        <p class="notice error" role="alert">
          {save.message}
        </p>
      )}
      <div class="row">
        <button type="submit" class="button" disabled={save.status === "busy" || !dirty}>
          {save.status === "busy" ? t("common.saving") : t("subs.save")}
        </button>
        <span role="status" class="hint" data-testid="subs-status">
          {save.status === "saved" && !dirty ? <span class="saved-mark">{t("subs.saved", { school: school.name })}</span> : dirty ? t("subs.unsaved") : ""}
        </span>
      </div>
    </form>
  );
}

/**
 * Main themes with their sub-themes folded in, as checkboxes. A checked main theme includes all its
 * sub-themes (the server follows them too), so those show as included instead of as separate choices.
 */
function SubscriptionTree({ idPrefix, selected, onChange }: { idPrefix: string; selected: string[]; onChange(selected: string[]): void }) {
  const { t, themes } = useSession();
  return (
    <fieldset class="facet">
      <legend>{t("subs.themes")}</legend>
      <p class="hint">{t("subs.themesHint")}</p>
      {themes.length === 0 ? (
        <p class="hint">{t("common.loading")}</p>
      ) : (
        <ThemeTree
          themes={themes}
          selected={selected}
          onChange={onChange}
          includesSubthemes={{ idPrefix, hint: (theme) => t("subs.includedVia", { theme }) }}
        />
      )}
    </fieldset>
  );
}
