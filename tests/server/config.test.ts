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
