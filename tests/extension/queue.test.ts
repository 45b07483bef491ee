import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import type { CreateItemRequest, Item } from "../../shared/schemas";
import { ApiError } from "../../extension/lib/api-error";
import { enqueue, flush, nextDue, queueStatusOf } from "../../extension/lib/queue";
import { failedItem, queueItem, type ClipOwner, type QueuedClip } from "../../extension/lib/storage";

const T0 = Date.parse("2026-03-02T08:00:00.000Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();

const anna: ClipOwner = { serverUrl: "https://knooppunt.school.example", userId: "u-anna" };
const bram: ClipOwner = { serverUrl: "https://knooppunt.school.example", userId: "u-bram" };
/** Anna's user id on another installation: a different person as far as her clips are concerned. */
const annaElsewhere: ClipOwner = { serverUrl: "https://knooppunt.other.example", userId: "u-anna" };

const request = (n: number): CreateItemRequest => ({ url: `https://example.org/artikel-${n}`, title: `Artikel ${n}`, visibility: "private" });
const itemFor = (req: CreateItemRequest) => ({ id: `item-${req.url.slice(-1)}`, url: req.url }) as Item;

const outage = () => new ApiError("http", 503, "server", "Service Unavailable");
const unreachable = () => new ApiError("network", 0, "network", "Failed to fetch");
const portal = () => new ApiError("http", 200, "not_knooppunt", "Unexpected answer from the server.");
const refused = () => new ApiError("http", 400, "invalid_request", "The request body is not valid.");
const stillInProgress = () => new ApiError("http", 409, "request_in_progress", "A request with this Idempotency-Key is still being processed.");
const sessionEnded = () => new ApiError("http", 401, "unauthenticated", "Sign in first.");

/** A server that answers each clip by its Idempotency-Key, from a script, and records what it was sent. */
function server(answers: Record<string, "ok" | ApiError | (() => Promise<Item>)> = {}) {
  const sent: { key: string; url: string }[] = [];
  return {
    sent,
    async saveItem(req: CreateItemRequest, key: string) {
      sent.push({ key, url: req.url });
      const answer = answers[key] ?? "ok";
      if (answer instanceof ApiError) throw answer;
      const item = answer === "ok" ? itemFor(req) : await answer();
      return { item, existing: false };
    },
  };
}

async function queued(): Promise<QueuedClip[]> {
  return queueItem.getValue();
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);
  // No jitter: the backoff is exactly 10 s, 20 s, 40 s, … capped at 15 minutes.
  vi.spyOn(Math, "random").mockReturnValue(0.5);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("whose clips the queue delivers", () => {
  it("delivers only the signed-in person's clips, on the server they were made for", async () => {
    await enqueue("k-anna", anna, request(1), "Artikel 1", outage());
    await enqueue("k-bram", bram, request(2), "Artikel 2", outage());
    await enqueue("k-elsewhere", annaElsewhere, request(3), "Artikel 3", outage());

    const api = server();
    const result = await flush(api, bram, { force: true });

    expect(result).toEqual({ delivered: 1, sessionExpired: false });
    expect(api.sent).toEqual([{ key: "k-bram", url: "https://example.org/artikel-2" }]);
    expect((await queued()).map((c) => c.id)).toEqual(["k-anna", "k-elsewhere"]);
    expect(await queueStatusOf(anna)).toEqual({ pending: 1, failed: [] });
    expect(await queueStatusOf(annaElsewhere)).toEqual({ pending: 1, failed: [] });
    expect(await queueStatusOf(null)).toEqual({ pending: 0, failed: [] });
  });

  it("counts, for the clipper, only the clips of the person who queued one", async () => {
    expect(await enqueue("k1", anna, request(1), "Artikel 1", outage())).toBe(1);
    expect(await enqueue("k2", bram, request(2), "Artikel 2", outage())).toBe(1);
    expect(await enqueue("k3", anna, request(3), "Artikel 3", outage())).toBe(2);
    // The same clip queued twice (a retried message) stays one clip.
    expect(await enqueue("k3", anna, request(3), "Artikel 3", outage())).toBe(2);
  });

  it("gives clips from before owners were recorded to whoever signs in next", async () => {
    const legacy: QueuedClip = { id: "k-old", request: request(4), title: "Artikel 4", queuedAt: at(0), attempts: 1, nextAttemptAt: at(0), lastError: null };
    await queueItem.setValue([legacy]);
    const api = server();
    expect(await flush(api, bram)).toEqual({ delivered: 1, sessionExpired: false });
    expect(api.sent.map((s) => s.key)).toEqual(["k-old"]);
    expect(await queued()).toEqual([]);
  });

  it("sends each clip with the Idempotency-Key of its first attempt, and hands over what the server stored", async () => {
    await enqueue("k-first-attempt", anna, request(5), "Artikel 5", unreachable());
    const delivered: [string, string][] = [];
    await flush(server(), anna, { force: true, onDelivered: (clip, item) => delivered.push([clip.id, item.id]) });
    expect(delivered).toEqual([["k-first-attempt", "item-5"]]);
  });
});

describe("when the queue tries again", () => {
  it("waits 10 s after the first failure, then doubles, and leaves clips alone until they are due", async () => {
    await enqueue("k1", anna, request(1), "Artikel 1", outage());
    expect((await queued())[0]).toMatchObject({ attempts: 1, nextAttemptAt: at(10_000), lastError: "Service Unavailable", queuedAt: at(0) });
    expect(await nextDue(anna)).toBe(T0 + 10_000);
    expect(await nextDue(bram)).toBe(null);

    const api = server({ k1: outage() });
    vi.setSystemTime(T0 + 9_999);
    expect(await flush(api, anna)).toEqual({ delivered: 0, sessionExpired: false });
    expect(api.sent).toEqual([]);

    vi.setSystemTime(T0 + 10_000);
    await flush(api, anna);
    expect(api.sent.length).toBe(1);
    expect((await queued())[0]).toMatchObject({ attempts: 2, nextAttemptAt: at(10_000 + 20_000) });
  });

  it("follows the server's Retry-After, but never waits longer than an hour", async () => {
    await enqueue("k1", anna, request(1), "Artikel 1", new ApiError("http", 429, "rate_limited", "Too many requests", 120));
    expect((await queued())[0]!.nextAttemptAt).toBe(at(120_000));
    await enqueue("k2", anna, request(2), "Artikel 2", new ApiError("http", 503, "server", "Maintenance", 86_400));
    expect((await queued())[1]!.nextAttemptAt).toBe(at(3_600_000));
  });

  it("keeps trying through an outage without end, stopping at the first clip that fails", async () => {
    const many: QueuedClip[] = [1, 2].map((n) => ({ id: `k${n}`, owner: anna, request: request(n), title: `Artikel ${n}`, queuedAt: at(0), attempts: 200, nextAttemptAt: at(0), lastError: null }));
    await queueItem.setValue(many);
    const api = server({ k1: outage(), k2: outage() });
    await flush(api, anna);
    // One outage costs one request, and a clip that failed 200 times is still not given up.
    expect(api.sent.map((s) => s.key)).toEqual(["k1"]);
    expect((await queued()).map((c) => [c.id, c.attempts])).toEqual([["k1", 201], ["k2", 200]]);
    // The backoff stops growing at 15 minutes.
    expect((await queued())[0]!.nextAttemptAt).toBe(at(15 * 60_000));
    expect(await failedItem.getValue()).toEqual([]);
  });

  it("retries an answer from something in between at most 50 times, then shows the clip as failed", async () => {
    const clip = (attempts: number): QueuedClip => ({ id: `k${attempts}`, owner: anna, request: request(attempts % 10), title: `Na ${attempts}`, queuedAt: at(0), attempts, nextAttemptAt: at(0), lastError: null });

    await queueItem.setValue([clip(48)]);
    await flush(server({ k48: portal() }), anna);
    expect((await queued()).map((c) => [c.id, c.attempts])).toEqual([["k48", 49]]);
    expect(await failedItem.getValue()).toEqual([]);

    await queueItem.setValue([clip(49)]);
    await flush(server({ k49: portal() }), anna);
    expect(await queued()).toEqual([]);
    expect(await failedItem.getValue()).toEqual([
      { id: "k49", owner: anna, title: "Na 49", url: "https://example.org/artikel-9", code: "not_knooppunt", message: "Unexpected answer from the server.", failedAt: at(0) },
    ]);
  });

  it("does not retry a refusal: the clip is shown as failed with the server's code, and the next one is tried", async () => {
    await enqueue("k1", anna, request(1), "Artikel 1", outage());
    await enqueue("k2", anna, request(2), "Artikel 2", outage());
    const api = server({ k1: refused() });
    expect(await flush(api, anna, { force: true })).toEqual({ delivered: 1, sessionExpired: false });
    expect(api.sent.map((s) => s.key)).toEqual(["k1", "k2"]);
    expect(await queued()).toEqual([]);
    expect(await queueStatusOf(anna)).toEqual({
      pending: 0,
      failed: [{ id: "k1", owner: anna, title: "Artikel 1", url: "https://example.org/artikel-1", code: "invalid_request", message: "The request body is not valid.", failedAt: at(0) }],
    });
    expect(await queueStatusOf(bram)).toEqual({ pending: 0, failed: [] });
  });
});

describe("a clip whose earlier attempt the server still holds", () => {
  it("tries the same key again with backoff instead of dropping the clip, and delivers the clips behind it", async () => {
    await enqueue("k1", anna, request(1), "Artikel 1", outage());
    await enqueue("k2", anna, request(2), "Artikel 2", outage());
    const api = server({ k1: stillInProgress() });
    expect(await flush(api, anna, { force: true })).toEqual({ delivered: 1, sessionExpired: false });
    expect(api.sent.map((s) => s.key)).toEqual(["k1", "k2"]);
    expect(await queued()).toEqual([
      {
        id: "k1",
        owner: anna,
        request: request(1),
        title: "Artikel 1",
        queuedAt: at(0),
        attempts: 2,
        nextAttemptAt: at(20_000),
        lastError: "A request with this Idempotency-Key is still being processed.",
      },
    ]);
    expect(await failedItem.getValue()).toEqual([]);

    // Once the server has finished or released the earlier attempt, the retry with the same key is answered.
    vi.setSystemTime(T0 + 20_000);
    const later = server();
    expect(await flush(later, anna)).toEqual({ delivered: 1, sessionExpired: false });
    expect(later.sent).toEqual([{ key: "k1", url: "https://example.org/artikel-1" }]);
    expect(await queued()).toEqual([]);
  });
});

describe("an ended session", () => {
  it("stops the flush and leaves every clip waiting, untouched, for the person to sign in again", async () => {
    await enqueue("k1", anna, request(1), "Artikel 1", outage());
    await enqueue("k2", anna, request(2), "Artikel 2", outage());
    const before = await queued();
    const api = server({ k1: sessionEnded() });
    expect(await flush(api, anna, { force: true })).toEqual({ delivered: 0, sessionExpired: true });
    expect(api.sent.map((s) => s.key)).toEqual(["k1"]);
    expect(await queued()).toEqual(before);
    expect(await failedItem.getValue()).toEqual([]);
  });
});

describe("one change at a time", () => {
  it("keeps a clip queued while a flush is delivering another", async () => {
    await enqueue("k1", anna, request(1), "Artikel 1", outage());
    let answer!: (item: Item) => void;
    const api = server({ k1: () => new Promise<Item>((resolve) => (answer = resolve)) });
    const flushing = flush(api, anna, { force: true });
    await vi.waitFor(() => expect(api.sent.length).toBe(1));

    await enqueue("k2", anna, request(2), "Artikel 2", outage());
    answer(itemFor(request(1)));
    expect(await flushing).toEqual({ delivered: 1, sessionExpired: false });
    expect((await queued()).map((c) => c.id)).toEqual(["k2"]);
  });

  it("runs one flush at a time: a second caller shares the first, so no clip is sent twice", async () => {
    await enqueue("k1", anna, request(1), "Artikel 1", outage());
    const api = server();
    const [first, second] = await Promise.all([flush(api, anna, { force: true }), flush(api, anna, { force: true })]);
    expect(first).toEqual({ delivered: 1, sessionExpired: false });
    expect(second).toBe(first);
    expect(api.sent.map((s) => s.key)).toEqual(["k1"]);
  });

  it("keeps every clip of a burst queued at the same moment", async () => {
    await Promise.all([1, 2, 3, 4, 5].map((n) => enqueue(`k${n}`, anna, request(n), `Artikel ${n}`, outage())));
    expect((await queued()).map((c) => c.id)).toEqual(["k1", "k2", "k3", "k4", "k5"]);
  });
});

describe("a full storage", () => {
  it("says the clip was not queued, and the next clip is queued once there is room", async () => {
    vi.spyOn(fakeBrowser.storage.local, "set").mockRejectedValueOnce(new Error("QUOTA_BYTES quota exceeded"));
    await expect(enqueue("k1", anna, request(1), "Artikel 1", outage())).rejects.toThrow("QUOTA_BYTES quota exceeded");
    expect(await queued()).toEqual([]);

    expect(await enqueue("k2", anna, request(2), "Artikel 2", outage())).toBe(1);
    expect((await queued()).map((c) => c.id)).toEqual(["k2"]);
  });
});
