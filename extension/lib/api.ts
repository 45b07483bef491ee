/**
 * The extension's HTTP client for the Knooppunt API. Every failure becomes an ApiError that says whether
 * retrying later can help (network, 5xx, 429) or the person must act (other 4xx).
 */
import {
  ItemResponse,
  LoginResponse,
  LookupResponse,
  MeResponse,
  ThemesResponse,
  CommunitiesResponse,
  type CreateItemRequest,
} from "../../shared/schemas";
import type { z } from "zod";
import { ApiError } from "./api-error";
import { isKnooppunt, requestJson } from "./http";

export { ApiError };

export function normaliseServerUrl(input: string): string | null {
  try {
    const url = new URL(input.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.origin;
  } catch {
    return null;
  }
}

export class KnooppuntApi {
  constructor(
    readonly serverUrl: string,
    private readonly token: string | null = null,
  ) {}

  private async request<S extends z.ZodType>(
    schema: S | null,
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; data: z.output<S> }> {
    const { status, json } = await requestJson(this.serverUrl, this.token, method, path, options);
    if (!schema) return { status, data: undefined as z.output<S> };
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ApiError("http", status, "not_knooppunt", "Unexpected answer from the server.");
    return { status, data: parsed.data };
  }

  health(): Promise<boolean> {
    return isKnooppunt(this.serverUrl);
  }

  async login(email: string, password: string, deviceName: string) {
    return (await this.request(LoginResponse, "POST", "/api/v1/auth/login", { body: { email, password, deviceName } })).data;
  }

  async logout() {
    await this.request(null, "POST", "/api/v1/auth/logout");
  }

  async me() {
    return (await this.request(MeResponse, "GET", "/api/v1/me")).data;
  }

  async themes() {
    return (await this.request(ThemesResponse, "GET", "/api/v1/themes")).data.themes;
  }

  async communities() {
    return (await this.request(CommunitiesResponse, "GET", "/api/v1/communities")).data.communities;
  }

  async lookup(url: string) {
    return (await this.request(LookupResponse, "GET", `/api/v1/items/lookup?url=${encodeURIComponent(url)}`)).data.item;
  }

  async saveItem(request: CreateItemRequest, idempotencyKey: string) {
    const { status, data } = await this.request(ItemResponse, "POST", "/api/v1/items", {
      body: request,
      headers: { "Idempotency-Key": idempotencyKey },
    });
    return { item: data.item, existing: status === 200 };
  }
}
