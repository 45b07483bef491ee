import { describe, expect, it } from "vitest";
import { hitInTurn, RateLimiter } from "../../server/http/rate-limiter";
import { testClock } from "../support/server";

const WINDOW = 15 * 60_000;

describe("the login rate limiter's memory", () => {
  it("remembers at most its bound of keys however many distinct refused sign-ins arrive, forgetting the oldest first", () => {
    const clock = testClock();
    const perEmail = new RateLimiter(10, WINDOW, clock.now, 1_000);
    for (let i = 0; i < 120_000; i++) {
      perEmail.hit(`iemand-${i}@example.org`);
      if (i % 1_000 === 0) clock.advance(1);
    }
    expect(perEmail.trackedKeys).toBe(1_000);
    // The newest key is still counted, the first ones are forgotten.
    for (let i = 1; i < 10; i++) perEmail.hit("iemand-119999@example.org");
    expect(perEmail.hit("iemand-119999@example.org")).toBe(WINDOW / 1000);
    expect(perEmail.hit("iemand-0@example.org")).toBe(0);
  });

  it("drops keys whose window has passed as soon as time moves on", () => {
    const clock = testClock();
    const limiter = new RateLimiter(3, WINDOW, clock.now);
    for (let i = 0; i < 500; i++) limiter.hit(`10.0.0.${i}`);
    clock.advance(WINDOW - 1);
    limiter.hit("10.1.0.1");
    expect(limiter.trackedKeys).toBe(501);
    clock.advance(1);
    limiter.hit("10.1.0.2");
    // The 500 from the first moment have expired; the two later keys stay.
    expect(limiter.trackedKeys).toBe(2);
  });

  it("refuses over the limit with the seconds left, and counts again once the window has passed", () => {
    const clock = testClock();
    const limiter = new RateLimiter(2, WINDOW, clock.now);
    expect([limiter.hit("a"), limiter.hit("a")]).toEqual([0, 0]);
    clock.advance(60_000);
    expect(limiter.hit("a")).toBe(840);
    clock.advance(840_000);
    expect(limiter.hit("a")).toBe(0);
  });
});

describe("counting a sign-in against the address, then the e-mail address", () => {
  it("does not count, nor remember, the e-mail address of an attempt the address limit already refused", () => {
    const clock = testClock();
    const perAddress = new RateLimiter(2, WINDOW, clock.now);
    const perEmail = new RateLimiter(5, WINDOW, clock.now);
    const waits = [1, 2, 3, 4].map((n) => hitInTurn([perAddress, "203.0.113.7"], [perEmail, `slachtoffer-${n}@example.org`]));
    expect(waits).toEqual([0, 0, 900, 900]);
    expect(perEmail.trackedKeys).toBe(2);
    expect(perAddress.trackedKeys).toBe(1);
  });

  it("still counts the address when the e-mail address is the one refused", () => {
    const clock = testClock();
    const perAddress = new RateLimiter(100, WINDOW, clock.now);
    const perEmail = new RateLimiter(1, WINDOW, clock.now);
    expect(hitInTurn([perAddress, "203.0.113.7"], [perEmail, "anna@example.org"])).toBe(0);
    expect(hitInTurn([perAddress, "203.0.113.8"], [perEmail, "anna@example.org"])).toBe(900);
    expect(perAddress.trackedKeys).toBe(2);
  });
});
