import { memo } from "../../components/memo";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { kindKey, visibilityKey } from "../../../shared/i18n";
import type { Item } from "../../../shared/schemas";
import { isAbort } from "../../lib/api-error";
import { AcceptedBundles } from "./AcceptedBundles";
import { ImportLink } from "../imports/ImportLink";
import { ItemCard, type BundleTarget } from "./ItemCard";
import { activeFilterCount, EMPTY_FILTERS, useLibrarySearch, type LibraryFilters as Filters } from "./library-search";
import { LibraryFilters } from "./LibraryFilters";
import { describeError, useSession } from "../context";
import { ErrorState, StateMessage } from "../../components/StateMessage";
import { later } from "../../components/lazy/later";
import { ExportMenu } from "../exports/ExportMenu";

// The bulk bar is fetched the first time something is selected: most visits never select, and the first
// screen stays small. A failed fetch (offline) leaves the selection without a bar until the next one.
const BulkActions = later(() => import("./BulkActions").then((m) => m.BulkActions));

interface Props {
  bundle: BundleTarget | null;
  /** An item to show on top (the popup's "Open in bibliotheek"); `nonce` repeats a request for the same item. */
  focus: { itemId: string; nonce: number } | null;
}

/** "Bibliotheek": search as you type, facets, quick scopes, and the results a page at a time. */
export const Library = memo(function Library({ bundle, focus }: Props) {
  const { t, api, session, announce, themeLabel } = useSession();
  const [filters, setFilters] = useState<Filters>(EMPTY_FILTERS);
  const { state, total, retry, loadMore, replaceItem, removeItem } = useLibrarySearch(api, filters);
  const [pinned, setPinned] = useState<{ status: "loading" } | { status: "ready"; item: Item } | { status: "error"; message: string } | null>(null);
  const searchField = useRef<HTMLInputElement>(null);
  const moreRef = useRef<HTMLDivElement>(null);
  const update = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const filterCount = activeFilterCount(filters);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  // The popup asked for one item: fetch it and show it above the results.
  useEffect(() => {
    if (!focus) return;
    const ctl = new AbortController();
    setPinned({ status: "loading" });
    api.item(focus.itemId, ctl.signal).then(
      (item) => {
        setPinned({ status: "ready", item });
        setTimeout(() => document.getElementById(`item-${item.id}`)?.querySelector("a")?.focus(), 0);
      },
      (error) => !isAbort(error) && setPinned({ status: "error", message: describeError(error, t) }),
    );
    return () => ctl.abort();
  }, [focus?.itemId, focus?.nonce, api]);

  // Back online: try again without being asked.
  useEffect(() => {
    const online = () => state.phase === "error" && retry();
    addEventListener("online", online);
    return () => removeEventListener("online", online);
  }, [state.phase]);

  // Scrolling near the end loads the next page; the button does the same for keyboards and slow scrolls.
  useEffect(() => {
    const target = moreRef.current;
    if (!target || !state.nextCursor || state.refreshing || state.more !== "idle") return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void loadMore(), { rootMargin: "200px" });
    observer.observe(target);
    return () => observer.disconnect();
  }, [state.nextCursor, state.refreshing, state.more, state.items.length]);

  const scopes = useMemo(() => {
    const list: { value: string; label: string }[] = [
      { value: "all", label: t("library.scope.all") },
      { value: "mine", label: t("library.scope.mine") },
    ];
    for (const school of session.schools) {
      list.push({ value: `school:${school.id}`, label: session.schools.length === 1 ? t("library.scope.school") : school.name });
    }
    for (const community of session.communities) {
      list.push({ value: `community:${community.id}`, label: session.communities.length === 1 ? t("library.scope.community") : community.name });
    }
    return list;
  }, [session, t]);

  const changed = (item: Item) => {
    replaceItem(item);
    if (pinned?.status === "ready" && pinned.item.id === item.id) setPinned({ status: "ready", item });
  };
  const deleted = (item: Item) => {
    const index = state.items.findIndex((i) => i.id === item.id);
    const next = state.items[index + 1] ?? state.items[index - 1];
    removeItem(item.id);
    if (pinned?.status === "ready" && pinned.item.id === item.id) setPinned(null);
    // Focus goes to the neighbouring result, or back to the search field.
    setTimeout(() => {
      const target = next && document.getElementById(`item-${next.id}`)?.querySelector<HTMLElement>("h3 a");
      (target ?? searchField.current)?.focus();
    }, 0);
  };

  const clearAll = () => {
    setFilters(EMPTY_FILTERS);
    searchField.current?.focus();
    announce(t("library.cleared"));
  };

  return (
    <div class="library">
      <form role="search" class="search" onSubmit={(e) => e.preventDefault()}>
        <label for="library-q" class="visually-hidden">
          {t("library.search")}
        </label>
        <input
          id="library-q"
          ref={searchField}
          type="search"
          autocomplete="off"
          placeholder={t("library.searchPlaceholder")}
          value={filters.q}
          onInput={(e) => update({ q: (e.target as HTMLInputElement).value })}
        />
      </form>

      <ExportMenu what={{ saves: true }} label={t("exports.library")} />

      <fieldset class="scopes">
        <legend class="visually-hidden">{t("library.scope.legend")}</legend>
        <div class="chips">
          {scopes.map((scope) => (
            <label class="choice" key={scope.value}>
              <input type="radio" name="scope" value={scope.value} checked={filters.scope === scope.value} onChange={() => update({ scope: scope.value })} />
              <span>{scope.label}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <details class="filters">
        <summary>
          {t("library.filters")}
          {filterCount > 0 && <span class="count"> ({filterCount})</span>}
        </summary>
        <LibraryFilters filters={filters} facets={state.facets} onChange={update} />
      </details>

      {filterCount > 0 && (
        <ul class="chips active-filters" aria-label={t("library.activeFilters")}>
          {filters.themes.map((slug) => (
            <ActiveFilter key={`t-${slug}`} label={themeLabel(slug)} onRemove={() => update({ themes: filters.themes.filter((s) => s !== slug) })} />
          ))}
          {filters.kinds.map((kind) => (
            <ActiveFilter key={`k-${kind}`} label={t(kindKey(kind))} onRemove={() => update({ kinds: filters.kinds.filter((k) => k !== kind) })} />
          ))}
          {filters.sectors.map((sector) => (
            <ActiveFilter key={`s-${sector}`} label={sector.toUpperCase()} onRemove={() => update({ sectors: filters.sectors.filter((s) => s !== sector) })} />
          ))}
          {filters.visibilities.map((v) => (
            <ActiveFilter key={`v-${v}`} label={t(visibilityKey(v))} onRemove={() => update({ visibilities: filters.visibilities.filter((x) => x !== v) })} />
          ))}
          <li>
            <button type="button" class="link-button" onClick={() => update({ themes: [], kinds: [], sectors: [], visibilities: [] })}>
              {t("library.clearFilters")}
            </button>
          </li>
        </ul>
      )}

      {filters.scope.startsWith("school:") && <AcceptedBundles schoolId={filters.scope.slice(7)} />}

      <div class="results-bar">
        <p class="result-count" role="status" data-testid="result-count" data-total={total ?? ""}>
          {state.phase === "error" ? "" : state.refreshing || total === undefined ? t("library.searching") : t(total === 1 ? "library.resultOne" : "library.results", { count: total.toLocaleString() })}
        </p>
        {filters.q.trim() && (
          <div class="sort">
            <label for="library-sort">{t("library.sort")}</label>
            <select id="library-sort" value={filters.sort} onChange={(e) => update({ sort: (e.target as HTMLSelectElement).value as Filters["sort"] })}>
              <option value="relevance">{t("library.sort.relevance")}</option>
              <option value="recent">{t("library.sort.recent")}</option>
            </select>
          </div>
        )}
      </div>

      <Selection items={state.items} selected={selected} onSelect={setSelected} onReplace={replaceItem} onRemove={removeItem} />

      {pinned && (
        <section class="pinned" aria-label={t("library.pinned")} data-testid="pinned">
          <div class="row spread">
            <h2>{t("library.pinned")}</h2>
            <button type="button" class="link-button" onClick={() => setPinned(null)}>
              {t("common.close")}
            </button>
          </div>
          {pinned.status === "loading" && <p class="hint">{t("common.loading")}</p>}
          {pinned.status === "error" && (
            <p class="notice error" role="alert">
              {pinned.message}
            </p>
          )}
          {pinned.status === "ready" && <ItemCard item={pinned.item} highlighted bundle={bundle} onChanged={changed} onDeleted={deleted} />}
        </section>
      )}

      <h2 class="visually-hidden">{t("library.resultsHeading")}</h2>
      {state.phase === "loading" && <Skeleton />}
      {state.phase === "error" && <ErrorState error={state.error} onRetry={retry} />}
      {state.phase === "ready" && state.items.length === 0 && !state.refreshing && (
        <EmptyState filters={filters} onClear={clearAll} />
      )}
      {state.phase === "ready" && state.items.length > 0 && (
        <div class={`results${state.refreshing ? " stale" : ""}`} aria-busy={state.refreshing} data-testid="results">
          {state.items.map((item) => (
            <ItemCard key={item.id} item={item} bundle={bundle} onChanged={changed} onDeleted={deleted} selection={{ selected: selected.has(item.id), onToggle: () => toggle(item.id) }} />
          ))}
        </div>
      )}
      {state.phase === "ready" && state.nextCursor && (
        <div class="more" ref={moreRef}>
          {state.more === "error" && (
            <p class="notice error" role="alert">
              {describeError(state.moreError, t)}
            </p>
          )}
          <button type="button" class="button secondary" disabled={state.more === "loading" || state.refreshing} onClick={() => void loadMore()}>
            {state.more === "loading" ? t("common.loading") : state.more === "error" ? t("common.retry") : t("library.loadMore")}
          </button>
        </div>
      )}
      {state.phase === "ready" && !state.nextCursor && state.items.length > 0 && !state.refreshing && (
        <p class="hint end" data-testid="end-of-results">
          {t("library.end")}
        </p>
      )}
      <ImportLink />
    </div>
  );
});

/**
 * "Select all on this page" and, once something is selected, the bar of actions. Only the person's own
 * saves can be selected: the server changes nothing of a colleague's.
 */
function Selection({ items, selected, onSelect, onReplace, onRemove }: {
  items: Item[];
  selected: ReadonlySet<string>;
  onSelect(ids: ReadonlySet<string>): void;
  onReplace(item: Item): void;
  onRemove(id: string): void;
}) {
  const { t, itemDeleted } = useSession();
  const own = items.filter((item) => item.mySave);
  // A save that left the list (deleted, or a new search) leaves the selection too.
  const chosen = own.filter((item) => selected.has(item.id));
  if (own.length === 0) return null;
  const all = chosen.length === own.length;
  return (
    <>
      <label class="check select-all">
        <input type="checkbox" checked={all} onChange={() => onSelect(new Set(all ? [] : own.map((item) => item.id)))} data-testid="select-all" />
        <span>{t("bulk.selectAll")}</span>
      </label>
      {chosen.length > 0 && (
        <BulkActions
          items={chosen}
          onClear={() => onSelect(new Set())}
          onDone={(type, answer) => {
            if (type === "delete") {
              for (const item of chosen) {
                onRemove(item.id);
                itemDeleted(item);
              }
              onSelect(new Set());
            } else {
              for (const item of answer.items) onReplace(item);
            }
          }}
        />
      )}
    </>
  );
}

function ActiveFilter({ label, onRemove }: { label: string; onRemove(): void }) {
  const { t } = useSession();
  return (
    <li class="chip selected">
      {label}
      <button type="button" aria-label={t("library.removeFilter", { filter: label })} onClick={onRemove}>
        ×
      </button>
    </li>
  );
}

function Skeleton() {
  const { t } = useSession();
  return (
    <div class="skeleton" aria-busy="true" data-testid="loading">
      <p class="visually-hidden">{t("common.loading")}</p>
      {[0, 1, 2].map((i) => (
        <div key={i} class="card skeleton-card" aria-hidden="true">
          <span />
          <span />
          <span />
        </div>
      ))}
    </div>
  );
}

function EmptyState({ filters, onClear }: { filters: Filters; onClear(): void }) {
  const { t, pageInView } = useSession();
  const searching = filters.q.trim() !== "" || activeFilterCount(filters) > 0;
  if (!searching && filters.scope === "all") {
    // Without the extension (the web app) there is no toolbar button: the way in is the clip form.
    return (
      <StateMessage tone="empty" title={t("library.empty.libraryTitle")} testId="empty-state">
        {pageInView ? (
          <p>{t("library.empty.library")}</p>
        ) : (
          <p>
            {t("web.library.empty")} <a href="/app/clip">{t("web.nav.clip")}</a>
          </p>
        )}
      </StateMessage>
    );
  }
  if (!searching && filters.scope === "mine") {
    return (
      <StateMessage tone="empty" title={t("library.empty.mineTitle")} testId="empty-state">
        <p>{t("library.empty.mine")}</p>
      </StateMessage>
    );
  }
  return (
    <StateMessage tone="empty" title={filters.q.trim() ? t("library.empty.searchTitle", { q: filters.q.trim() }) : t("library.empty.filterTitle")} testId="empty-state">
      <p>{t("library.empty.search")}</p>
      <div class="row">
        <button type="button" class="button secondary" onClick={onClear}>
          {t("library.clearAll")}
        </button>
      </div>
    </StateMessage>
  );
}
