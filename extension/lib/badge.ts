/**
 * The toolbar mark for pages already in the library. Lookups are cached per URL for a few minutes, so
 * switching tabs back and forth makes no request storm.
 */
import { browser } from "#imports";
import { translate } from "../../shared/i18n";
import type { Item } from "../../shared/schemas";
import { normaliseUrl } from "../../shared/url";
import { isClippable } from "./clipper";
import { currentLanguage, signedInApi } from "./session";

const TTL_MS = 5 * 60_000;
const cache = new Map<string, { item: Item | null; at: number }>();
const inFlight = new Map<string, Promise<Item | null>>();

const keyOf = (url: string) => {
  try {
    return normaliseUrl(url);
  } catch {
    return null;
  }
};

export function rememberItem(url: string, item: Item | null) {
  const key = keyOf(url);
  if (key) cache.set(key, { item, at: Date.now() });
}

export function forgetLookups() {
  cache.clear();
}

/** Forgets what is known of an item, under every address it was looked up by (a page and its canonical). */
export function forgetItem(itemId: string, url: string) {
  const key = keyOf(url);
  if (key) cache.delete(key);
  for (const [cached, entry] of cache) if (entry.item?.id === itemId) cache.delete(cached);
}

/** Brings the mark of the tab in view up to date, after a save or a delete changed what it shows. */
export async function refreshActiveBadge() {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab?.id !== undefined) await refreshBadge(tab.id, tab.url);
}

/** The library's item for a URL, from the cache when fresh. Network trouble reads as "not known". */
export async function lookup(url: string): Promise<Item | null> {
  const key = keyOf(url);
  if (!key) return null;
  const cached = cache.get(key);
  if (cached && Date.now() - cached.at < TTL_MS) return cached.item;
  const pending = inFlight.get(key);
  if (pending) return pending;
  const request = (async () => {
    const signedIn = await signedInApi();
    if (!signedIn) return null;
    try {
      const item = await signedIn.api.lookup(url);
      cache.set(key, { item, at: Date.now() });
      return item;
    } catch {
      return null;
    } finally {
      inFlight.delete(key);
    }
  })();
  inFlight.set(key, request);
  return request;
}

export async function showBadge(tabId: number, saved: boolean) {
  const language = await currentLanguage();
  await browser.action.setBadgeBackgroundColor({ tabId, color: "#1f7a4d" });
  await browser.action.setBadgeText({ tabId, text: saved ? "✓" : "" });
  await browser.action.setTitle({ tabId, title: saved ? translate(language, "badge.saved") : translate(language, "popup.title") });
}

/**
 * A clip was stored (from the popup, or from the queue long after): remember it, and mark every tab that
 * shows the page, in view or not, so the mark is right when the person looks at it.
 */
export async function markSaved(url: string, item: Item) {
  rememberItem(url, item);
  const addresses = new Set([url, item.url, item.canonicalUrl].map((address) => (address ? keyOf(address) : null)).filter(Boolean));
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs
      .filter((tab) => tab.id !== undefined && isClippable(tab.url) && addresses.has(keyOf(tab.url)))
      .map((tab) => {
        rememberItem(tab.url!, item);
        return showBadge(tab.id!, true);
      }),
  );
}

export async function refreshBadge(tabId: number, url: string | undefined) {
  if (!isClippable(url)) return showBadge(tabId, false);
  const item = await lookup(url);
  await showBadge(tabId, item !== null);
}
