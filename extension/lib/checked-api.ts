/**
 * The API as the background uses it: what it stores or acts on (a clip's item, the taxonomy, a session)
 * is checked against the contract's schemas first, so an answer from a server of another version, or from
 * something in between, never ends up in extension storage. Only the background imports this module;
 * the popup and side panel use the typed client alone and stay without zod.
 */
import type { z } from "zod";
import { ItemResponse, LoginResponse, LookupResponse, MeResponse, ThemesResponse, type CreateItemRequest } from "../../shared/schemas";
import { ApiError, KnooppuntApi } from "./api";

/** The answer succeeded (2xx) but is not what Knooppunt sends: treated as something in between. */
function checked<S extends z.ZodType>(schema: S, answer: unknown, status = 200): z.output<S> {
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new ApiError("http", status, "not_knooppunt", "Unexpected answer from the server.");
  return parsed.data;
}

export class CheckedApi {
  readonly api: KnooppuntApi;

  constructor(serverUrl: string, token: string | null = null) {
    this.api = new KnooppuntApi(serverUrl, token);
  }

  get serverUrl() {
    return this.api.serverUrl;
  }

  async login(email: string, password: string, deviceName: string) {
    return checked(LoginResponse, await this.api.login(email, password, deviceName));
  }

  async exchangeCode(code: string, deviceName: string) {
    return checked(LoginResponse, await this.api.exchangeCode(code, deviceName));
  }

  logout() {
    return this.api.logout();
  }

  async me() {
    return checked(MeResponse, await this.api.me());
  }

  async themes() {
    return checked(ThemesResponse, { themes: await this.api.themes() }).themes;
  }

  async lookup(url: string) {
    return checked(LookupResponse, { item: await this.api.lookup(url) }).item;
  }

  /** A clip, sent with the key of its first attempt so a retry after a lost answer is stored once. */
  async saveItem(request: CreateItemRequest, idempotencyKey: string) {
    const { item, existing, status } = await this.api.saveItem(request, idempotencyKey);
    return { item: checked(ItemResponse, { item }, status).item, existing };
  }
}
