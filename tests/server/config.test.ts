import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

describe("school-account providers (SIGN_IN_PROVIDERS, SIGN_IN_PROVIDERS_FILE)", () => {
  const entree = { id: "entree", family: "entree", issuer: "https://connect.test.entree.kennisnet.nl", clientId: "knooppunt", clientSecret: "geheim" };

  it("are none unless set", () => {
    expect(loadConfig({}).signInProviders).toEqual([]);
  });

  it("are read from a JSON array, with `unmatched` defaulting to network", () => {
    expect(loadConfig({ SIGN_IN_PROVIDERS: JSON.stringify([entree]) }).signInProviders).toEqual([{ ...entree, unmatched: "network" }]);
  });

  it("are read from the file SIGN_IN_PROVIDERS_FILE names", () => {
    const dir = mkdtempSync(join(tmpdir(), "knooppunt-config-"));
    try {
      const file = join(dir, "providers.json");
      writeFileSync(file, JSON.stringify([{ ...entree, unmatched: "refuse" }]));
      expect(loadConfig({ SIGN_IN_PROVIDERS_FILE: file }).signInProviders).toEqual([{ ...entree, unmatched: "refuse" }]);
      expect(() => loadConfig({ SIGN_IN_PROVIDERS_FILE: join(dir, "missing.json") })).toThrow(/SIGN_IN_PROVIDERS_FILE: cannot read .*missing\.json \(ENOENT\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a wrong value with a message that names the setting and the field", () => {
    expect(() => loadConfig({ SIGN_IN_PROVIDERS: "[{" })).toThrow(/SIGN_IN_PROVIDERS: is not valid JSON/);
    expect(() => loadConfig({ SIGN_IN_PROVIDERS: JSON.stringify([{ ...entree, family: "saml" }]) })).toThrow(/SIGN_IN_PROVIDERS\[0\]\["family"\]: /);
    expect(() => loadConfig({ SIGN_IN_PROVIDERS: JSON.stringify([entree, { ...entree }]) })).toThrow(/SIGN_IN_PROVIDERS\[1\]\["id"\]: the id "entree" is used twice/);
    expect(() => loadConfig({ SIGN_IN_PROVIDERS: JSON.stringify([{ ...entree, clientSecret: "" }]) })).toThrow(/SIGN_IN_PROVIDERS\[0\]\["clientSecret"\]/);
    expect(() => loadConfig({ SIGN_IN_PROVIDERS: "[]", SIGN_IN_PROVIDERS_FILE: "/etc/providers.json" })).toThrow(/SIGN_IN_PROVIDERS_FILE: set SIGN_IN_PROVIDERS or SIGN_IN_PROVIDERS_FILE, not both/);
  });

  it("allow a plain-http issuer only on this machine", () => {
    expect(() => loadConfig({ SIGN_IN_PROVIDERS: JSON.stringify([{ ...entree, issuer: "http://login.example.nl" }]) })).toThrow(
      /SIGN_IN_PROVIDERS\[0\]\["issuer"\]: must be an https URL \(http only for a provider on this machine\)/,
    );
    expect(loadConfig({ SIGN_IN_PROVIDERS: JSON.stringify([{ ...entree, issuer: "http://127.0.0.1:9000" }]) }).signInProviders[0]!.issuer).toBe("http://127.0.0.1:9000");
  });
});
