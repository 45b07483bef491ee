import { describe, expect, it } from "vitest";
import { translate, type MessageKey } from "../../shared/i18n";
import { describeError } from "../../extension/lib/api-error";
import { ApiError } from "../../extension/lib/api-error";

const nl = (key: MessageKey, params?: Record<string, string | number>) => translate("nl", key, params);
const en = (key: MessageKey, params?: Record<string, string | number>) => translate("en", key, params);
const refusal = (status: number, code: string, message: string) => new ApiError("http", status, code, message, null, { code, message });

describe("what a person reads when the server refuses", () => {
  it("is a sentence in their language for a code the catalogue knows, not the server's English", () => {
    const error = refusal(403, "not_a_member", "You can only share into a school you belong to.");
    expect(describeError(error, nl)).toBe("Je kunt alleen delen met een school of community waar je lid van bent.");
    expect(describeError(error, en)).toBe("You can only share with a school or community you belong to.");
    expect(describeError(refusal(400, "invalid_request", "The request body is not valid."), nl)).toContain("Controleer de velden");
  });

  it("falls back to the general sentence for its kind when the code is new to the extension", () => {
    expect(describeError(refusal(403, "some_new_rule", "Not allowed."), nl)).toBe(nl("error.forbidden"));
    expect(describeError(refusal(409, "some_new_conflict", "Conflict."), nl)).toBe(nl("error.invalid", { message: "Conflict." }));
  });

  it("keeps the dedicated sentences for an ended session, an outage and a rate limit", () => {
    expect(describeError(refusal(401, "unauthenticated", "Sign in."), nl)).toBe(nl("error.sessionExpired"));
    expect(describeError(new ApiError("http", 503, "server", "HTTP 503"), nl)).toBe(nl("error.server"));
    expect(describeError(new ApiError("http", 429, "rate_limited", "Slow down.", 30, { code: "rate_limited" }), en)).toBe(en("error.rate_limited", { seconds: 30 }));
  });
});

describe("which failures the offline queue tries again", () => {
  it("retries outages and answers from something in between, never Knooppunt's own refusals", () => {
    expect(new ApiError("network", 0, "network", "fetch failed").retryable).toBe(true);
    expect(new ApiError("http", 502, "server", "HTTP 502").retryable).toBe(true);
    expect(new ApiError("http", 200, "not_knooppunt", "Unexpected answer from the server.").retryable).toBe(true);
    expect(new ApiError("http", 511, "http_error", "HTTP 511").retryable).toBe(true);
    expect(refusal(401, "unauthenticated", "Sign in.").retryable).toBe(false);
    expect(refusal(403, "not_a_member", "No.").retryable).toBe(false);
    // A firewall's own 403 page is final too: retrying cannot change its mind.
    expect(new ApiError("http", 403, "http_error", "HTTP 403").retryable).toBe(false);
  });
});
