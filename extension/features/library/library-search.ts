/**
 * Search as you type over the library: typing waits ~250 ms, a newer search cancels the older one's
 * requests, results come a page at a time (nextCursor), and facet counts follow the same filters. An
 * answer that left before a local change (a save deleted or edited here) is dropped and asked again: it
 * would bring the deleted card back, or the edit's old version.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { Item, ItemFacetsResponse } from "../../../shared/schemas";
import type { ItemKind, ItemSector, Visibility } from "../../../shared/vocabulary";
import { isAbort } from "../../lib/api-error";
import type { KnooppuntApi, LibraryQuery } from "../../lib/api";

const PAGE_SIZE = 20;
const TYPING_DELAY_MS = 250;

/** "all", "mine", "school:<id>" or "community:<id>": the quick scopes above the results. */
export type Scope = string;

export interface LibraryFilters {
  q: string;
  scope: Scope;
  themes: string[];
  kinds: ItemKind[];
  sectors: ItemSector[];
  visibilities: Visibility[];
  sort: "relevance" | "recent";
}

export const EMPTY_FILTERS: LibraryFilters = { q: "", scope: "all", themes: [], kinds: [], sectors: [], visibilities: [], sort: "relevance" };

type FacetGroup = "themes" | "kinds" | "sectors" | "visibilities";
const FACET_GROUPS: FacetGroup[] = ["themes", "kinds", "sectors", "visibilities"];

export interface FacetCounts {
  total: number;
  themes: Map<string, number>;
  kinds: Map<string, number>;
  sectors: Map<string, number>;
  visibilities: Map<string, number>;
}

function toQuery(filters: LibraryFilters, without?: FacetGroup): LibraryQuery {
  const query: LibraryQuery = {};
  const q = filters.q.trim();
  if (q) {
    query.q = q;
    query.sort = filters.sort;
  }
  if (without !== "themes" && filters.themes.length) query.theme = filters.themes;
  if (without !== "kinds" && filters.kinds.length) query.kind = filters.kinds;
  if (without !== "sectors" && filters.sectors.length) query.sector = filters.sectors;
  if (without !== "visibilities" && filters.visibilities.length) query.visibility = filters.visibilities;
  if (filters.scope === "mine") query.savedBy = "me";
  else if (filters.scope.startsWith("school:")) query.schoolId = filters.scope.slice(7);
  else if (filters.scope.startsWith("community:")) query.communityId = filters.scope.slice(10);
  return query;
}

export const activeFilterCount = (f: LibraryFilters) => f.themes.length + f.kinds.length + f.sectors.length + f.visibilities.length;

function countsOf(group: FacetGroup, facets: ItemFacetsResponse): Map<string, number> {
  if (group === "themes") return new Map(facets.themes.map((f) => [f.slug, f.count]));
  if (group === "kinds") return new Map(facets.kinds.map((f) => [f.kind, f.count]));
  if (group === "sectors") return new Map(facets.sectors.map((f) => [f.sector, f.count]));
  return new Map(facets.visibilities.map((f) => [f.visibility, f.count]));
}

/**
 * Facet counts where choosing a second kind (or theme, sector, circle) stays possible: a group with a
 * selection is counted without its own filter, every other group with all filters.
 */
async function loadFacets(api: KnooppuntApi, filters: LibraryFilters, signal: AbortSignal): Promise<FacetCounts> {
  const { sort: _sort, ...all } = toQuery(filters);
  const selected = FACET_GROUPS.filter((g) => filters[g].length > 0);
  const [main, ...others] = await Promise.all([
    api.facets(all, signal),
    ...selected.map((g) => {
      const { sort: _s, ...query } = toQuery(filters, g);
      return api.facets(query, signal);
    }),
  ]);
  const counts = { total: main!.total } as FacetCounts;
  for (const group of FACET_GROUPS) {
    const index = selected.indexOf(group);
    counts[group] = countsOf(group, index >= 0 ? others[index]! : main!);
  }
  return counts;
}

interface SearchState {
  /** loading: no results to show yet; ready: results (possibly an older search's while `refreshing`). */
  phase: "loading" | "ready" | "error";
  items: Item[];
  nextCursor: string | null;
  error: unknown;
  refreshing: boolean;
  more: "idle" | "loading" | "error";
  moreError: unknown;
  facets: FacetCounts | null;
  /** The filters `facets` were counted for (JSON): until the counts of a new search arrive, the old ones stay on the filters but are no total of its list. */
  facetsFor: string | null;
}

const INITIAL: SearchState = { phase: "loading", items: [], nextCursor: null, error: null, refreshing: false, more: "idle", moreError: null, facets: null, facetsFor: null };

export function useLibrarySearch(api: KnooppuntApi, filters: LibraryFilters) {
  const [state, setState] = useState<SearchState>(INITIAL);
  const [attempt, setAttempt] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const current = useRef({ filters, cursor: null as string | null, loadingMore: false });
  const lastQ = useRef<string | null>(null);
  /** Counts the local changes: an answer to a request sent before the latest one is out of date. */
  const changes = useRef(0);
  const key = JSON.stringify(filters);

  /** Facet counts as last asked for: an earlier request answering late does not overwrite them. */
  const facetsAsked = useRef(0);
  const showFacets = (asked: LibraryFilters, signal: AbortSignal) => {
    const request = ++facetsAsked.current;
    return loadFacets(api, asked, signal).then(
      (facets) => !signal.aborted && facetsAsked.current === request && setState((s) => ({ ...s, facets, facetsFor: JSON.stringify(asked) })),
      () => undefined, // the list's own error is what the person sees
    );
  };

  useEffect(() => {
    current.current.filters = filters;
    const typed = lastQ.current !== null && lastQ.current !== filters.q;
    lastQ.current = filters.q;
    const run = async () => {
      controller.current?.abort();
      const ctl = new AbortController();
      controller.current = ctl;
      current.current.loadingMore = false;
      current.current.cursor = null;
      const sentAt = changes.current;
      setState((s) => ({ ...s, phase: s.phase === "ready" ? "ready" : "loading", refreshing: true, error: null, more: "idle", moreError: null }));
      try {
        const page = await api.searchItems(toQuery(filters), { limit: PAGE_SIZE }, ctl.signal);
        if (ctl.signal.aborted) return;
        if (changes.current !== sentAt) return setAttempt((n) => n + 1);
        current.current.cursor = page.nextCursor;
        setState((s) => ({ ...s, phase: "ready", items: page.list, nextCursor: page.nextCursor, refreshing: false }));
        // The counts are asked once the list is shown, not beside it: the server answers one request at a
        // time, and counting a word found in nearly every save (about a second in a library of 300,000
        // items) held the list up behind it. A search replaced before it answered asks for no counts.
        void showFacets(filters, ctl.signal);
      } catch (error) {
        if (ctl.signal.aborted || isAbort(error)) return;
        setState((s) => ({ ...s, phase: "error", error, refreshing: false }));
      }
    };
    const timer = setTimeout(() => void run(), typed ? TYPING_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [api, key, attempt]);

  useEffect(() => () => controller.current?.abort(), []);

  const loadMore = async () => {
    const { cursor } = current.current;
    const ctl = controller.current;
    if (!cursor || !ctl || current.current.loadingMore) return;
    current.current.loadingMore = true;
    const sentAt = changes.current;
    setState((s) => ({ ...s, more: "loading", moreError: null }));
    try {
      const page = await api.searchItems(toQuery(current.current.filters), { limit: PAGE_SIZE, cursor }, ctl.signal);
      if (ctl.signal.aborted) return;
      // Left before a local change: the next attempt asks again.
      if (changes.current !== sentAt) return setState((s) => ({ ...s, more: "idle" }));
      current.current.cursor = page.nextCursor;
      setState((s) => {
        const seen = new Set(s.items.map((i) => i.id));
        return { ...s, items: [...s.items, ...page.list.filter((i) => !seen.has(i.id))], nextCursor: page.nextCursor, more: "idle" };
      });
    } catch (error) {
      if (ctl.signal.aborted || isAbort(error)) return;
      setState((s) => ({ ...s, more: "error", moreError: error }));
    } finally {
      if (controller.current === ctl) current.current.loadingMore = false;
    }
  };

  const refreshFacets = () => {
    const ctl = controller.current;
    if (ctl) void showFacets(current.current.filters, ctl.signal);
  };

  return {
    state,
    /** How many results the list has in all, once counted for the filters it shows. */
    total: state.facetsFor === key ? state.facets?.total : undefined,
    retry: () => setAttempt((n) => n + 1),
    loadMore,
    replaceItem: (item: Item) => {
      changes.current += 1;
      setState((s) => ({ ...s, items: s.items.map((i) => (i.id === item.id ? item : i)) }));
    },
    removeItem: (id: string) => {
      changes.current += 1;
      setState((s) => ({ ...s, items: s.items.filter((i) => i.id !== id) }));
      refreshFacets();
    },
  };
}
