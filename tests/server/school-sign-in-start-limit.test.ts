import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flowCount, startSchoolAccountWorld, type SchoolAccountWorld } from "../support/school-accounts";

const WINDOW_MS = 5 * 60 * 1000;
let world: SchoolAccountWorld;

beforeAll(async () => {
  world = await startSchoolAccountWorld([{ id: "entree", family: "entree" }], [], { signInStartLimit: { perAddress: 3, windowMs: WINDOW_MS } });
}, 60_000);

afterAll(() => world?.stop());

const start = (lang = "nl") => fetch(`${world.server.url}/auth/oidc/entree/start?lang=${lang}`, { redirect: "manual" });

describe("starting school-account sign-ins from one address", () => {
  it("goes to the provider up to the limit, then answers 429 with a page in the person's language, Retry-After, and no stored flow", async () => {
    const before = flowCount(world.server);
    for (let i = 0; i < 3; i++) expect((await start()).status).toBe(302);
    expect(flowCount(world.server)).toBe(before + 3);

    const refused = await start();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe(String(WINDOW_MS / 1000));
    expect(refused.headers.get("Cache-Control")).toBe("no-store");
    const page = await refused.text();
    expect(page).toContain("Even wachten");
    expect(page).toContain("Vanaf dit netwerk zijn in korte tijd erg veel inlogpogingen met");
    expect(flowCount(world.server)).toBe(before + 3);

    const inEnglish = await start("en");
    expect(inEnglish.status).toBe(429);
    expect(await inEnglish.text()).toContain("Please wait a moment");
  });

  it("lets the address start again once the window has passed", async () => {
    world.server.clock.advance(WINDOW_MS + 1000);
    expect((await start()).status).toBe(302);
  });
});
