/**
 * The extension's one client for the Knooppunt API, typed from the server's routes (`AppType` through
 * `hono/client`): a path, parameter or body the server does not take fails to compile. Zod-free, so the
 * popup and side panel stay small; the background checks what it stores or acts on with the contract's
 * schemas on top (checked-api.ts). Every failure becomes an ApiError that says whether retrying later can
 * help (network, 5xx, 429) or the person must act (other 4xx); every call takes an AbortSignal, so a
 * newer search cancels a stale one.
 */
import { hc, type ClientResponse } from "hono/client";
import type { ExtractedPage } from "../../shared/clip-request";
import type { ImportFormat, OfferStatus } from "../../shared/schemas";
import type { ItemSearchQuery } from "../../shared/schemas";
import type { QuestionsQuery } from "../../shared/schemas";
import { ApiError } from "./api-error";
import type { ApiClient, AppType } from "./api-types";

export { ApiError };

const TIMEOUT_MS = 15_000;

/** The library's filters, as GET /api/v1/items and /items/facets take them (paging apart). */
export type LibraryQuery = Pick<ItemSearchQuery, "q" | "theme" | "kind" | "sector" | "visibility" | "savedBy" | "schoolId" | "communityId" | "sort">;

/** The filters of GET /api/v1/questions (paging apart). */
export type QuestionListQuery = Pick<QuestionsQuery, "status" | "theme" | "schoolId" | "communityId" | "mine">;

export function normaliseServerUrl(input: string): string | null {
  try {
    const url = new URL(input.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** Checks that a Knooppunt answers at this address (the health check is outside the API's routes). */
export async function isKnooppunt(serverUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${serverUrl}/healthz`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = (await response.json()) as { ok?: unknown };
    return response.ok && body.ok === true;
  } catch {
    return false;
  }
}

/**
 * fetch with a timeout, where everything but the caller's own cancel reads as "unreachable". The extension
 * omits cookies: identity travels in its bearer token only, and with a web session open in the same browser
 * a cookie sent along would make a sign-in (which has no token yet) look like a cookie-authenticated write
 * without a CSRF token, which the server refuses. The web app is the other way round: its cookie is its
 * identity, on its own origin only.
 */
const timedFetch =
  (credentials: RequestCredentials): typeof fetch =>
  async (input, init) => {
    const own = init?.signal ?? undefined;
    const timeout = AbortSignal.timeout(TIMEOUT_MS);
    try {
      return await fetch(input, { ...init, credentials, signal: own ? AbortSignal.any([own, timeout]) : timeout });
    } catch (error) {
      // The caller's own cancel stays an AbortError, for it to ignore.
      if (own?.aborted) throw own.reason ?? error;
      throw new ApiError("network", 0, "network", (error as Error).message);
    }
  };

type Answer<R> = R extends ClientResponse<infer T, number, string> ? T : never;

/**
 * The JSON of a successful answer, or the contract's error body as an ApiError. An answer that is not a
 * JSON object (a portal's login page, a proxy's notice) did not come from Knooppunt.
 */
async function answer<R extends ClientResponse<unknown, number, string>>(pending: Promise<R>): Promise<{ status: number; data: Answer<R> }> {
  const response = await pending;
  const text = await response.text().catch(() => "");
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const error = (json as { error?: Record<string, unknown> } | null)?.error;
    const retryAfter = Number(response.headers.get("Retry-After"));
    throw new ApiError(
      "http",
      response.status,
      typeof error?.code === "string" ? error.code : response.status >= 500 ? "server" : "http_error",
      typeof error?.message === "string" ? error.message : `HTTP ${response.status}`,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
      error ?? null,
    );
  }
  if (response.status !== 204 && (json === null || typeof json !== "object")) {
    throw new ApiError("http", response.status, "not_knooppunt", "Unexpected answer from the server.");
  }
  return { status: response.status, data: json as Answer<R> };
}

const data = async <R extends ClientResponse<unknown, number, string>>(pending: Promise<R>) => (await answer(pending)).data;

/** A download as a file to save, named as the server names it (Content-Disposition), else `fallback`; a refusal throws as any answer does. */
async function fileFrom<R extends ClientResponse<unknown, number, string>>(response: R, fallback: string): Promise<{ blob: Blob; filename: string }> {
  if (!response.ok) await answer(Promise.resolve(response));
  const filename = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? fallback;
  return { blob: await response.blob(), filename };
}

/** Ids go into the path as given; encoded, so an odd one cannot change which route is asked. */
const id = (value: string) => encodeURIComponent(value);

/** The JSON body a typed call takes. */
type Body<F> = F extends (args: infer A, ...rest: never[]) => unknown ? (A extends { json: infer J } ? J : never) : never;

const withSignal = (signal: AbortSignal | undefined) => (signal ? { init: { signal } } : undefined);

/** Idempotency keys; crypto.randomUUID exists on secure origins only, and a school may serve Knooppunt over plain http. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class KnooppuntApi {
  private readonly v1: ApiClient["api"]["v1"];

  constructor(
    readonly serverUrl: string,
    token: string | null = null,
    /** The web app's browser session: the cookie identifies the person, every write carries the CSRF token. */
    webSession: { csrfToken: string } | null = null,
  ) {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (webSession) headers["X-CSRF-Token"] = webSession.csrfToken;
    this.v1 = hc<AppType>(serverUrl, { headers, fetch: timedFetch(webSession ? "same-origin" : "omit") }).api.v1;
  }

  /** The CSRF token of the browser session this web page is signed in with (the cookie goes along). */
  static async webSessionToken(serverUrl: string, signal?: AbortSignal): Promise<string> {
    const v1 = hc<AppType>(serverUrl, { headers: { Accept: "application/json" }, fetch: timedFetch("same-origin") }).api.v1;
    return (await data(v1.me["web-session"].$get(undefined, withSignal(signal)))).csrfToken;
  }

  /** An address the server gave (a bundle's page), made absolute for a link. */
  absolute(url: string) {
    try {
      return new URL(url, this.serverUrl).href;
    } catch {
      return url;
    }
  }

  // Account --------------------------------------------------------------------------------------------

  login(email: string, password: string, deviceName: string) {
    return data(this.v1.auth.login.$post({ json: { email, password, deviceName } }));
  }

  /** Trades the one-time code the school-account sign-in sent back for this device's own token. */
  exchangeCode(code: string, deviceName: string) {
    return data(this.v1.auth.code.$post({ json: { code, deviceName } }));
  }

  async logout() {
    await answer(this.v1.auth.logout.$post());
  }

  /** Who the person is now: roles and memberships change after sign-in. */
  me(signal?: AbortSignal) {
    return data(this.v1.me.$get(undefined, withSignal(signal)));
  }

  /** The name others see; null goes back to the default (first name and school for the public). */
  setDisplayName(displayName: string | null) {
    return data(this.v1.me.$patch({ json: { displayName } }));
  }

  /** The person's export as a file to save, with the name the server gives it. */
  async exportFile(format: "json" | "csv" | "html"): Promise<{ blob: Blob; filename: string }> {
    const response = await this.v1.me.export.$get({ query: { format } });
    return fileFrom(response, `knooppunt.${format}`);
  }

  /** An export (issue 16) as a file to save: the person's saves, a bundle, or a school; named as the server names it. */
  async exportDownload(what: { saves: true } | { bundleId: string } | { schoolId: string }, format: "json" | "csv" | "html" | "opml"): Promise<{ blob: Blob; filename: string }> {
    const exports = this.v1.exports;
    const response = await ("bundleId" in what
      ? exports.bundles[":id"].$get({ param: { id: what.bundleId }, query: { format } })
      : "schoolId" in what
        ? exports.schools[":id"].$get({ param: { id: what.schoolId }, query: { format } })
        : exports.saves.$get({ query: { format } }));
    return fileFrom(response, `knooppunt.${format}`);
  }

  deleteAccount(confirm: string, sharedWork: "handOver" | "remove") {
    return data(this.v1.me.$delete({ json: { confirm, sharedWork } }));
  }

  async themes() {
    return (await data(this.v1.themes.$get({ query: {} }))).themes;
  }

  async schools(signal?: AbortSignal) {
    return (await data(this.v1.schools.$get(undefined, withSignal(signal)))).schools;
  }

  // Library ------------------------------------------------------------------------------------------

  /** The library's item for a URL, or null when the person cannot see one. */
  async lookup(url: string) {
    return (await data(this.v1.items.lookup.$get({ query: { url } }))).item;
  }

  /** A clip: `existing` when the person could already see the page and their save was updated. */
  async saveItem(request: Body<ApiClient["api"]["v1"]["items"]["$post"]>, idempotencyKey: string) {
    const { status, data: body } = await answer(this.v1.items.$post({ json: request }, { headers: { "Idempotency-Key": idempotencyKey } }));
    return { item: body.item, existing: status === 200, status };
  }

  /**
   * The server reads a page for a browser that cannot (the web app on a phone): `page.url` is the address
   * after redirects.
   */
  async pageFacts(url: string, signal?: AbortSignal): Promise<ExtractedPage> {
    return (await data(this.v1.pages.facts.$post({ json: { url } }, withSignal(signal)))).page;
  }

  async searchItems(query: LibraryQuery, page: { limit: number; cursor?: string | null }, signal?: AbortSignal) {
    const body = await data(this.v1.items.$get({ query: { ...query, limit: String(page.limit), cursor: page.cursor ?? undefined } }, withSignal(signal)));
    return { list: body.items, nextCursor: body.nextCursor };
  }

  facets(query: Omit<LibraryQuery, "sort">, signal?: AbortSignal) {
    return data(this.v1.items.facets.$get({ query }, withSignal(signal)));
  }

  async item(itemId: string, signal?: AbortSignal) {
    return (await data(this.v1.items[":id"].$get({ param: { id: id(itemId) } }, withSignal(signal)))).item;
  }

  async updateSave(itemId: string, patch: Body<ApiClient["api"]["v1"]["items"][":id"]["$patch"]>) {
    return (await data(this.v1.items[":id"].$patch({ param: { id: id(itemId) }, json: patch }))).item;
  }

  async deleteSave(itemId: string) {
    await answer(this.v1.items[":id"].$delete({ param: { id: id(itemId) } }));
  }

  /**
   * Many of the person's own saves changed in one request, all or nothing. A widening circle answers 409
   * `widening_needs_confirmation` (its counts in the ApiError's body) until `confirmWidening` is sent.
   */
  bulkChangeSaves(request: Body<ApiClient["api"]["v1"]["saves"]["bulk"]["$post"]>, idempotencyKey: string) {
    return data(this.v1.saves.bulk.$post({ json: request }, { headers: { "Idempotency-Key": idempotencyKey } }));
  }

  async setOutcome(itemId: string, outcome: Body<ApiClient["api"]["v1"]["items"][":id"]["outcome"]["$put"]>) {
    return (await data(this.v1.items[":id"].outcome.$put({ param: { id: id(itemId) }, json: outcome }))).item;
  }

  // Bundles ------------------------------------------------------------------------------------------

  /** The bundles the person curates (drafts and published), newest first. */
  async bundles(cursor: string | null, signal?: AbortSignal) {
    const body = await data(this.v1.bundles.$get({ query: { curatedBy: "me", limit: "50", cursor: cursor ?? undefined } }, withSignal(signal)));
    return { list: body.bundles, nextCursor: body.nextCursor };
  }

  async bundle(bundleId: string, signal?: AbortSignal) {
    return (await data(this.v1.bundles[":id"].$get({ param: { id: id(bundleId) } }, withSignal(signal)))).bundle;
  }

  async createBundle(request: Body<ApiClient["api"]["v1"]["bundles"]["$post"]>) {
    return (await data(this.v1.bundles.$post({ json: request }))).bundle;
  }

  async updateBundle(bundleId: string, request: Body<ApiClient["api"]["v1"]["bundles"][":id"]["$patch"]>) {
    return (await data(this.v1.bundles[":id"].$patch({ param: { id: id(bundleId) }, json: request }))).bundle;
  }

  async setBundleItems(bundleId: string, request: Body<ApiClient["api"]["v1"]["bundles"][":id"]["items"]["$put"]>) {
    return (await data(this.v1.bundles[":id"].items.$put({ param: { id: id(bundleId) }, json: request }))).bundle;
  }

  async deleteBundle(bundleId: string) {
    await answer(this.v1.bundles[":id"].$delete({ param: { id: id(bundleId) } }));
  }

  async publishBundle(bundleId: string, version: number) {
    return (await data(this.v1.bundles[":id"].publish.$post({ param: { id: id(bundleId) }, json: { version } }))).bundle;
  }

  async offerBundle(bundleId: string, request: Body<ApiClient["api"]["v1"]["bundles"][":id"]["offers"]["$post"]>) {
    return (await data(this.v1.bundles[":id"].offers.$post({ param: { id: id(bundleId) }, json: request }))).offers;
  }

  reach(bundleId: string, signal?: AbortSignal) {
    return data(this.v1.bundles[":id"].reach.$get({ param: { id: id(bundleId) } }, withSignal(signal)));
  }

  // A school's inbox -----------------------------------------------------------------------------------

  async inbox(schoolId: string, cursor: string | null, signal?: AbortSignal, status?: OfferStatus) {
    const body = await data(
      this.v1.schools[":id"].offers.$get({ param: { id: id(schoolId) }, query: { limit: "20", cursor: cursor ?? undefined, status } }, withSignal(signal)),
    );
    return { list: body.offers, nextCursor: body.nextCursor };
  }

  async acceptOffer(offerId: string) {
    return (await data(this.v1.offers[":id"].accept.$post({ param: { id: id(offerId) } }))).offer;
  }

  async declineOffer(offerId: string, reason: string) {
    return (await data(this.v1.offers[":id"].decline.$post({ param: { id: id(offerId) }, json: reason ? { reason } : {} }))).offer;
  }

  /** Stops the offer's share key; the answer carries the key's state and the page link without it. */
  async revokeOfferKey(offerId: string) {
    return (await data(this.v1.offers[":id"]["revoke-key"].$post({ param: { id: id(offerId) } }))).key;
  }

  /** A new share key for the offer (the old one stops); the answer carries the new page link. */
  async renewOfferKey(offerId: string) {
    return (await data(this.v1.offers[":id"].key.$post({ param: { id: id(offerId) } }))).key;
  }

  // Co-curators ----------------------------------------------------------------------------------------

  /** The brokers who can be added as co-curators (names only). */
  async brokers(signal?: AbortSignal) {
    return (await data(this.v1.brokers.$get(undefined, withSignal(signal)))).brokers;
  }

  async addCurator(bundleId: string, userId: string) {
    return (await data(this.v1.bundles[":id"].curators.$post({ param: { id: id(bundleId) }, json: { userId } }))).bundle;
  }

  /** The owner hands the bundle to a co-curator; the answer is the bundle with its new owner. */
  async makeOwner(bundleId: string, userId: string) {
    return (await data(this.v1.bundles[":id"].owner.$post({ param: { id: id(bundleId) }, json: { userId } }))).bundle;
  }

  async removeCurator(bundleId: string, userId: string) {
    await answer(this.v1.bundles[":id"].curators[":userId"].$delete({ param: { id: id(bundleId), userId: id(userId) } }));
  }

  // What a school receives: subscriptions, feed addresses, webhooks -----------------------------------

  subscriptions(schoolId: string, signal?: AbortSignal) {
    return data(this.v1.schools[":id"].subscriptions.$get({ param: { id: id(schoolId) } }, withSignal(signal)));
  }

  setSubscriptions(schoolId: string, request: Body<ApiClient["api"]["v1"]["schools"][":id"]["subscriptions"]["$put"]>) {
    return data(this.v1.schools[":id"].subscriptions.$put({ param: { id: id(schoolId) }, json: request }));
  }

  feedUrls(schoolId: string, signal?: AbortSignal) {
    return data(this.v1.schools[":id"]["feed-url"].$get({ param: { id: id(schoolId) } }, withSignal(signal)));
  }

  /** A new feed token: the old addresses stop working at once. */
  rotateFeedUrls(schoolId: string) {
    return data(this.v1.schools[":id"]["feed-url"].rotate.$post({ param: { id: id(schoolId) } }));
  }

  /** The school's webhooks, and the hosts the operator lets them reach over plain http. */
  webhooks(schoolId: string, signal?: AbortSignal) {
    return data(this.v1.schools[":id"].webhooks.$get({ param: { id: id(schoolId) } }, withSignal(signal)));
  }

  /** The answer carries the signing secret: the only time it is shown. */
  createWebhook(schoolId: string, request: Body<ApiClient["api"]["v1"]["schools"][":id"]["webhooks"]["$post"]>) {
    return data(this.v1.schools[":id"].webhooks.$post({ param: { id: id(schoolId) }, json: request }));
  }

  async deleteWebhook(schoolId: string, hookId: string) {
    await answer(this.v1.schools[":id"].webhooks[":hookId"].$delete({ param: { id: id(schoolId), hookId: id(hookId) } }));
  }

  /** One page of a webhook's delivery log, newest first. */
  async deliveries(schoolId: string, hookId: string, page: { limit: number; cursor?: string }, signal?: AbortSignal) {
    const body = await data(
      this.v1.schools[":id"].webhooks[":hookId"].deliveries.$get(
        { param: { id: id(schoolId), hookId: id(hookId) }, query: { limit: String(page.limit), cursor: page.cursor } },
        withSignal(signal),
      ),
    );
    return { list: body.deliveries, nextCursor: body.nextCursor };
  }

  // Imports --------------------------------------------------------------------------------------------

  /**
   * A file of links, sent as it is (no form, so a retry is byte for byte the same upload): nothing is saved
   * yet, the answer is the import in review. The same key with the same file answers the first upload.
   */
  async uploadImport(file: Blob, options: { format?: ImportFormat; name?: string }, idempotencyKey: string) {
    const query = { format: options.format, name: options.name };
    const headers = { "Content-Type": file.type || "application/octet-stream", "Idempotency-Key": idempotencyKey };
    return (await data(this.v1.imports.$post({ query }, { headers, init: { body: file } }))).import;
  }

  async importJob(importId: string, signal?: AbortSignal) {
    return (await data(this.v1.imports[":id"].$get({ param: { id: id(importId) } }, withSignal(signal)))).import;
  }

  async startImport(importId: string, request: Body<ApiClient["api"]["v1"]["imports"][":id"]["start"]["$post"]>) {
    return (await data(this.v1.imports[":id"].start.$post({ param: { id: id(importId) }, json: request }))).import;
  }

  async cancelImport(importId: string) {
    return (await data(this.v1.imports[":id"].cancel.$post({ param: { id: id(importId) } }))).import;
  }

  /** Stops reading an import's pages afterwards; what was filled in stays. */
  async stopImportPages(importId: string) {
    return (await data(this.v1.imports[":id"].pages.stop.$post({ param: { id: id(importId) } }))).import;
  }

  /** The person's earlier imports, newest first. */
  async imports(cursor: string | null, signal?: AbortSignal) {
    const body = await data(this.v1.imports.$get({ query: { limit: "20", cursor: cursor ?? undefined } }, withSignal(signal)));
    return { list: body.imports, nextCursor: body.nextCursor };
  }

  /** The import's report as a CSV file to save. */
  async importReport(importId: string): Promise<{ blob: Blob; filename: string }> {
    const response = await this.v1.imports[":id"]["report.csv"].$get({ param: { id: id(importId) } });
    return fileFrom(response, `import-${importId}.csv`);
  }

  // Leervragen -----------------------------------------------------------------------------------------

  /** Asking makes the question; `warnings` say where its text looks like pupil data. */
  askQuestion(request: Body<ApiClient["api"]["v1"]["questions"]["$post"]>, idempotencyKey: string) {
    return data(this.v1.questions.$post({ json: request }, { headers: { "Idempotency-Key": idempotencyKey } }));
  }

  async questions(query: QuestionListQuery, cursor: string | null, signal?: AbortSignal) {
    const body = await data(this.v1.questions.$get({ query: { ...query, limit: "20", cursor: cursor ?? undefined } }, withSignal(signal)));
    return { list: body.questions, nextCursor: body.nextCursor };
  }

  async question(questionId: string, signal?: AbortSignal) {
    return (await data(this.v1.questions[":id"].$get({ param: { id: id(questionId) } }, withSignal(signal)))).question;
  }

  changeQuestion(questionId: string, request: Body<ApiClient["api"]["v1"]["questions"][":id"]["$patch"]>) {
    return data(this.v1.questions[":id"].$patch({ param: { id: id(questionId) }, json: request }));
  }

  /** "Misschien helpt dit al": what the person may read that may already answer the question being typed. */
  questionSuggestions(q: string, themes: string[], signal?: AbortSignal) {
    return data(this.v1.questions.suggestions.$get({ query: { q, themes: themes.length ? themes.join(",") : undefined } }, withSignal(signal)));
  }

  async commentOnQuestion(questionId: string, body: string, idempotencyKey: string) {
    return (await data(this.v1.questions[":id"].comments.$post({ param: { id: id(questionId) }, json: { body } }, { headers: { "Idempotency-Key": idempotencyKey } }))).comment;
  }

  async claimQuestion(questionId: string, mode: "own" | "join") {
    return (await data(this.v1.questions[":id"].claim.$post({ param: { id: id(questionId) }, json: { mode } }))).question;
  }

  answerQuestion(questionId: string, request: Body<ApiClient["api"]["v1"]["questions"][":id"]["answer"]["$post"]>) {
    return data(this.v1.questions[":id"].answer.$post({ param: { id: id(questionId) }, json: request }));
  }

  async recordQuestionFollowup(questionId: string, request: Body<ApiClient["api"]["v1"]["questions"][":id"]["followup"]["$post"]>) {
    return (await data(this.v1.questions[":id"].followup.$post({ param: { id: id(questionId) }, json: request }))).question;
  }

  /** The network overview for a period (brokers and administrators). */
  async questionStats(period: { from?: string; to?: string }, signal?: AbortSignal) {
    return (await data(this.v1.questions.stats.$get({ query: period }, withSignal(signal)))).stats;
  }
}
