/**
 * Clipping without opening anything: the page, a link or a selection from the context menu, the page
 * from the keyboard shortcut. The person hears how it went through a notification.
 */
import { browser, type Browser } from "#imports";
import { translate, type MessageKey } from "../../../shared/i18n";
import { LIMITS } from "../../../shared/vocabulary";
import { rememberItem, showBadge } from "../../lib/badge";
import { capturePage, isClippable, quickRequest, saveClip } from "../../lib/clipper";
import type { SaveOutcome } from "../../lib/messaging";
import { currentLanguage } from "../../lib/session";
import { readSettings } from "../../lib/storage";
import { scheduleQueue } from "./delivery";

export const MENU = { page: "save-page", link: "save-link", selection: "save-selection", library: "open-library" } as const;

export async function createMenus() {
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
export async function quickClip(kind: "page" | "link" | "selection", tab: Browser.tabs.Tab | undefined, info?: { linkUrl?: string; selectionText?: string }) {
  if (!tab?.id) return null;
  let request;
  if (kind === "link") {
    if (!isClippable(info?.linkUrl)) return null;
    const settings = await readSettings();
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
