/**
 * A sliding-window counter per key, in memory. One process serves an installation, so memory is the
 * right place; a restart forgetting the counts is harmless.
 *
 * A flood of refused sign-ins names a new e-mail address in every request: the state must stay small and
 * each attempt cheap however many keys come by. So the map holds at most `maxKeys` keys, ordered by their
 * latest counted attempt (the first to expire come first): expired keys are dropped from the front on
 * every hit, and beyond the bound the oldest key is forgotten.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => Date,
    private readonly maxKeys = 10_000,
  ) {}

  /** How many keys the limiter remembers now. */
  get trackedKeys(): number {
    return this.hits.size;
  }

  /** Counts one attempt; returns the seconds to wait when the key is over its limit, else 0. */
  hit(key: string): number {
    const now = this.now().getTime();
    this.dropExpired(now);
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      // A refused attempt is not counted: the key keeps its place in the order, and a key never seen
      // before (a limit of 0) is not remembered for it.
      if (recent.length) this.hits.set(key, recent);
      return Math.max(1, Math.ceil(((recent[0] ?? now) + this.windowMs - now) / 1000));
    }
    recent.push(now);
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
    return 0;
  }

  reset(key: string) {
    this.hits.delete(key);
  }

  /** The front of the map holds the keys whose latest attempt is oldest: stop at the first still inside the window. */
  private dropExpired(now: number) {
    for (const [key, times] of this.hits) {
      if (now - times[times.length - 1]! < this.windowMs) return;
      this.hits.delete(key);
    }
  }
}

/**
 * Counts one attempt against each limit in turn and stops at the first that refuses: a request already
 * refused for its address is not also counted against the e-mail address it named, so a flood of refused
 * sign-ins costs one key, and cannot use up a colleague's budget from elsewhere. The seconds to wait, or 0.
 */
export function hitInTurn(...checks: [limiter: RateLimiter, key: string][]): number {
  for (const [limiter, key] of checks) {
    const wait = limiter.hit(key);
    if (wait > 0) return wait;
  }
  return 0;
}
