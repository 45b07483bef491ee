/**
 * Chrome and Edge hand an administrator's policy to the extension only when the built manifest names a
 * schema they accept, and drop every policy key the schema does not declare. This reads the extension as it
 * ships (the run's one build, made by the tests' global setup) and checks that the schema is there, is valid
 * JSON Schema within Chrome's rules, and declares exactly the keys the extension reads;
 * then Debian's Chromium reads a real policy file for it, as on a school's managed computer.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Ajv from "ajv";
import { chromium, type BrowserContext, type Page, type Worker } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translate, type UiLanguage } from "../../shared/i18n";
import { MANAGED_CIRCLES, MANAGED_POLICY_KEYS, parseManagedPolicy, SIGN_IN_POLICIES } from "../../extension/lib/managed/policy";

const out = resolve(".output");
const read = (path: string) => JSON.parse(readFileSync(join(out, path), "utf8"));

interface Schema {
  type?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: unknown;
  enum?: string[];
  pattern?: string;
}

describe("the managed-storage schema in the built extension", () => {
  it("is named by the Chrome manifest and shipped beside it", () => {
    const manifest = read("chrome-mv3/manifest.json");

    expect(manifest.storage).toEqual({ managed_schema: "managed-schema.json" });
    expect(read("chrome-mv3/managed-schema.json")).toEqual(JSON.parse(readFileSync("extension/public/managed-schema.json", "utf8")));
  });

  it("is left out of the Firefox manifest, which reads policies.json by the add-on's id instead", () => {
    const manifest = read("firefox-mv3/manifest.json");

    expect(manifest.storage).toBe(undefined);
    expect(manifest.browser_specific_settings.gecko.id).toBe("extensie@knooppunt.nl");
  });

  it("is valid JSON Schema and keeps Chrome's rules: an object at the top without additionalProperties, one type per schema", () => {
    const schema: Schema = read("chrome-mv3/managed-schema.json");
    const ajv = new Ajv({ strict: true });

    expect(ajv.validateSchema(schema)).toBe(true);
    expect(schema.type).toBe("object");
    expect(schema.additionalProperties).toBe(undefined);
    for (const property of Object.values(schema.properties ?? {})) {
      expect([property.type !== undefined, property.$ref !== undefined].filter(Boolean)).toHaveLength(1);
    }
  });

  it("declares exactly the settings the extension reads, with the same choices", () => {
    const schema: Schema = read("chrome-mv3/managed-schema.json");
    const properties = schema.properties ?? {};

    expect(Object.keys(properties).sort()).toEqual([...MANAGED_POLICY_KEYS].sort());
    expect(Object.keys(properties).sort()).toEqual(["defaultCircle", "schoolAccountProvider", "serverUrl", "signIn"]);
    expect(properties.signIn?.enum).toEqual([...SIGN_IN_POLICIES]);
    expect(properties.defaultCircle?.enum).toEqual([...MANAGED_CIRCLES]);
  });

  it("lets through what the extension uses and stops what it would ignore", () => {
    const validate = new Ajv({ strict: true }).compile(read("chrome-mv3/managed-schema.json"));
    const good = { serverUrl: "https://knooppunt.regenboog.example", signIn: "schoolAccountOnly", schoolAccountProvider: "entree", defaultCircle: "school" };
    const bad = [{ serverUrl: "ftp://knooppunt.regenboog.example" }, { signIn: "passwordOnly" }, { schoolAccountProvider: "Entree Federatie" }, { defaultCircle: "public" }];

    expect(validate(good)).toBe(true);
    expect(parseManagedPolicy(good)).toEqual(good);
    expect(bad.map((policy) => validate(policy))).toEqual([false, false, false, false]);
    expect(bad.map((policy) => parseManagedPolicy(policy))).toEqual([{}, {}, {}, {}]);
  });
});

/*
 * Chromium on Linux reads policies only from /etc/chromium/policies/managed, which needs root to write.
 * Instead the browser runs in its own user and mount namespace (unprivileged where the kernel allows it,
 * as Debian and most CI runners do) with a private folder mounted over /etc/chromium: the policy file is
 * written by the test, Chromium reads it as it would Intune's or a script's, and notices when it changes.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The part of Chromium's extension API the checks below call inside the extension's service worker. */
type StorageArea = { get(keys: string | null): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
declare const chrome: { storage: { managed: StorageArea; local: StorageArea } };
const POLICY_ETC = "/etc/chromium";
const namespacesWork = () =>
  existsSync(CHROMIUM) && existsSync(POLICY_ETC) && spawnSync("unshare", ["--user", "--map-root-user", "--mount", "true"]).status === 0;

/** Chromium's id for an unpacked extension: the first 128 bits of the folder path's SHA-256, in the letters a–p. */
const unpackedId = (path: string) =>
  [...createHash("sha256").update(path).digest("hex").slice(0, 32)].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join("");

describe.skipIf(!namespacesWork())("Chromium reading a school's policy file (in its own mount namespace)", () => {
  let dir: string;
  let extensionId: string;
  let context: BrowserContext;
  let worker: Worker;
  let options: Page;

  const writePolicy = (policy: Record<string, unknown>) =>
    writeFileSync(join(dir, "etc/policies/managed/knooppunt.json"), JSON.stringify({ "3rdparty": { extensions: { [extensionId]: policy } } }));
  const managed = () => worker.evaluate(() => chrome.storage.managed.get(null));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "knooppunt-managed-chromium-"));
    const extension = join(dir, "extension");
    cpSync(join(out, "chrome-mv3"), extension, { recursive: true });
    extensionId = unpackedId(extension);
    mkdirSync(join(dir, "etc/policies/managed"), { recursive: true });
    // Debian's own preferences stay in force beside the policy.
    if (existsSync(join(POLICY_ETC, "master_preferences"))) cpSync(join(POLICY_ETC, "master_preferences"), join(dir, "etc/master_preferences"));
    writePolicy({ serverUrl: "https://knooppunt.regenboog.example", signIn: "schoolAccountOnly", defaultCircle: "school" });
    const launcher = join(dir, "chromium-with-policy.sh");
    writeFileSync(
      launcher,
      `#!/bin/sh\nexec unshare --user --map-root-user --mount sh -c 'mount --bind "$1" ${POLICY_ETC} && shift && exec "$@"' sh ${JSON.stringify(join(dir, "etc"))} ${JSON.stringify(CHROMIUM)} "$@"\n`,
      { mode: 0o755 },
    );
    context = await chromium.launchPersistentContext(join(dir, "profile"), {
      executablePath: launcher,
      headless: false,
      env: { ...process.env, LANGUAGE: "nl" },
      args: ["--lang=nl", "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
    });
    worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
    options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives the extension the policy as the administrator wrote it", async () => {
    expect(new URL(worker.url()).host).toBe(extensionId);
    expect(await managed()).toEqual({ serverUrl: "https://knooppunt.regenboog.example", signIn: "schoolAccountOnly", defaultCircle: "school" });
  });

  it("shows the school's settings as set on the options page: its address, only the school account, its circle", async () => {
    await expect.poll(() => options.locator("#managed-server").textContent()).toBe("Ingesteld door je school. Je school heeft dit adres ingesteld; je hoeft niets in te typen.");
    expect(await options.locator("#server").inputValue()).toBe("https://knooppunt.regenboog.example");
    expect(await options.locator("#server").getAttribute("readonly")).toBe("");
    expect(await options.locator("#managed-sign-in").textContent()).toBe("Ingesteld door je school. Je school heeft ingesteld dat je inlogt met je schoolaccount.");
    expect(await options.locator("#password").count()).toBe(0);
    expect(await options.locator("[data-testid=school-sign-in]").textContent()).toBe("Inloggen met je schoolaccount");
    expect(await options.locator("#default-visibility").inputValue()).toBe("school");
    expect(await options.locator("#default-visibility").isDisabled()).toBe(true);
  });

  it("applies a policy changed later, on the open page, and Chromium drops a value outside the schema", async () => {
    // Someone signed in on another server (nothing listens there: telling it of the sign-out fails at once, here).
    const elsewhere = { serverUrl: "http://127.0.0.1:9", token: "t-anna", user: { id: "u-anna", name: "Anna", email: null, roles: [] }, schools: [], communities: [] };
    await worker.evaluate((session) => chrome.storage.local.set({ session }), elsewhere);
    writePolicy({ serverUrl: "https://knooppunt.regenboog.example", signIn: "any", defaultCircle: "public" });

    // Chromium reloads a changed policy file after it has settled for a few seconds.
    await expect.poll(managed, { timeout: 60_000, interval: 500 }).toEqual({ serverUrl: "https://knooppunt.regenboog.example", signIn: "any" });
    await expect.poll(() => options.locator("#password").count(), { timeout: 10_000 }).toBe(1);
    expect(await options.locator("#managed-sign-in").count()).toBe(0);
    expect(await options.locator("#default-visibility").isDisabled()).toBe(false);
    expect(await options.locator("#server").getAttribute("readonly")).toBe("");
    // The background heard the same change and ended the sign-in on the other server.
    await expect.poll(() => worker.evaluate(async () => (await chrome.storage.local.get("session")).session ?? null), { timeout: 10_000 }).toBe(null);
  });
});

/*
 * Firefox on Linux reads /etc/firefox/policies/policies.json when there is one, else policies.json in the
 * distribution folder beside the program (Debian's ESR: /usr/lib/firefox-esr/distribution); the same mount
 * namespace puts a private copy of that folder in its place. The add-on is installed as the suite's Firefox
 * test does.
 */
const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
const FIREFOX_DIST = "/usr/lib/firefox-esr/distribution";
const firefoxNamespacesWork = () =>
  existsSync(FIREFOX) && existsSync(FIREFOX_DIST) && !existsSync("/etc/firefox/policies/policies.json") && spawnSync("unshare", ["--user", "--map-root-user", "--mount", "true"]).status === 0;

describe.skipIf(!firefoxNamespacesWork())("Firefox reading a school's policies.json (in its own mount namespace)", () => {
  it("hands the add-on the 3rdparty policy for extensie@knooppunt.nl, and the options page shows it as set", { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "knooppunt-managed-firefox-"));
    // Debian links the folder to /usr/share: the copy and the mount must both be of the folder itself, never
    // through the link, or the policy would land in the real folder for every Firefox on the machine.
    const realDist = realpathSync(FIREFOX_DIST);
    const etc = join(dir, "distribution");
    cpSync(realDist, etc, { recursive: true, dereference: true });
    const policy = { serverUrl: "https://knooppunt.regenboog.example", signIn: "schoolAccountOnly", schoolAccountProvider: "entree", defaultCircle: "community" };
    writeFileSync(join(etc, "policies.json"), JSON.stringify({ policies: { "3rdparty": { Extensions: { "extensie@knooppunt.nl": policy } } } }));
    const launcher = join(dir, "firefox-with-policy.sh");
    writeFileSync(
      launcher,
      `#!/bin/sh\nexec unshare --user --map-root-user --mount sh -c 'mount --bind "$1" ${realDist} && shift && exec "$@"' sh ${JSON.stringify(etc)} ${JSON.stringify(FIREFOX)} "$@"\n`,
      { mode: 0o755 },
    );
    // The suite's Firefox driver takes its program from FIREFOX_PATH when it is loaded.
    const before = process.env.FIREFOX_PATH;
    process.env.FIREFOX_PATH = launcher;
    const { launchFirefoxWithExtension } = await import("../support/firefox").finally(() => {
      if (before === undefined) delete process.env.FIREFOX_PATH;
      else process.env.FIREFOX_PATH = before;
    });
    const firefox = await launchFirefoxWithExtension(join(out, "firefox-mv3"), "extensie@knooppunt.nl");
    try {
      const options = `${firefox.extensionBase}options.html`;
      await firefox.inBrowser<boolean>(`(() => {
        gBrowser.selectedTab = gBrowser.addTab(${JSON.stringify(options)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
        return true;
      })()`);
      await expect.poll(() => firefox.inPage<number>(options, `document.querySelectorAll("#managed-server").length`).catch(() => 0), { timeout: 30_000 }).toBe(1);
      // Firefox speaks the language it has (Debian's ESR without its Dutch pack: English); the note follows it.
      const language = await firefox.inPage<UiLanguage>(options, `document.documentElement.lang`);
      expect(await firefox.inPage(options, `document.querySelector("#managed-server").textContent`)).toBe(
        `${translate(language, "managed.setBySchool")}. ${translate(language, "managed.serverSet")}`,
      );
      expect(await firefox.inPage(options, `browser.storage.managed.get(null)`)).toEqual(policy);
      expect(await firefox.inPage(options, `document.querySelector("#server").value`)).toBe("https://knooppunt.regenboog.example");
      expect(await firefox.inPage(options, `document.querySelector("#password") === null`)).toBe(true);
      expect(await firefox.inPage(options, `document.querySelector("#default-visibility").value`)).toBe("community");
    } finally {
      await firefox.close();
      rmSync(dir, { recursive: true, force: true });
    }
    // The machine's own Firefox is left as it was: no policy outside the test's namespace.
    expect(existsSync(join(realDist, "policies.json"))).toBe(false);
  });
});
