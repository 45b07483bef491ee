import { browser } from "#imports";
import { sendMessage } from "../../lib/messaging";
import { showInLibrary } from "../../lib/side-panel";
import { lastUsedItem, readSettings, sessionItem, tagHistoryItem } from "../../lib/storage";
import type { ClipperHost } from "./host";

/** The side panel opens the clipper for one tab (`?tab=<id>`); the toolbar popup clips the active one. */
const namedTab = () => {
  const named = Number(new URLSearchParams(location.search).get("tab"));
  return Number.isInteger(named) && named > 0 ? named : undefined;
};

async function targetTabId(): Promise<number | undefined> {
  const named = namedTab();
  if (named !== undefined) return named;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** The clipper in the extension's popup: the tab is read and the clip sent by the background. */
export function extensionHost(): ClipperHost {
  let windowId: number | undefined;
  return {
    async start() {
      const [settings, session, lastUsed, tagHistory] = await Promise.all([
        readSettings(),
        sessionItem.getValue(),
        lastUsedItem.getValue(),
        tagHistoryItem.getValue(),
      ]);
      return { settings, session, lastUsed, tagHistory };
    },
    async capture() {
      const tabId = await targetTabId();
      // A tab closed since (or an old link to the clipper): say so rather than wait for ever.
      const tab = tabId === undefined ? undefined : await browser.tabs.get(tabId).catch(() => undefined);
      if (tabId === undefined || !tab) return null;
      windowId = tab.windowId;
      const captured = await sendMessage("capturePage", tabId);
      return { captured, title: captured.supported ? tab.title : undefined };
    },
    async currentTitle(captured) {
      return (await browser.tabs.get(captured.tabId).catch(() => undefined))?.title;
    },
    lookup: (url) => sendMessage("lookupUrl", url),
    save: (request, title) => sendMessage("saveClip", { request, title }),
    taxonomy: () => sendMessage("taxonomy"),
    deliverQueue: () => sendMessage("flushQueue"),
    dismissFailed: (id) => sendMessage("dismissFailed", id),
    openSettings: () => void browser.runtime.openOptionsPage(),
    showInLibrary(item) {
      // Straight from the click: the browser only opens the panel inside a user action.
      void showInLibrary(item.id, windowId).then(
        () => {
          // The toolbar popup steps aside for the library; a clipper the side panel opened stays.
          if (!new URLSearchParams(location.search).has("tab")) window.close();
        },
        () => undefined,
      );
    },
  };
}
