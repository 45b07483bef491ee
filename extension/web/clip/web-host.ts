/**
 * The clipper on a web page (/app/clip): the same Clipper as the extension's popup, for a link that came
 * from a phone's share sheet, the paste form or the bookmarklet. There is no tab to read, so the page's
 * facts come from the bookmarklet (read in the page itself), else from the server (POST
 * /api/v1/pages/facts), else from what was shared: address, title and the shared text as the quote.
 * Clips the server cannot be reached for wait in IndexedDB (pwa/waiting-clips.ts).
 */
import type { ExtractedPage } from "../../../shared/clip-request";
import { guessKindFromUrl } from "../../../shared/url";
import { LIMITS } from "../../../shared/vocabulary";
import { translate, type UiLanguage } from "../../../shared/i18n";
import type { Theme } from "../../../shared/schemas";
import { ApiError, describeError } from "../../lib/api-error";
import { newIdempotencyKey, type KnooppuntApi } from "../../lib/api";
import type { CapturedPage } from "../../lib/messaging";
import type { Session } from "../../lib/storage";
import type { ClipperHost } from "../../features/clipper/host";
import { deliverWaiting, dismissFailed, keepWaiting, ownerOf, waitingStatus } from "../pwa/waiting-clips";
import { cachedTaxonomy, keepTaxonomy, lastUsed, rememberChoices, tagHistory } from "./remembered-choices";
import type { SharedLink } from "./shared-link";

export interface WebClipContext {
  session: Session;
  api: KnooppuntApi;
  language: UiLanguage;
  link: SharedLink;
  /** The page's facts as the bookmarklet read them, when it could. */
  pageFromBookmarklet: ExtractedPage | null;
}

/** What can be said of a link nobody could read: its address, the shared title, the shared text as a quote. */
export function pageFromShare(link: SharedLink): ExtractedPage {
  return {
    url: link.url,
    title: link.title ?? link.url,
    kind: guessKindFromUrl(link.url),
    language: null,
    text: null,
    quote: link.text?.slice(0, LIMITS.quote) ?? null,
    meta: { siteName: null, author: null, publishedAt: null, imageUrl: null, faviconUrl: null, excerpt: null, canonicalUrl: null, video: null },
    keywords: [],
    headings: [],
  };
}

/** A page read elsewhere keeps what the person shared with it: the sharing app's text becomes the quote when the page gave none. */
const withSharedText = (page: ExtractedPage, link: SharedLink): ExtractedPage => (page.quote || !link.text ? page : { ...page, quote: link.text.slice(0, LIMITS.quote) });

export function webClipperHost({ session, api, language, link, pageFromBookmarklet }: WebClipContext): ClipperHost {
  const owner = ownerOf(session);
  const captured = (page: ExtractedPage, extractFailed: boolean, extractProblem?: string): CapturedPage => ({
    tabId: 0,
    url: link.url,
    supported: true,
    page,
    extractFailed,
    extractProblem,
    favIconUrl: null,
  });
  return {
    async start() {
      return {
        settings: { serverUrl: session.serverUrl, language, defaultVisibility: "private", defaultCommunityId: null },
        session,
        lastUsed: lastUsed(),
        tagHistory: tagHistory(),
      };
    },
    async capture() {
      if (pageFromBookmarklet) return { captured: captured(withSharedText(pageFromBookmarklet, link), false), title: link.title };
      try {
        return { captured: captured(withSharedText(await api.pageFacts(link.url), link), false), title: link.title };
      } catch (error) {
        // Refused (422), too many reads (429), offline: what was shared is still worth saving. The server says
        // why it would not read the page (an intranet address, not a web page…), so the person knows too.
        const problem = error instanceof ApiError && error.status === 422 ? describeError(error, (key, params) => translate(language, key, params)) : undefined;
        return { captured: captured(pageFromShare(link), true, problem), title: link.title };
      }
    },
    currentTitle: async () => link.title,
    lookup: (url) => api.lookup(url),
    async save(request, title) {
      const key = newIdempotencyKey();
      try {
        const { item, existing } = await api.saveItem(request, key);
        rememberChoices(request);
        return { status: "saved", item, existing };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.retryable) {
          rememberChoices(request);
          try {
            return { status: "queued", pending: await keepWaiting(key, owner, request, title, error) };
          } catch {
            // The browser refused to keep it (private mode, a full disk): say so rather than pretend it waits.
            return { status: "rejected", code: "not_queued", message: translate(language, "error.notQueued"), retryAfterSeconds: null };
          }
        }
        const message = describeError(error, (key, params) => translate(language, key, params));
        return { status: "rejected", code: error.code, message, retryAfterSeconds: error.retryAfterSeconds };
      }
    },
    async taxonomy(): Promise<Theme[]> {
      try {
        const themes = await api.themes();
        keepTaxonomy(themes);
        return themes;
      } catch {
        return cachedTaxonomy();
      }
    },
    async deliverQueue() {
      await deliverWaiting(api, owner).catch(() => 0);
      return waitingStatus(owner);
    },
    dismissFailed: (id) => dismissFailed(id, owner),
    openSettings: () => location.assign(`/me?lang=${language}`),
    showInLibrary: (item) => location.assign(`/app?item=${encodeURIComponent(item.id)}`),
  };
}
