import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { kindKey, visibilityKey } from "../../../shared/i18n";
import type { Item } from "../../../shared/schemas";
import { KindIcon } from "../../components/KindIcon";
import { MAX_BUNDLE_ITEMS, type BundleDraft, type DraftItem } from "./bundle-draft";
import { siteOf } from "../../lib/format";
import { describeError, useSession, type PageInView } from "../context";

const titleOf = (entry: DraftItem) => entry.item?.title ?? entry.fallbackTitle;

/** The bundle's items in order: drag, or move with buttons; a note per item; add the current page. */
export function BundleItems({ draft, onShowLibrary }: { draft: BundleDraft; onShowLibrary(): void }) {
  const { t, announce, pageInView } = useSession();
  const [moveStatus, setMoveStatus] = useState("");
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const pendingFocus = useRef<{ itemId: string; control: "up" | "down" } | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const items = draft.items;

  // Moving a row re-inserts its DOM node, which drops focus: put it back on the button that was used, in
  // the same task (an effect after the next frame came a second late in a window in the background).
  useLayoutEffect(() => {
    const pending = pendingFocus.current;
    if (!pending) return;
    pendingFocus.current = null;
    const row = document.querySelector(`[data-bundle-item="${CSS.escape(pending.itemId)}"]`);
    const wanted = row?.querySelector<HTMLButtonElement>(`[data-control="${pending.control}"]`);
    const other = row?.querySelector<HTMLButtonElement>(`[data-control="${pending.control === "up" ? "down" : "up"}"]`);
    (wanted && !wanted.disabled ? wanted : other)?.focus();
  });

  const say = (message: string) => {
    setMoveStatus("");
    setTimeout(() => setMoveStatus(message), 30);
  };

  const move = (from: number, to: number, control?: "up" | "down") => {
    if (to < 0 || to >= items.length || from === to) return;
    const next = [...items];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    if (control) pendingFocus.current = { itemId: moved!.itemId, control };
    draft.setItems(next);
    say(t("bundle.items.moved", { title: titleOf(moved!), position: to + 1, count: next.length }));
  };

  const remove = (index: number) => {
    const entry = items[index]!;
    draft.setItems(items.filter((_, i) => i !== index));
    say(t("bundle.items.removed", { title: titleOf(entry) }));
    const neighbour = items[index + 1] ?? items[index - 1];
    setTimeout(() => {
      const target = neighbour && document.querySelector<HTMLElement>(`[data-bundle-item="${CSS.escape(neighbour.itemId)}"] textarea`);
      (target ?? addButton.current)?.focus();
    }, 0);
  };

  const setNote = (index: number, note: string) => draft.setItems(items.map((entry, i) => (i === index ? { ...entry, note } : entry)));

  return (
    <section class="editor-section" aria-labelledby="bundle-items-heading">
      <h3 id="bundle-items-heading">{t("bundle.items.heading", { count: items.length })}</h3>
      {pageInView && (
        <AddCurrentPage
          draft={draft}
          pageInView={pageInView}
          buttonRef={addButton}
          onAdded={(item) => announce(t("bundle.items.added", { title: item.title, position: draft.items.length }))}
        />
      )}
      <p class="hint">
        {t("bundle.items.fromLibrary")}{" "}
        <button type="button" class="link-button" onClick={onShowLibrary}>
          {t("bundle.items.toLibrary")}
        </button>
      </p>
      {items.length === 0 ? (
        <p class="state" data-testid="bundle-items-empty">
          {t("bundle.items.empty")}
        </p>
      ) : (
        <ol class="bundle-items" data-testid="bundle-items">
          {items.map((entry, index) => {
            const title = titleOf(entry);
            const titleId = `bundle-item-${entry.itemId}`;
            return (
              <li
                key={entry.itemId}
                data-bundle-item={entry.itemId}
                class={`bundle-item${dragFrom === index ? " dragging" : ""}${dropAt === index && dragFrom !== index ? " drop-target" : ""}`}
                onDragOver={(e) => {
                  if (dragFrom === null) return;
                  e.preventDefault();
                  if (e.dataTransfer) e.dataTransfer.dropEffect = "move";
                  setDropAt(index);
                }}
                onDrop={(e) => {
                  e.preventDefault();
                  if (dragFrom !== null) move(dragFrom, index);
                  setDragFrom(null);
                  setDropAt(null);
                }}
              >
                <div class="item-row">
                  <span
                    class="drag-handle"
                    draggable
                    title={t("bundle.items.dragHint")}
                    aria-hidden="true"
                    onDragStart={(e) => {
                      setDragFrom(index);
                      if (e.dataTransfer) {
                        e.dataTransfer.effectAllowed = "move";
                        e.dataTransfer.setData("text/plain", entry.itemId);
                        const row = (e.target as HTMLElement).closest("li");
                        if (row) e.dataTransfer.setDragImage(row, 16, 16);
                      }
                    }}
                    onDragEnd={() => {
                      setDragFrom(null);
                      setDropAt(null);
                    }}
                  >
                    ⠿
                  </span>
                  <span class="position" aria-hidden="true">
                    {index + 1}.
                  </span>
                  <div class="item-main">
                    <p class="item-title" id={titleId}>
                      {entry.item ? (
                        <a href={entry.item.url} target="_blank" rel="noopener noreferrer">
                          {title}
                          <span class="visually-hidden"> ({t("panel.opensInNewTab")})</span>
                        </a>
                      ) : (
                        title
                      )}
                    </p>
                    {entry.item ? (
                      <p class="card-meta">
                        <KindIcon kind={entry.item.kind} size={16} />
                        <span>{t(kindKey(entry.item.kind))}</span>
                        <span aria-hidden="true">·</span>
                        <span>{siteOf(entry.item)}</span>
                      </p>
                    ) : (
                      <p class="hint">{t("bundle.items.outOfSight")}</p>
                    )}
                  </div>
                </div>
                <div class="field">
                  <label for={`${titleId}-note`}>{t("bundle.items.note")}</label>
                  <textarea
                    id={`${titleId}-note`}
                    aria-describedby={titleId}
                    maxLength={2000}
                    placeholder={t("bundle.items.notePlaceholder")}
                    value={entry.note}
                    onInput={(e) => setNote(index, (e.target as HTMLTextAreaElement).value)}
                  />
                </div>
                <div class="row item-controls">
                  <button type="button" class="icon-button" data-control="up" disabled={index === 0} aria-label={t("bundle.items.moveUp", { title })} onClick={() => move(index, index - 1, "up")}>
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    type="button"
                    class="icon-button"
                    data-control="down"
                    disabled={index === items.length - 1}
                    aria-label={t("bundle.items.moveDown", { title })}
                    onClick={() => move(index, index + 1, "down")}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                  <button type="button" class="small-button" aria-describedby={titleId} onClick={() => remove(index)}>
                    {t("bundle.items.remove")}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <div class="visually-hidden" aria-live="assertive" data-testid="move-status">
        {moveStatus}
      </div>
    </section>
  );
}

/**
 * "Voeg deze pagina toe aan bundel": the page in view, clipped first when it is not in the library yet.
 * A new clip gets the bundle's audience as its circle (said beside the button), so the bundle can be
 * published with it; a page already saved keeps its circles.
 */
function AddCurrentPage({
  draft,
  pageInView,
  buttonRef,
  onAdded,
}: {
  draft: BundleDraft;
  pageInView: PageInView;
  buttonRef: { current: HTMLButtonElement | null };
  onAdded(item: Item): void;
}) {
  const { t } = useSession();
  const [state, setState] = useState<{ status: "idle" | "busy" } | { status: "done" | "error"; message: string }>({ status: "idle" });
  const circle = draft.fields.audience === "public" ? "public" : "network";

  const add = async () => {
    setState({ status: "busy" });
    try {
      const outcome = await pageInView.clip(circle);
      if (outcome.status === "unsupported") return setState({ status: "error", message: t("popup.unsupportedPage") });
      if (outcome.status === "queued") return setState({ status: "error", message: t("bundle.items.pageQueued") });
      if (outcome.status === "signed-out") return setState({ status: "error", message: t("error.sessionExpired") });
      if (outcome.status === "rejected") return setState({ status: "error", message: outcome.message });
      const item = outcome.item;
      if (draft.has(item.id)) return setState({ status: "done", message: t("bundle.items.alreadyIn", { title: item.title }) });
      if (!draft.add(item)) return setState({ status: "error", message: t("bundle.items.full", { max: MAX_BUNDLE_ITEMS }) });
      onAdded(item);
      setState({ status: "done", message: t("bundle.items.pageAdded", { title: item.title }) });
    } catch (error) {
      setState({ status: "error", message: describeError(error, t) });
    }
  };

  return (
    <div class="add-page">
      <button ref={buttonRef} type="button" class="button secondary" disabled={state.status === "busy"} onClick={() => void add()} aria-describedby="add-page-hint">
        {state.status === "busy" ? t("common.saving") : t("bundle.items.addPage")}
      </button>
      <p class="hint" id="add-page-hint">
        {t("bundle.items.addPageHint", { circle: t(visibilityKey(circle)) })}
      </p>
      {(state.status === "done" || state.status === "error") && (
        <p class={`notice ${state.status === "done" ? "info" : "error"}`} role={state.status === "error" ? "alert" : "status"} data-testid="add-page-result">
          {state.message}
        </p>
      )}
    </div>
  );
}
