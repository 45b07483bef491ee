import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import addonsLinter from "addons-linter";
import { describe, expect, it } from "vitest";

/**
 * The Firefox build as Mozilla's review checks it: addons-linter (the linter behind addons.mozilla.org and
 * web-ext lint) over the built folder finds no errors, and the manifest's sidebar and background script
 * point at files that are there.
 */
const FIREFOX_BUILD = resolve(".output/firefox-mv3");

describe("the Firefox build", () => {
  it("passes addons-linter with no errors, and its sidebar and background script exist", { timeout: 240_000 }, async () => {
    execFileSync(process.execPath, ["node_modules/wxt/bin/wxt.mjs", "build", "-b", "firefox", "--mv3"], { stdio: "pipe" });
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
