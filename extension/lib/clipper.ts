/**
 * Clipping, as the background does it for the popup, the context menu and the shortcut: read the page,
 * send the clip, and queue it when the server cannot be reached.
 */
import { browser } from "#imports";
import { requestFromTab, toCreateItemRequest, type ExtractedPage } from "../../shared/clip-request";
import { translate } from "../../shared/i18n";
import { type CreateItemRequest, type Item } from "../../shared/schemas";
import { ApiError, describeError } from "./api-error";
import type { CapturedPage, SaveOutcome } from "./messaging";
import { enqueue } from "./queue";
import { currentLanguage, signedInApi } from "./session";
import { lastUsedItem, ownerOf, readSettings, tagHistoryItem } from "./storage";

export const isClippable = (url: string | undefined): url is string => !!url && /^https?:\/\//i.test(url);

/** Reads the page in its tab with the bundled extractor; falls back to the tab's title and URL. */
export async function capturePage(tabId: number): Promise<CapturedPage> {
  const tab = await browser.tabs.get(tabId);
  const url = tab.url ?? "";
  const base = { tabId, url, favIconUrl: tab.favIconUrl ?? null };
  if (!isClippable(url)) return { ...base, supported: false, page: null, extractFailed: false };
  try {
    const [result] = await browser.scripting.executeScript({ target: { tabId }, files: ["/extract.js"] });
    const page = result?.result as ExtractedPage | undefined;
    if (page && typeof page.url === "string") return { ...base, supported: true, page, extractFailed: false };
  } catch {
    // Pages the extension may not script (the PDF viewer, the web store) are clipped by title and URL.
  }
  return { ...base, supported: true, page: null, extractFailed: true };
}

/** The request for a clip made without the popup: the default circle (the school's, if its policy sets one), no themes. */
export async function quickRequest(captured: CapturedPage, tabTitle: string | undefined, quote?: string): Promise<CreateItemRequest> {
  const settings = await readSettings();
  const visibility = settings.defaultVisibility;
  const request = captured.page ? toCreateItemRequest(captured.page) : requestFromTab(captured.url, tabTitle, captured.favIconUrl);
  if (quote) request.quote = quote;
  return { ...request, visibility, communityId: visibility === "community" ? settings.defaultCommunityId : undefined };
}

const newKey = () => crypto.randomUUID();

/** The person's last choices, for next time: a convenience that must never fail a clip. */
async function remember(request: CreateItemRequest) {
  await rememberChoices(request).catch(() => undefined);
}

const RECENT_THEMES = 8;

async function rememberChoices(request: CreateItemRequest) {
  // Themes are remembered as a short list of recent ones, offered as chips; a clip without themes keeps it.
  const before = await lastUsedItem.getValue();
  await lastUsedItem.setValue({
    themes: [...new Set([...(request.themes ?? []), ...before.themes])].slice(0, RECENT_THEMES),
    visibility: request.visibility ?? null,
    communityId: request.communityId ?? null,
  });
  if (request.tags?.length) {
    const history = await tagHistoryItem.getValue();
    const tags = request.tags.map((t) => t.toLowerCase());
    await tagHistoryItem.setValue([...new Set([...tags, ...history])].slice(0, 200));
  }
}

/**
 * Sends a clip. Unreachable server, 5xx or 429: the clip is queued with its Idempotency-Key and
 * delivered later. Other refusals are returned for the person to see.
 */
export async function saveClip(request: CreateItemRequest, title: string, onSaved?: (item: Item) => void): Promise<SaveOutcome> {
  const signedIn = await signedInApi();
  if (!signedIn) return { status: "signed-out" };
  const key = newKey();
  try {
    const { item, existing } = await signedIn.api.saveItem(request, key);
    await remember(request);
    onSaved?.(item);
    return { status: "saved", item, existing };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.retryable) {
      await remember(request);
      try {
        return { status: "queued", pending: await enqueue(key, ownerOf(signedIn.session), request, title, error) };
      } catch {
        // Extension storage refused the clip (a full disk): say so rather than pretend it waits.
        return { status: "rejected", code: "not_queued", message: translate(await currentLanguage(), "error.notQueued"), retryAfterSeconds: null };
      }
    }
    const language = await currentLanguage();
    const message = describeError(error, (key, params) => translate(language, key, params));
    return { status: "rejected", code: error.code, message, retryAfterSeconds: error.retryAfterSeconds };
  }
}
