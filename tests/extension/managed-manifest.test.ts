/**
 * Chrome and Edge hand an administrator's policy to the extension only when the built manifest names a
 * schema they accept, and drop every policy key the schema does not declare. This builds the extension as
 * it ships (into a folder of its own, so another run's build is left alone) and checks that the schema is
 * there, is valid JSON Schema within Chrome's rules, and declares exactly the keys the extension reads.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MANAGED_CIRCLES, MANAGED_POLICY_KEYS, parseManagedPolicy, SIGN_IN_POLICIES } from "../../extension/lib/managed/policy";

let out: string;
const read = (path: string) => JSON.parse(readFileSync(join(out, path), "utf8"));

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "knooppunt-managed-build-"));
  const build = (browser: string) =>
    execFileSync(process.execPath, ["--input-type=module", "-e", `const { build } = await import("wxt"); await build({ browser: ${JSON.stringify(browser)}, manifestVersion: 3, outDir: ${JSON.stringify(out)} });`], {
      stdio: "pipe",
    });
  build("chrome");
  build("firefox");
}, 180_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

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
