/**
 * What the features get from the extension when the side panel mounts them: the background does the
 * clipping and keeps the toolbar mark, the browser knows the page in view. A web page mounting the same
 * features leaves these out.
 */
import { browser, type Browser } from "#imports";
import { requestFromTab, toCreateItemRequest } from "../../../shared/clip-request";
import type { Item } from "../../../shared/schemas";
import type { Visibility } from "../../../shared/vocabulary";
import { sendMessage } from "../../lib/messaging";
import type { PageInView } from "../context";

/**
 * The page the person is looking at: the active tab of the window the panel belongs to; when the panel
 * runs as a tab of its own (or in its own window), the most recently used web page in any window.
 */
async function currentPageTab(): Promise<Browser.tabs.Tab | undefined> {
  const [here] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (here && isClippable(here.url)) return here;
  const active = (await browser.tabs.query({ active: true })).filter((tab) => isClippable(tab.url));
  return active.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
}

// Not lib/clipper's: importing it would bring the background's modules into the panel.
const isClippable = (url: string | undefined): url is string => !!url && /^https?:\/\//i.test(url);

export const pageInView: PageInView = {
  async clip(circle: Visibility) {
    const tab = await currentPageTab();
    if (!tab?.id || !isClippable(tab.url)) return { status: "unsupported" };
    const known = await sendMessage("lookupUrl", tab.url);
    if (known) return { status: "saved", item: known, existing: true };
    const captured = await sendMessage("capturePage", tab.id);
    if (!captured.supported) return { status: "unsupported" };
    const request = captured.page ? toCreateItemRequest(captured.page) : requestFromTab(captured.url, tab.title, captured.favIconUrl);
    request.visibility = circle;
    return sendMessage("saveClip", { request, title: request.title ?? request.url });
  },
};

/** The toolbar may still mark the deleted page as saved; the side panel works without it, so never wait. */
export function itemDeleted(item: Item) {
  void sendMessage("libraryChanged", { itemId: item.id, url: item.url }).catch(() => undefined);
}

/** The extension's settings page, where a person also signs in. */
export function openSettings() {
  void browser.runtime.openOptionsPage();
}
