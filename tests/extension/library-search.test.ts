// @vitest-environment jsdom
import { h, render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Item } from "../../shared/schemas";
import type { KnooppuntApi } from "../../extension/lib/api";
import { EMPTY_FILTERS, useLibrarySearch } from "../../extension/features/library/library-search";

const item = (id: string, note = ""): Item => ({ id, title: `Artikel ${id}`, mySave: { note } }) as unknown as Item;

/** A library server whose search answers come when the test says so, in the order it says. */
function controllableLibrary() {
  const searches: { answer(items: Item[]): void }[] = [];
  const api = {
    searchItems: () => new Promise((resolve) => searches.push({ answer: (items: Item[]) => resolve({ list: items, nextCursor: null }) })),
    facets: async () => ({ total: 0, themes: [], kinds: [], sectors: [], visibilities: [] }),
  } as unknown as KnooppuntApi;
  return { api, searches };
}

let search: ReturnType<typeof useLibrarySearch>;
function Library({ api }: { api: KnooppuntApi }) {
  search = useLibrarySearch(api, EMPTY_FILTERS);
  return null;
}

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement("div");
  document.body.append(root);
});
afterEach(async () => {
  await act(() => render(null, root));
  root.remove();
});

/** Lets the answers' promises and the search's timer run, and Preact apply what they changed (twice: a render may start a timer). */
async function settle() {
  for (let round = 0; round < 2; round++) await act(async () => await new Promise((done) => setTimeout(done, 10)));
}
const shown = () => search.state.items.map((i) => i.id);

async function libraryShowing(api: KnooppuntApi, searches: { answer(items: Item[]): void }[], items: Item[]) {
  await act(() => render(h(Library, { api }), root));
  await settle();
  searches[0]!.answer(items);
  await settle();
  expect(shown()).toEqual(items.map((i) => i.id));
}

describe("a search answer that left before a local change", () => {
  it("does not bring back a card deleted while it was on its way", async () => {
    const { api, searches } = controllableLibrary();
    await libraryShowing(api, searches, [item("a"), item("b")]);

    // A refresh is sent; before its answer arrives the person deletes "a".
    await act(() => search.retry());
    await settle();
    expect(searches).toHaveLength(2);
    await act(() => search.removeItem("a"));
    expect(shown()).toEqual(["b"]);

    // The server answered before the delete reached it.
    searches[1]!.answer([item("a"), item("b")]);
    await settle();
    expect(shown()).toEqual(["b"]);

    // The list is asked again, and that answer counts.
    expect(searches).toHaveLength(3);
    searches[2]!.answer([item("b"), item("c")]);
    await settle();
    expect(shown()).toEqual(["b", "c"]);
    expect(search.state.refreshing).toBe(false);
  });

  it("does not put back the old version of a save edited while it was on its way", async () => {
    const { api, searches } = controllableLibrary();
    await libraryShowing(api, searches, [item("a", "oud")]);

    await act(() => search.retry());
    await settle();
    await act(() => search.replaceItem(item("a", "nieuw")));
    searches[1]!.answer([item("a", "oud")]);
    await settle();
    expect(search.state.items[0]!.mySave!.note).toBe("nieuw");

    searches[2]!.answer([item("a", "nieuw")]);
    await settle();
    expect(search.state.items[0]!.mySave!.note).toBe("nieuw");
    expect(search.state.refreshing).toBe(false);
  });

  it("keeps an answer that left after the change", async () => {
    const { api, searches } = controllableLibrary();
    await libraryShowing(api, searches, [item("a"), item("b")]);
    await act(() => search.removeItem("a"));
    await act(() => search.retry());
    await settle();
    searches[1]!.answer([item("b"), item("c")]);
    await settle();
    expect(shown()).toEqual(["b", "c"]);
    expect(searches).toHaveLength(2);
  });
});

describe("the counts beside a search", () => {
  /** A library server that notes each request as it arrives; searches answer when the test says so. */
  function recordingLibrary() {
    const arrived: string[] = [];
    const searches: { answer(items: Item[]): void }[] = [];
    const api = {
      searchItems: (query: { q?: string }) => {
        arrived.push(`search '${query.q ?? ""}'`);
        return new Promise((resolve) => searches.push({ answer: (items: Item[]) => resolve({ list: items, nextCursor: null }) }));
      },
      facets: async (query: { q?: string }) => {
        arrived.push(`facets '${query.q ?? ""}'`);
        return { total: query.q ? query.q.length : 7, themes: [], kinds: [], sectors: [], visibilities: [] };
      },
    } as unknown as KnooppuntApi;
    return { api, arrived, searches };
  }

  let typed: ReturnType<typeof useLibrarySearch>;
  function Typed({ api, q }: { api: KnooppuntApi; q: string }) {
    typed = useLibrarySearch(api, { ...EMPTY_FILTERS, q });
    return null;
  }

  it("are asked once the list has answered, so counting never holds the list up", async () => {
    const { api, arrived, searches } = recordingLibrary();
    await act(() => render(h(Typed, { api, q: "" }), root));
    await settle();
    expect(arrived).toEqual(["search ''"]);
    expect(typed.state.facets).toBe(null);

    searches[0]!.answer([item("a")]);
    await settle();
    expect(arrived).toEqual(["search ''", "facets ''"]);
    expect(typed.state.items.map((i) => i.id)).toEqual(["a"]);
    expect(typed.state.facets?.total).toBe(7);
  });

  it("are not asked for a search replaced before it answered", async () => {
    const { api, arrived, searches } = recordingLibrary();
    await act(() => render(h(Typed, { api, q: "" }), root));
    await settle();
    searches[0]!.answer([item("a")]);
    await settle();

    // "leer" is sent after the typing pause; "leerlingen" replaces it before its answer comes.
    await act(() => render(h(Typed, { api, q: "leer" }), root));
    await act(async () => await new Promise((done) => setTimeout(done, 400)));
    await act(() => render(h(Typed, { api, q: "leerlingen" }), root));
    await act(async () => await new Promise((done) => setTimeout(done, 400)));
    searches[1]!.answer([item("b")]);
    searches[2]!.answer([item("c")]);
    await settle();
    expect(arrived).toEqual(["search ''", "facets ''", "search 'leer'", "search 'leerlingen'", "facets 'leerlingen'"]);
    expect(typed.state.items.map((i) => i.id)).toEqual(["c"]);
    expect(typed.total).toBe("leerlingen".length);
  });

  it("give the list its total only once they are counted for it, never the last search's", async () => {
    const { api, searches } = recordingLibrary();
    await act(() => render(h(Typed, { api, q: "" }), root));
    await settle();
    searches[0]!.answer([item("a")]);
    await settle();
    expect(typed.total).toBe(7);

    await act(() => render(h(Typed, { api, q: "leer" }), root));
    // The old counts stay on the filters, but they are not this search's total.
    expect(typed.state.facets?.total).toBe(7);
    expect(typed.total).toBe(undefined);
    await act(async () => await new Promise((done) => setTimeout(done, 400)));
    searches[1]!.answer([item("b")]);
    await settle();
    expect(typed.total).toBe("leer".length);
  });
});
