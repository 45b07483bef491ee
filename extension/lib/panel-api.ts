/**
 * The side panel's HTTP client: plain fetch with the session's token, no zod at runtime, so the panel
 * stays small. Shapes come from shared/schemas.ts, shared/bundle-schemas.ts and shared/delivery-schemas.ts
 * as types only; the server validates with the same schemas. Every call takes an AbortSignal, so a newer search cancels a stale one.
 */
import type { Bundle, BundleItemsRequest, CreateBundleRequest, InboxOffer, ReachResponse, UpdateBundleRequest } from "../../shared/schemas";
import type { CreateWebhookRequest, Delivery, FeedUrlsResponse, Subscriptions, SubscriptionsRequest, Webhook } from "../../shared/schemas";
import type { Item, ItemFacetsResponse, ItemListResponse, MeResponse, Outcome, School, UpdateSaveRequest } from "../../shared/schemas";
import type { ItemKind, ItemSector, Visibility } from "../../shared/vocabulary";
import { ApiError } from "./api-error";
import { requestJson } from "./http";


/** The library's filters, as GET /api/v1/items and /items/facets take them. */
export interface LibraryQuery {
  q?: string;
  theme?: string[];
  kind?: ItemKind[];
  sector?: ItemSector[];
  visibility?: Visibility[];
  savedBy?: "me";
  schoolId?: string;
  communityId?: string;
  sort?: "relevance" | "recent";
}

export interface Page<T> {
  list: T[];
  nextCursor: string | null;
}

type OfferRequest = { schoolIds?: string[]; subscribers?: boolean; message?: string };

function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export class PanelApi {
  constructor(
    readonly serverUrl: string,
    private readonly token: string,
  ) {}

  private async call<T>(method: string, path: string, options: { body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
    const { status, json } = await requestJson(this.serverUrl, this.token, method, path, options);
    if (status !== 204 && (json === null || typeof json !== "object")) {
      throw new ApiError("http", status, "not_knooppunt", "Unexpected answer from the server.");
    }
    return json as T;
  }

  /** An address the server gave (a bundle's page), made absolute for a link. */
  absolute(url: string) {
    try {
      return new URL(url, this.serverUrl).href;
    } catch {
      return url;
    }
  }

  /** Who the person is now: roles and memberships change after sign-in. */
  me(signal?: AbortSignal) {
    return this.call<MeResponse>("GET", "/api/v1/me", { signal });
  }

  // Library ------------------------------------------------------------------------------------------

  async searchItems(query: LibraryQuery, page: { limit: number; cursor?: string | null }, signal?: AbortSignal): Promise<Page<Item>> {
    const body = await this.call<ItemListResponse>("GET", `/api/v1/items${queryString({ ...query, ...page })}`, { signal });
    return { list: body.items, nextCursor: body.nextCursor };
  }

  facets(query: Omit<LibraryQuery, "sort">, signal?: AbortSignal) {
    return this.call<ItemFacetsResponse>("GET", `/api/v1/items/facets${queryString(query)}`, { signal });
  }

  async item(id: string, signal?: AbortSignal) {
    return (await this.call<{ item: Item }>("GET", `/api/v1/items/${encodeURIComponent(id)}`, { signal })).item;
  }

  async updateSave(id: string, patch: UpdateSaveRequest) {
    return (await this.call<{ item: Item }>("PATCH", `/api/v1/items/${encodeURIComponent(id)}`, { body: patch })).item;
  }

  async deleteSave(id: string) {
    await this.call<null>("DELETE", `/api/v1/items/${encodeURIComponent(id)}`);
  }

  async setOutcome(id: string, outcome: { applied: boolean; worked: Outcome }) {
    return (await this.call<{ item: Item }>("PUT", `/api/v1/items/${encodeURIComponent(id)}/outcome`, { body: outcome })).item;
  }

  async schools(signal?: AbortSignal) {
    return (await this.call<{ schools: School[] }>("GET", "/api/v1/schools", { signal })).schools;
  }

  // Bundles ------------------------------------------------------------------------------------------

  /** The bundles the person curates (drafts and published), newest first. */
  async bundles(cursor: string | null, signal?: AbortSignal): Promise<Page<Bundle>> {
    const body = await this.call<{ bundles: Bundle[]; nextCursor: string | null }>("GET", `/api/v1/bundles${queryString({ curatedBy: "me", limit: 50, cursor })}`, { signal });
    return { list: body.bundles, nextCursor: body.nextCursor };
  }

  async bundle(id: string, signal?: AbortSignal) {
    return (await this.call<{ bundle: Bundle }>("GET", `/api/v1/bundles/${encodeURIComponent(id)}`, { signal })).bundle;
  }

  async createBundle(request: CreateBundleRequest) {
    return (await this.call<{ bundle: Bundle }>("POST", "/api/v1/bundles", { body: request })).bundle;
  }

  async updateBundle(id: string, request: UpdateBundleRequest) {
    return (await this.call<{ bundle: Bundle }>("PATCH", `/api/v1/bundles/${encodeURIComponent(id)}`, { body: request })).bundle;
  }

  async setBundleItems(id: string, request: BundleItemsRequest) {
    return (await this.call<{ bundle: Bundle }>("PUT", `/api/v1/bundles/${encodeURIComponent(id)}/items`, { body: request })).bundle;
  }

  async deleteBundle(id: string) {
    await this.call<null>("DELETE", `/api/v1/bundles/${encodeURIComponent(id)}`);
  }

  async publishBundle(id: string, version: number) {
    return (await this.call<{ bundle: Bundle }>("POST", `/api/v1/bundles/${encodeURIComponent(id)}/publish`, { body: { version } })).bundle;
  }

  async offerBundle(id: string, request: OfferRequest) {
    return (await this.call<{ offers: { id: string; schoolId: string; status: string; existing?: boolean }[] }>("POST", `/api/v1/bundles/${encodeURIComponent(id)}/offers`, { body: request })).offers;
  }

  reach(id: string, signal?: AbortSignal) {
    return this.call<ReachResponse>("GET", `/api/v1/bundles/${encodeURIComponent(id)}/reach`, { signal });
  }

  // A school's inbox -----------------------------------------------------------------------------------

  async inbox(schoolId: string, cursor: string | null, signal?: AbortSignal, status?: InboxOffer["status"]): Promise<Page<InboxOffer>> {
    const body = await this.call<{ offers: InboxOffer[]; nextCursor: string | null }>(
      "GET",
      `/api/v1/schools/${encodeURIComponent(schoolId)}/offers${queryString({ limit: 20, cursor, status })}`,
      { signal },
    );
    return { list: body.offers, nextCursor: body.nextCursor };
  }

  async acceptOffer(id: string) {
    return (await this.call<{ offer: InboxOffer }>("POST", `/api/v1/offers/${encodeURIComponent(id)}/accept`)).offer;
  }

  async declineOffer(id: string, reason: string) {
    return (await this.call<{ offer: InboxOffer }>("POST", `/api/v1/offers/${encodeURIComponent(id)}/decline`, { body: reason ? { reason } : {} })).offer;
  }

  // Co-curators ----------------------------------------------------------------------------------------

  /** The brokers who can be added as co-curators (names only). */
  async brokers(signal?: AbortSignal) {
    return (await this.call<{ brokers: { id: string; name: string }[] }>("GET", "/api/v1/brokers", { signal })).brokers;
  }

  async addCurator(bundleId: string, userId: string) {
    return (await this.call<{ bundle: Bundle }>("POST", `/api/v1/bundles/${encodeURIComponent(bundleId)}/curators`, { body: { userId } })).bundle;
  }

  async removeCurator(bundleId: string, userId: string) {
    await this.call<null>("DELETE", `/api/v1/bundles/${encodeURIComponent(bundleId)}/curators/${encodeURIComponent(userId)}`);
  }

  // What a school receives: subscriptions, feed addresses, webhooks -----------------------------------

  subscriptions(schoolId: string, signal?: AbortSignal) {
    return this.call<Subscriptions>("GET", `/api/v1/schools/${encodeURIComponent(schoolId)}/subscriptions`, { signal });
  }

  setSubscriptions(schoolId: string, request: SubscriptionsRequest) {
    return this.call<Subscriptions>("PUT", `/api/v1/schools/${encodeURIComponent(schoolId)}/subscriptions`, { body: request });
  }

  feedUrls(schoolId: string, signal?: AbortSignal) {
    return this.call<FeedUrlsResponse>("GET", `/api/v1/schools/${encodeURIComponent(schoolId)}/feed-url`, { signal });
  }

  /** A new feed token: the old addresses stop working at once. */
  rotateFeedUrls(schoolId: string) {
    return this.call<FeedUrlsResponse>("POST", `/api/v1/schools/${encodeURIComponent(schoolId)}/feed-url/rotate`);
  }

  async webhooks(schoolId: string, signal?: AbortSignal) {
    return (await this.call<{ webhooks: Webhook[] }>("GET", `/api/v1/schools/${encodeURIComponent(schoolId)}/webhooks`, { signal })).webhooks;
  }

  /** The answer carries the signing secret: the only time it is shown. */
  createWebhook(schoolId: string, request: CreateWebhookRequest) {
    return this.call<{ webhook: Webhook; secret: string }>("POST", `/api/v1/schools/${encodeURIComponent(schoolId)}/webhooks`, { body: request });
  }

  async deleteWebhook(schoolId: string, hookId: string) {
    await this.call<null>("DELETE", `/api/v1/schools/${encodeURIComponent(schoolId)}/webhooks/${encodeURIComponent(hookId)}`);
  }

  /** One page of a webhook's delivery log, newest first. */
  async deliveries(schoolId: string, hookId: string, page: { limit: number; cursor?: string }, signal?: AbortSignal): Promise<Page<Delivery>> {
    const body = await this.call<{ deliveries: Delivery[]; nextCursor: string | null }>(
      "GET",
      `/api/v1/schools/${encodeURIComponent(schoolId)}/webhooks/${encodeURIComponent(hookId)}/deliveries${queryString(page)}`,
      { signal },
    );
    return { list: body.deliveries, nextCursor: body.nextCursor };
  }
}
