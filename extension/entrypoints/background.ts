import { browser, defineBackground, type Browser } from "#imports";
import { translate, type MessageKey } from "../../shared/i18n";
import { LIMITS } from "../../shared/vocabulary";
import { forgetItem, forgetLookups, lookup, refreshActiveBadge, refreshBadge, rememberItem, showBadge } from "../lib/badge";
import { capturePage, isClippable, quickRequest, saveClip } from "../lib/clipper";
import { onMessage, type QueueStatus, type SaveOutcome } from "../lib/messaging";
import { dismissFailed, flush, nextDue, queueStatusOf } from "../lib/queue";
import { CheckedApi } from "../lib/checked-api";
import { currentLanguage, signedInApi } from "../lib/session";
import { openSidePanel } from "../lib/side-panel";
import { ownerOf, settingsItem, taxonomyItem, type ClipOwner } from "../lib/storage";

const QUEUE_ALARM = "knooppunt-queue";
const MENU = { page: "save-page", link: "save-link", selection: "save-selection", library: "open-library" } as const;

/** Whose clips can be delivered now: only the signed-in person's; others wait for their owner. */
async function currentOwner(): Promise<ClipOwner | null> {
  const signedIn = await signedInApi();
  return signedIn ? ownerOf(signedIn.session) : null;
}

async function queueStatus(owner?: ClipOwner | null): Promise<QueueStatus> {
  return queueStatusOf(owner === undefined ? await currentOwner() : owner);
}

async function scheduleQueue(owner?: ClipOwner | null) {
  const due = await nextDue(owner === undefined ? await currentOwner() : owner);
  if (due === null) await browser.alarms.clear(QUEUE_ALARM);
  else await browser.alarms.create(QUEUE_ALARM, { when: Math.max(Date.now() + 1000, due) });
}

async function deliverQueue(force = false) {
  const signedIn = await signedInApi();
  const owner = signedIn ? ownerOf(signedIn.session) : null;
  let sessionExpired = false;
  try {
    if (signedIn && owner) {
      const result = await flush(signedIn.api, owner, {
        force,
        onDelivered: (clip, item) => rememberItem(clip.request.url, item),
      });
      sessionExpired = result.sessionExpired;
    }
  } finally {
    // Whatever happened, the next attempt stays planned; after an ended session, the next sign-in
    // (sessionChanged) or the popup starts it, instead of an alarm sending refused clips all day.
    if (sessionExpired) await browser.alarms.clear(QUEUE_ALARM);
    else await scheduleQueue(owner);
  }
  return queueStatus(owner);
}

const TAXONOMY_MAX_AGE_MS = 24 * 3_600_000;

async function taxonomy() {
  const cached = await taxonomyItem.getValue();
  if (cached && Date.now() - Date.parse(cached.fetchedAt) < TAXONOMY_MAX_AGE_MS) return cached.themes;
  const signedIn = await signedInApi();
  const api = signedIn?.api ?? new CheckedApi((await settingsItem.getValue()).serverUrl);
  try {
    const themes = await api.themes();
    await taxonomyItem.setValue({ themes, fetchedAt: new Date().toISOString() });
    return themes;
  } catch {
    // Offline: the last known taxonomy still lets the person choose themes.
    return cached?.themes ?? [];
  }
}

async function createMenus() {
  const language = await currentLanguage();
  const title = (key: MessageKey) => translate(language, key);
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: MENU.page, title: title("menu.savePage"), contexts: ["page"] });
  browser.contextMenus.create({ id: MENU.link, title: title("menu.saveLink"), contexts: ["link"] });
  browser.contextMenus.create({ id: MENU.selection, title: title("menu.saveSelection"), contexts: ["selection"] });
  // The toolbar button opens the clipper; its right-click menu (and a shortcut) opens the library beside the page.
  browser.contextMenus.create({ id: MENU.library, title: title("menu.openLibrary"), contexts: ["action"] });
}

async function notify(outcome: SaveOutcome, title: string) {
  const language = await currentLanguage();
  const message =
    outcome.status === "saved"
      ? translate(language, "notify.saved", { title })
      : outcome.status === "queued"
        ? translate(language, "notify.queued", { title })
        : outcome.status === "signed-out"
          ? translate(language, "notify.signInFirst")
          : translate(language, "notify.failed", { message: outcome.message });
  await browser.notifications
    .create({ type: "basic", iconUrl: browser.runtime.getURL("/icon/128.png"), title: "Knooppunt", message })
    .catch(() => undefined);
}

/** Clips without opening anything: context menu and keyboard shortcut. */
async function quickClip(kind: "page" | "link" | "selection", tab: Browser.tabs.Tab | undefined, info?: { linkUrl?: string; selectionText?: string }) {
  if (!tab?.id) return null;
  let request;
  if (kind === "link") {
    if (!isClippable(info?.linkUrl)) return null;
    const settings = await settingsItem.getValue();
    request = { url: info.linkUrl, visibility: settings.defaultVisibility, communityId: settings.defaultVisibility === "community" ? settings.defaultCommunityId : undefined };
  } else {
    const captured = await capturePage(tab.id);
    if (!captured.supported) return null;
    request = await quickRequest(captured, tab.title, kind === "selection" ? info?.selectionText?.trim().slice(0, LIMITS.quote) : undefined);
  }
  const title = request.title ?? request.url;
  const outcome = await saveClip(request, title, (item) => rememberItem(request.url, item));
  if (outcome.status === "saved" && kind !== "link") await showBadge(tab.id, true);
  if (outcome.status === "queued") await scheduleQueue();
  await notify(outcome, title);
  return outcome;
}

export default defineBackground(() => {
  browser.runtime.onInstalled.addListener(() => {
    void createMenus();
    void deliverQueue();
  });
  browser.runtime.onStartup.addListener(() => void deliverQueue());
  settingsItem.watch(() => {
    void createMenus();
  });

  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU.library) {
      void openSidePanel(tab?.windowId).catch(() => undefined);
      return;
    }
    const kind = info.menuItemId === MENU.link ? "link" : info.menuItemId === MENU.selection ? "selection" : "page";
    void quickClip(kind, tab, info);
  });
  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command === "open-library") {
      void openSidePanel(tab?.windowId).catch(() => undefined);
      return;
    }
    if (command !== "save-page") return;
    const active = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
    void quickClip("page", active);
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === QUEUE_ALARM) void deliverQueue();
  });

  browser.tabs.onActivated.addListener(async ({ tabId }) => {
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    if (tab) void refreshBadge(tabId, tab.url);
  });
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === "complete" && tab.active) void refreshBadge(tabId, tab.url);
  });

  onMessage("capturePage", ({ data }) => capturePage(data));
  onMessage("lookupUrl", ({ data }) => lookup(data));
  onMessage("saveClip", async ({ data }) => {
    const outcome = await saveClip(data.request, data.title, (item) => rememberItem(data.request.url, item));
    if (outcome.status === "queued") await scheduleQueue();
    if (outcome.status === "saved") void refreshActiveBadge().catch(() => undefined);
    return outcome;
  });
  onMessage("libraryChanged", async ({ data }) => {
    forgetItem(data.itemId, data.url);
    await refreshActiveBadge().catch(() => undefined);
  });
  onMessage("queueStatus", () => queueStatus());
  onMessage("flushQueue", () => deliverQueue(true));
  onMessage("dismissFailed", async ({ data }) => {
    const owner = await currentOwner();
    if (owner) await dismissFailed(data, owner);
    return queueStatus(owner);
  });
  onMessage("taxonomy", () => taxonomy());
  onMessage("sessionChanged", async () => {
    forgetLookups();
    await taxonomyItem.setValue(null);
    void deliverQueue(true);
  });

  // A handle for the service-worker console and the browser tests, which cannot click native menus.
  Object.assign(globalThis, { knooppunt: { quickClip, deliverQueue, queueStatus } });
});
