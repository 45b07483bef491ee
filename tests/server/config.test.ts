import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config";

const admin = { KNOOPPUNT_ADMIN_EMAIL: "beheer@school.nl", KNOOPPUNT_ADMIN_PASSWORD: "een-lang-wachtwoord" };

describe("the demo network's default", () => {
  it("is on for a trial on this machine, so the README's first command shows a working network", () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ HOST: "localhost" }).demo).toBe(true);
  });

  it("is off for what looks like a real installation: an administrator configured, or a server reachable from elsewhere", () => {
    expect(loadConfig(admin).demo).toBe(false);
    expect(loadConfig({ HOST: "0.0.0.0" }).demo).toBe(false);
  });

  it("follows KNOOPPUNT_DEMO and --no-demo when they are given", () => {
    expect(loadConfig({ ...admin, KNOOPPUNT_DEMO: "1" }).demo).toBe(true);
    expect(loadConfig({ KNOOPPUNT_DEMO: "0" }).demo).toBe(false);
    expect(loadConfig({}, ["--no-demo"]).demo).toBe(false);
  });

  it("refuses an unreadable KNOOPPUNT_DEMO with a message that names it", () => {
    expect(() => loadConfig({ KNOOPPUNT_DEMO: "misschien" })).toThrow(ConfigError);
    expect(() => loadConfig({ KNOOPPUNT_DEMO: "misschien" })).toThrow(/KNOOPPUNT_DEMO/);
  });
});

describe("how long an offer's link key opens its bundle (OFFER_KEY_DAYS)", () => {
  it("is a year unless set, and takes a whole number of days", () => {
    expect(loadConfig({}).offerKeyDays).toBe(365);
    expect(loadConfig({ OFFER_KEY_DAYS: "30" }).offerKeyDays).toBe(30);
  });

  it("refuses what is no number of days, or none at all, with a message that names the setting", () => {
    for (const bad of ["een jaar", "0", "2.5", "-1", "4000"]) {
      expect(() => loadConfig({ OFFER_KEY_DAYS: bad })).toThrow(/OFFER_KEY_DAYS: must be/);
    }
  });
});
