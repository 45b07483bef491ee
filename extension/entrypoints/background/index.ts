import { browser, defineBackground } from "#imports";
import { forgetItem, lookup, markSaved, refreshActiveBadge, refreshBadge, rememberItem } from "../../lib/badge";
import { capturePage, saveClip } from "../../lib/clipper";
import { onMessage } from "../../lib/messaging";
import { dismissFailed } from "../../lib/queue";
import { openSidePanel } from "../../lib/side-panel";
import { settingsItem } from "../../lib/storage";
import { signIn, signInWithCode, signOut } from "./account";
import { currentOwner, deliverQueue, QUEUE_ALARM, queueStatus, scheduleQueue } from "./delivery";
import { createMenus, MENU, quickClip } from "./quick-clip";
import { followManagedPolicy } from "./policy";
import { taxonomy } from "./taxonomy";

export default defineBackground(() => {
  browser.runtime.onInstalled.addListener(() => {
    void createMenus();
    void deliverQueue();
  });
  browser.runtime.onStartup.addListener(() => void deliverQueue());
  settingsItem.watch(() => {
    void createMenus();
  });
  followManagedPolicy(signOut);

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
    if (outcome.status === "saved") void markSaved(data.request.url, outcome.item).catch(() => undefined);
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
  onMessage("signIn", ({ data }) => signIn(data));
  onMessage("signInWithCode", ({ data }) => signInWithCode(data));
  onMessage("signOut", () => signOut());

  // A handle for the service-worker console and the browser tests, which cannot click native menus.
  Object.assign(globalThis, { knooppunt: { quickClip, deliverQueue, queueStatus } });
});
