/**
 * The extension's HTTP client for the Knooppunt API. Every failure becomes an ApiError that says whether
 * retrying later can help (network, 5xx, 429) or the person must act (other 4xx).
 */
import {
  ErrorBody,
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

export { ApiError };

const TIMEOUT_MS = 15_000;

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
    const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(`${this.serverUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new ApiError("network", 0, "network", (error as Error).message);
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok) {
      const parsed = ErrorBody.safeParse(json);
      const retryAfter = Number(response.headers.get("Retry-After"));
      throw new ApiError(
        "http",
        response.status,
        parsed.success ? parsed.data.error.code : response.status >= 500 ? "server" : "http_error",
        parsed.success ? parsed.data.error.message : `HTTP ${response.status}`,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
        parsed.success ? parsed.data.error : null,
      );
    }
    if (!schema) return { status: response.status, data: undefined as z.output<S> };
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ApiError("http", response.status, "not_knooppunt", "Unexpected answer from the server.");
    return { status: response.status, data: parsed.data };
  }

  /** Checks that a Knooppunt answers at this address. */
  async health(): Promise<boolean> {
    try {
      const response = await fetch(`${this.serverUrl}/healthz`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      const body = (await response.json()) as { ok?: unknown };
      return response.ok && body.ok === true;
    } catch {
      return false;
    }
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
