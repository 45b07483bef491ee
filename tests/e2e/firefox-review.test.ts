import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import addonsLinter from "addons-linter";
import { describe, expect, it } from "vitest";
import { launchFirefoxWithExtension } from "../support/firefox";
import { buildNetwork, startTestServer } from "../support/server";

/**
 * The Firefox build as Mozilla's review checks it: addons-linter (the linter behind addons.mozilla.org and
 * web-ext lint) over the built folder finds no errors, and the manifest's sidebar and background script
 * point at files that are there. Then the add-on is installed in a real Firefox (Debian's ESR), as a
 * teacher would from about:debugging: its background script runs, the options page signs in through it,
 * and the sidebar shows the library.
 */
// Built once per run by the tests' global setup, as `npm run ext:build:firefox` builds it.
const FIREFOX_BUILD = resolve(".output/firefox-mv3");
const ADDON_ID = "extensie@knooppunt.nl";

describe("the Firefox build", () => {
  it("passes addons-linter with no errors, and its sidebar and background script exist", { timeout: 240_000 }, async () => {
    const linter = addonsLinter.createInstance({
      config: {
        _: [FIREFOX_BUILD],
        logLevel: "fatal",
        stack: false,
        pretty: false,
        warningsAsErrors: false,
        metadata: false,
        output: "none",
        boring: true,
        selfHosted: false,
      },
      runAsBinary: false,
    });
    const result = await linter.run();
    expect(result.errors.map((e) => `${e.code} ${e.file ?? ""}: ${e.message}`)).toEqual([]);
    expect(result.summary.errors).toBe(0);

    const manifest = JSON.parse(readFileSync(join(FIREFOX_BUILD, "manifest.json"), "utf8")) as {
      manifest_version: number;
      sidebar_action?: { default_panel?: string };
      background?: { scripts?: string[] };
      browser_specific_settings?: { gecko?: { id?: string } };
    };
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.browser_specific_settings?.gecko?.id).toBe("extensie@knooppunt.nl");
    expect(manifest.sidebar_action?.default_panel).toBe("sidepanel.html");
    expect(manifest.background?.scripts).toEqual(["background.js"]);
    for (const file of [manifest.sidebar_action!.default_panel!, ...manifest.background!.scripts!]) {
      expect(existsSync(join(FIREFOX_BUILD, file))).toBe(true);
    }
  });
});

describe("the add-on in Firefox", () => {
  it("runs its background script, signs in from the options page and shows the library in the sidebar", { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "knooppunt-firefox-test-"));
    const server = await startTestServer({ dir });
    const firefox = await launchFirefoxWithExtension(FIREFOX_BUILD, ADDON_ID).catch(async (error: unknown) => {
      await server.stop();
      throw error;
    });
    try {
      const net = await buildNetwork(server);
      const anna = net.people.anna;
      const title = "Zachte landing voor nieuwkomers, ook in Firefox";
      const clip = await server.api("POST", "/api/v1/items", {
        token: anna.token,
        body: { url: "https://kennis.example.nl/firefox-zachte-landing", title, kind: "artikel", themes: ["zachte-landing"], visibility: "network" },
      });
      expect(clip.status).toBe(201);

      expect(await firefox.inBrowser<string>(`WebExtensionPolicy.getByID(${JSON.stringify(ADDON_ID)}).extension.backgroundState`)).toBe("running");

      // The options page, opened as the add-on's own page in a tab.
      const options = `${firefox.extensionBase}options.html`;
      await firefox.inBrowser<boolean>(`(() => {
        gBrowser.selectedTab = gBrowser.addTab(${JSON.stringify(options)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
        return true;
      })()`);
      // The page shows the address it has stored once it has read its settings; typing before that is overwritten.
      await expect.poll(() => firefox.inPage<string>(options, `document.querySelector("#server")?.value ?? ""`).catch(() => ""), { timeout: 30_000 }).not.toBe("");
      await firefox.inPage(
        options,
        `(() => {
          const fill = (selector, value) => {
            const input = document.querySelector(selector);
            input.value = value;
            input.dispatchEvent(new Event("input", { bubbles: true }));
          };
          fill("#server", ${JSON.stringify(server.url)});
          fill("#email", ${JSON.stringify(anna.email)});
          fill("#password", ${JSON.stringify(anna.password)});
          return true;
        })()`,
      );
      // Submitted in a task of its own, as a person's click is: the form then holds what was typed.
      await firefox.inPage(options, `(document.querySelector("form").requestSubmit(), true)`);
      // Signing in goes through the background script, which asks the server for a token.
      await expect
        .poll(() => firefox.inPage<string>(options, `document.querySelector("#account").textContent`), { timeout: 30_000 })
        .toMatch(/^(Aangemeld als|Signed in as) Test anna \(anna@test\.knooppunt\.nl\)$/);

      await firefox.inBrowser<boolean>(`SidebarController.show("extensie_knooppunt_nl-sidebar-action").then(() => true)`);
      await expect
        .poll(() => firefox.inBrowser<string>(`SidebarController.browser.contentDocument.getElementById("webext-panels-browser")?.currentURI.spec ?? ""`), { timeout: 30_000 })
        .toBe(`${firefox.extensionBase}sidepanel.html`);
      await expect.poll(() => firefox.sidebarText(), { timeout: 30_000 }).toContain(title);
    } finally {
      await firefox.close();
      await server.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
