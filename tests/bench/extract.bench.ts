/**
 * How well page extraction reads real pages: the field-by-field score on tests/fixtures/pages/corpus
 * (expected values written by hand) and the time extractPage takes per page under jsdom (the extension's
 * tests' stand-in for the browser) and linkedom (what the server reads pages with).
 *
 *   npm run bench:extract              — the extractor in shared/extract
 *   EXTRACT_MODULE=/path/to/index.ts npm run bench:extract   — another copy of it, to compare
 *   VERBOSE=1 npm run bench:extract    — also print every miss
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { JSDOM } from "jsdom";
import { parseHTML } from "linkedom";
import type { ExtractedPage } from "../../shared/extract";

const CORPUS = new URL("../fixtures/pages/corpus/", import.meta.url);
const FIELDS = ["title", "author", "publishedAt", "siteName", "imageUrl", "language", "kind"] as const;
type Field = (typeof FIELDS)[number];
type Expected = Partial<Record<Field, string | string[]>>;

interface CorpusPage {
  file: string;
  url: string;
  expected: Expected;
}

const ROUNDS = 5;

async function main(): Promise<void> {
  const modulePath = process.env["EXTRACT_MODULE"];
  const { extractPage } = (await import(modulePath ? pathToFileURL(modulePath).href : "../../shared/extract/index.ts")) as {
    extractPage: (doc: Document, url: string) => ExtractedPage;
  };
  const corpus = JSON.parse(readFileSync(new URL("index.json", CORPUS), "utf8")) as { pages: CorpusPage[] };

  const score = new Map<Field, { right: number; total: number }>(FIELDS.map((field) => [field, { right: 0, total: 0 }]));
  const misses: string[] = [];
  const times: number[] = [];
  const linkedomTimes: number[] = [];
  const disagreements: string[] = [];
  for (const page of corpus.pages) {
    const html = readFileSync(new URL(page.file, CORPUS), "utf8");
    const doc = new JSDOM(html, { url: page.url }).window.document;
    let result: ExtractedPage | null = null;
    for (let round = 0; round < ROUNDS; round += 1) {
      const start = performance.now();
      result = extractPage(doc, page.url);
      times.push(performance.now() - start);
    }
    const linkedomDoc = parseHTML(html).document as unknown as Document;
    let linkedomResult: ExtractedPage | null = null;
    for (let round = 0; round < ROUNDS; round += 1) {
      const start = performance.now();
      linkedomResult = extractPage(linkedomDoc, page.url);
      linkedomTimes.push(performance.now() - start);
    }
    // The server reads pages with linkedom: the facts must not depend on which DOM read them.
    for (const field of FIELDS) {
      if (valueOf(result!, field) !== valueOf(linkedomResult!, field)) {
        disagreements.push(`${page.file} ${field}: jsdom ${JSON.stringify(valueOf(result!, field))}, linkedom ${JSON.stringify(valueOf(linkedomResult!, field))}`);
      }
    }
    for (const field of FIELDS) {
      const expected = page.expected[field];
      if (expected === undefined) continue;
      const accepted = (Array.isArray(expected) ? expected : [expected]).map((value) => (value === "og:image" ? ogImage(doc, page.url) : value));
      const actual = valueOf(result!, field);
      const tally = score.get(field)!;
      tally.total += 1;
      if (accepted.some((value) => value !== null && same(field, value, actual))) tally.right += 1;
      else misses.push(`${page.file} ${field}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(accepted)}`);
    }
  }

  let right = 0;
  let total = 0;
  console.log(`Page extraction on ${corpus.pages.length} pages (${modulePath ?? "shared/extract"})`);
  for (const [field, tally] of score) {
    right += tally.right;
    total += tally.total;
    console.log(`  ${field.padEnd(12)} ${String(tally.right).padStart(3)}/${String(tally.total).padEnd(3)} ${percent(tally.right, tally.total)}`);
  }
  console.log(`  ${"all fields".padEnd(12)} ${String(right).padStart(3)}/${String(total).padEnd(3)} ${percent(right, total)}`);
  for (const [engine, list] of [["jsdom", times], ["linkedom", linkedomTimes]] as const) {
    list.sort((a, b) => a - b);
    console.log(`  time per page (${engine.padEnd(8)} ${ROUNDS} rounds): p50 ${quantile(list, 0.5).toFixed(1)} ms, p95 ${quantile(list, 0.95).toFixed(1)} ms`);
  }
  console.log(`  jsdom and linkedom disagree on ${disagreements.length} field(s)`);
  if (process.env["VERBOSE"]) for (const line of [...misses.map((miss) => `miss ${miss}`), ...disagreements.map((line) => `differs ${line}`)]) console.log(`  ${line}`);
}

function valueOf(result: ExtractedPage, field: Field): string | null {
  if (field === "title") return result.title;
  if (field === "kind") return result.kind;
  if (field === "language") return result.language;
  return result.meta[field];
}

function same(field: Field, expected: string, actual: string | null): boolean {
  if (actual === null) return false;
  switch (field) {
    case "author":
      return names(expected) === names(actual);
    case "publishedAt":
      // The day is what a card shows; the time, when there is one, depends on the zone a page chose.
      return actual.slice(0, 10) === expected;
    case "siteName":
      return actual.toLowerCase() === expected.toLowerCase();
    case "language":
      return actual.split("-")[0]!.toLowerCase() === expected.toLowerCase();
    default:
      return actual === expected;
  }
}

function names(value: string): string {
  return value
    .split(/[,;]/)
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
    .sort()
    .join("|");
}

function ogImage(doc: Document, url: string): string | null {
  const content = doc.querySelector('meta[property="og:image"], meta[name="og:image"]')?.getAttribute("content");
  try {
    return content ? new URL(content.trim(), url).href : null;
  } catch {
    return null;
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function percent(right: number, total: number): string {
  return total === 0 ? "—" : `${((100 * right) / total).toFixed(1)}%`;
}

await main();
