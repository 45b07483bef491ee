import { useEffect, useRef, useState } from "preact/hooks";
import type { Bundle, BulkSavesResponse, Item, WideningDetails } from "../../../shared/schemas";
import type { Visibility } from "../../../shared/vocabulary";
import { CircleChooser } from "../../components/CircleChooser";
import { Confirm } from "../../components/Confirm";
import { FormFooter } from "../../components/FormFooter";
import { ThemePicker } from "../../components/themes/ThemePicker";
import { ApiError, isAbort } from "../../lib/api-error";
import { newIdempotencyKey, type KnooppuntApi } from "../../lib/api";
import { describeError, useSession } from "../context";

type BulkRequest = Parameters<KnooppuntApi["bulkChangeSaves"]>[0];
type Action = "themes" | "circle" | "bundle" | "delete";

interface Props {
  /** The selected items, in the order the list shows them. */
  items: Item[];
  onClear(): void;
  /** The change went through: the list shows the items as they now are (none of them, after a delete). */
  onDone(change: BulkRequest["change"]["type"], answer: BulkSavesResponse): void;
}

/**
 * The bar above a selection of the person's own saves: one action at a time, each one request that changes
 * all of them or none. A circle that lets more people see them is asked about first, with the count the
 * server gives; only the person's "yes" sends it again with `confirmWidening`.
 */
export function BulkActions({ items, onClear, onDone }: Props) {
  const { t, api, announce, session, themes, language } = useSession();
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [widening, setWidening] = useState<WideningDetails | null>(null);
  const [themeMode, setThemeMode] = useState<"add" | "remove">("add");
  const [chosenThemes, setChosenThemes] = useState<string[]>([]);
  const [visibility, setVisibility] = useState<Visibility>(session.schools.length ? "school" : "network");
  const [schoolId, setSchoolId] = useState(session.schools[0]?.id ?? null);
  const [communityId, setCommunityId] = useState(session.communities[0]?.id ?? null);
  const [bundles, setBundles] = useState<{ status: "loading" } | { status: "ready"; list: Bundle[] } | { status: "error"; message: string }>({ status: "loading" });
  const [bundleId, setBundleId] = useState<string>("");
  const panel = useRef<HTMLDivElement>(null);
  const isBroker = session.user.roles.includes("broker");
  const count = items.length;

  const open = (next: Action) => {
    setAction(action === next ? null : next);
    setError(null);
    setWidening(null);
  };

  // The first field of the chosen action gets the focus, so a keyboard goes straight on; the delete
  // question puts it on its own cancel.
  useEffect(() => {
    if (action && action !== "delete") setTimeout(() => panel.current?.querySelector<HTMLElement>("input, select, button")?.focus(), 0);
  }, [action]);

  useEffect(() => {
    if (action !== "bundle" || !isBroker) return;
    const ctl = new AbortController();
    setBundles({ status: "loading" });
    api.bundles(null, ctl.signal).then(
      (page) => {
        setBundles({ status: "ready", list: page.list });
        setBundleId((current) => current || page.list[0]?.id || "");
      },
      (err) => !isAbort(err) && setBundles({ status: "error", message: describeError(err, t) }),
    );
    return () => ctl.abort();
  }, [action, api]);

  const send = async (change: BulkRequest["change"], done: string) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.bulkChangeSaves({ itemIds: items.map((i) => i.id), change }, newIdempotencyKey());
      setWidening(null);
      setAction(null);
      announce(done.replace("{count}", String(change.type === "bundle" ? count : answer.changed)));
      onDone(change.type, answer);
    } catch (err) {
      if (err instanceof ApiError && err.code === "widening_needs_confirmation" && err.body) {
        const body = err.body as Partial<WideningDetails>;
        setWidening({ widenedSaves: Number(body.widenedSaves ?? 0), newlyVisibleTo: Number(body.newlyVisibleTo ?? 0), public: body.public === true });
      } else {
        setError(describeError(err, t));
      }
    } finally {
      setBusy(false);
    }
  };

  const circleChange = (confirmWidening: boolean): BulkRequest["change"] => ({
    type: "circle",
    visibility,
    schoolId: visibility === "school" ? schoolId : null,
    communityId: visibility === "community" ? communityId : null,
    ...(confirmWidening ? { confirmWidening: true } : {}),
  });

  const submitThemes = (event: Event) => {
    event.preventDefault();
    if (!chosenThemes.length) return setError(t("bulk.themes.none"));
    void send({ type: "themes", add: themeMode === "add" ? chosenThemes : [], remove: themeMode === "remove" ? chosenThemes : [] }, t("bulk.done.themes"));
  };

  const chosenBundle = bundles.status === "ready" ? bundles.list.find((b) => b.id === bundleId) : undefined;
  const escape = (e: KeyboardEvent) => e.key === "Escape" && setAction(null);

  return (
    <section class="bulk-actions card" aria-label={t("bulk.actions")} data-testid="bulk-actions">
      <div class="row spread">
        <p class="label" data-testid="selected-count">
          {t("bulk.selected", { count })}
        </p>
        <button type="button" class="link-button" onClick={onClear}>
          {t("bulk.clear")}
        </button>
      </div>
      <div class="row">
        <button type="button" class="small-button" aria-expanded={action === "themes"} onClick={() => open("themes")}>
          {t("bulk.themes")}
        </button>
        <button type="button" class="small-button" aria-expanded={action === "circle"} onClick={() => open("circle")}>
          {t("bulk.circle")}
        </button>
        {isBroker && (
          <button type="button" class="small-button" aria-expanded={action === "bundle"} onClick={() => open("bundle")}>
            {t("bulk.bundle")}
          </button>
        )}
        <button type="button" class="small-button" aria-expanded={action === "delete"} onClick={() => open("delete")}>
          {t("bulk.delete")}
        </button>
      </div>

      <div ref={panel} onKeyDown={escape}>
        {action === "themes" && (
          <form class="edit" onSubmit={submitThemes} data-testid="bulk-themes">
            <fieldset class="field">
              <legend>{t("bulk.themes.mode")}</legend>
              <div class="chips">
                {(["add", "remove"] as const).map((mode) => (
                  <label class="choice" key={mode}>
                    <input type="radio" name="bulk-theme-mode" value={mode} checked={themeMode === mode} onChange={() => setThemeMode(mode)} />
                    <span>{t(mode === "add" ? "bulk.themes.add" : "bulk.themes.remove")}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <div class="field">
              <label for="bulk-themes">{t("bulk.themes.label")}</label>
              <ThemePicker id="bulk-themes" themes={themes} selected={chosenThemes} suggested={[]} language={language} onChange={setChosenThemes} />
            </div>
            <FormFooter error={error} busy={busy} submitLabel={t("bulk.themes.apply")} onCancel={() => setAction(null)} />
          </form>
        )}

        {action === "circle" && (
          <form
            class="edit"
            data-testid="bulk-circle"
            onSubmit={(e) => {
              e.preventDefault();
              void send(circleChange(false), t("bulk.done.circle"));
            }}
          >
            <CircleChooser
              id="bulk-circle"
              label={t("visibility.label")}
              t={t}
              memberships={session}
              value={visibility}
              onChange={(v) => {
                setVisibility(v);
                setWidening(null);
              }}
              place={{
                communityId,
                onCommunity: setCommunityId,
                schoolId,
                onSchool: setSchoolId,
                ids: { community: "bulk-community", school: "bulk-school" },
                onlyWhenChoice: true,
              }}
            />
            {widening ? (
              <div class="confirm" role="alertdialog" aria-labelledby="bulk-widening-title" aria-describedby="bulk-widening-text" data-testid="bulk-widening">
                <p id="bulk-widening-title">
                  <strong>{t("bulk.widening.title")}</strong>
                </p>
                <p id="bulk-widening-text">
                  {t(widening.newlyVisibleTo === 1 ? "bulk.widening.peopleOne" : "bulk.widening.people", { saves: widening.widenedSaves, count, people: widening.newlyVisibleTo })}
                  {widening.public && ` ${t("bulk.widening.public")}`}
                </p>
                <WideningButtons busy={busy} error={error} onConfirm={() => void send(circleChange(true), t("bulk.done.circle"))} onCancel={() => setWidening(null)} />
              </div>
            ) : (
              <FormFooter error={error} busy={busy} submitLabel={t("bulk.circle.apply")} onCancel={() => setAction(null)} />
            )}
          </form>
        )}

        {action === "bundle" && isBroker && (
          <form
            class="edit"
            data-testid="bulk-bundle"
            onSubmit={(e) => {
              e.preventDefault();
              if (chosenBundle) void send({ type: "bundle", bundleId: chosenBundle.id, version: chosenBundle.version }, t("bulk.done.bundle", { title: chosenBundle.title }));
            }}
          >
            {bundles.status === "loading" && <p class="hint">{t("bulk.bundle.loading")}</p>}
            {bundles.status === "error" && (
              <p class="notice error" role="alert">
                {bundles.message}
              </p>
            )}
            {bundles.status === "ready" && bundles.list.length === 0 && <p class="hint">{t("bulk.bundle.none")}</p>}
            {bundles.status === "ready" && bundles.list.length > 0 && (
              <>
                <div class="field">
                  <label for="bulk-bundle">{t("bulk.bundle.label")}</label>
                  <select id="bulk-bundle" value={bundleId} onChange={(e) => setBundleId((e.target as HTMLSelectElement).value)}>
                    {bundles.list.map((b) => (
                      <option key={b.id} value={b.id}>
                        {b.title}
                      </option>
                    ))}
                  </select>
                </div>
                <FormFooter error={error} busy={busy} submitLabel={t("bulk.bundle.apply")} onCancel={() => setAction(null)} />
              </>
            )}
          </form>
        )}

        {action === "delete" && (
          <Confirm
            title={t("bulk.delete.question", { count })}
            yes={t("bulk.delete.confirm")}
            busy={busy}
            error={error}
            onYes={() => void send({ type: "delete" }, t("bulk.done.delete"))}
            onCancel={() => setAction(null)}
            testId="bulk-delete"
          >
            {t("bulk.delete.hint")}
          </Confirm>
        )}
      </div>
    </section>
  );
}

function WideningButtons({ busy, error, onConfirm, onCancel }: { busy: boolean; error: string | null; onConfirm(): void; onCancel(): void }) {
  const { t } = useSession();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button ref={confirm} type="button" class="button danger" disabled={busy} onClick={onConfirm}>
          {t("bulk.widening.confirm")}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </>
  );
}
