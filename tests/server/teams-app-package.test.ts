/**
 * The Teams app package a school uploads: what Teams checks (the manifest against Microsoft's own schema,
 * the icons' sizes) and what makes it this server's app (its addresses, a stable id).
 */
import Ajv04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { unzipSync } from "fflate";
import { createRequire } from "node:module";
import { inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";

const require = createRequire(import.meta.url);
const SCHEMAS = "@microsoft/app-manifest/build/json-schemas/teams/v1.30";
const PUBLIC_URL = "https://knooppunt.example.nl";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ publicUrl: PUBLIC_URL });
});
afterAll(() => server.stop());

async function download() {
  const res = await fetch(`${server.url}/teams/knooppunt.zip`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, files: unzipSync(bytes) };
}

const json = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes));

/**
 * Microsoft's schemas are draft-04 (with `const`, which Ajv's draft-04 class knows); some of their patterns
 * (an escaped `]` after `\b`) are valid only without the `u` flag, as in the validators Microsoft uses.
 */
function validatorFor(schemaFile: string) {
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(require(`${SCHEMAS}/${schemaFile}`));
}

interface Png {
  width: number;
  height: number;
  colourType: number;
  /** RGBA, row by row (the package writes filter type 0 on every row). */
  pixels: Uint8Array;
}

function readPng(bytes: Uint8Array): Png {
  const buffer = Buffer.from(bytes);
  expect([...buffer.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let at = 8;
  let header: Buffer | undefined;
  const data: Buffer[] = [];
  while (at < buffer.length) {
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString("latin1", at + 4, at + 8);
    const body = buffer.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") header = body;
    if (type === "IDAT") data.push(body);
    at += 12 + length;
  }
  const width = header!.readUInt32BE(0);
  const height = header!.readUInt32BE(4);
  const rows = inflateSync(Buffer.concat(data));
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(rows[y * (width * 4 + 1)]).toBe(0);
    pixels.set(rows.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, colourType: header![9]!, pixels };
}

describe("GET /teams/knooppunt.zip", () => {
  it("is a zip of exactly the manifest, its English localization and the two icons", async () => {
    const { res, files } = await download();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="knooppunt.zip"');
    expect(Object.keys(files).sort()).toEqual(["color.png", "en.json", "manifest.json", "outline.png"]);
  });

  it("holds a manifest that Microsoft's Teams app schema accepts, and an English localization its schema accepts", async () => {
    const { files } = await download();
    const manifest = json(files["manifest.json"]!);
    const validManifest = validatorFor("MicrosoftTeams.schema.json");
    expect(validManifest(manifest), JSON.stringify(validManifest.errors, null, 1)).toBe(true);
    const validLocalization = validatorFor("MicrosoftTeams.Localization.schema.json");
    expect(validLocalization(json(files["en.json"]!)), JSON.stringify(validLocalization.errors, null, 1)).toBe(true);
  });

  it("is this server's app: its addresses, its host as the only valid domain, Dutch with English beside it", async () => {
    const { files } = await download();
    const manifest = json(files["manifest.json"]!);
    expect(manifest).toMatchObject({
      manifestVersion: "1.30",
      // The name-based UUID (version 5) of the public address: Python's uuid5(NAMESPACE_URL, PUBLIC_URL).
      id: "e7ca30f8-0d47-529b-9ac3-0faa380e0507",
      developer: { name: "Knooppunt", websiteUrl: PUBLIC_URL, privacyUrl: `${PUBLIC_URL}/privacy`, termsOfUseUrl: `${PUBLIC_URL}/privacy` },
      name: { short: "Knooppunt", full: "Knooppunt: bundels en thema's van je netwerk" },
      description: { short: "Bundels en thema's van je kennisnetwerk als tabblad in je kanaal." },
      localizationInfo: { defaultLanguageTag: "nl", additionalLanguages: [{ languageTag: "en", file: "en.json" }] },
      icons: { color: "color.png", outline: "outline.png" },
      configurableTabs: [{ configurationUrl: `${PUBLIC_URL}/teams/configure`, canUpdateConfiguration: true, scopes: ["team", "groupChat"] }],
      validDomains: ["knooppunt.example.nl"],
    });
    expect(json(files["en.json"]!)).toMatchObject({ "name.short": "Knooppunt", "description.short": "Your knowledge network's bundles and themes as a tab in your channel." });
  });

  it("gives the same bytes, and so the same app id, on every download", async () => {
    const first = await download();
    const second = await download();
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  });

  it("has a 192×192 colour icon, opaque, and a 32×32 outline icon that is white on transparency", async () => {
    const { files } = await download();
    const color = readPng(files["color.png"]!);
    expect([color.width, color.height, color.colourType]).toEqual([192, 192, 6]);
    const alphas = new Set<number>();
    for (let i = 3; i < color.pixels.length; i += 4) alphas.add(color.pixels[i]!);
    expect([...alphas]).toEqual([255]);
    // The corner shows the accent colour the manifest names.
    expect([...color.pixels.subarray(0, 4)]).toEqual([0x1f, 0x7a, 0x4d, 255]);

    const outline = readPng(files["outline.png"]!);
    expect([outline.width, outline.height, outline.colourType]).toEqual([32, 32, 6]);
    const colours = new Set<string>();
    let transparent = 0;
    let solid = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      colours.add(outline.pixels.subarray(i, i + 3).join(","));
      if (outline.pixels[i + 3] === 0) transparent++;
      if (outline.pixels[i + 3] === 255) solid++;
    }
    expect([...colours]).toEqual(["255,255,255"]);
    // Mostly background, with a drawn emblem: neither an empty nor a filled square.
    expect(transparent > 32 * 32 * 0.5 && solid > 32 * 2).toBe(true);
  });
});
