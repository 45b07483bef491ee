import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { extractPage } from "../../shared/extract";

const FIXTURE_DIR = new URL("../fixtures/pages/", import.meta.url);

function extract(name: string, url: string) {
  const html = readFileSync(new URL(`${name}.html`, FIXTURE_DIR), "utf8");
  return extractPage(new JSDOM(html, { url }).window.document, url);
}

describe("what the extractor reads for theme suggestions", () => {
  it("reads meta keywords, article tags and the main content's headings", () => {
    const page = extract("zachte-landing-nieuwkomers", "https://www.schoolbladzuid.nl/praktijk/zachte-landing");
    expect(page.keywords).toEqual(["nieuwkomers", "zachte landing", "basisonderwijs", "NT2"]);
    expect(page.headings).toEqual(["Zachte landing voor nieuwkomers: de eerste weken in de klas", "Voor de eerste schooldag", "Een maatje in de klas", "Na zes weken"]);
  });

  it("reads JSON-LD keywords and about, and leaves out headings in navigation, sidebars and footers", () => {
    const url = "https://www.voorbeeldschool.nl/artikel";
    const html = `<!DOCTYPE html><html><head><script type="application/ld+json">${JSON.stringify({
      "@context": "https://schema.org",
      "@type": "Article",
      headline: "Samen lezen",
      keywords: "leesplezier, groep 4",
      about: [{ "@type": "Thing", name: "Begrijpend lezen" }, "Bibliotheek"],
    })}</script></head><body><nav><h2>Menu</h2></nav><main><h1>Samen lezen</h1><h2>Aan de slag</h2><aside><h3>Lees ook</h3></aside></main><footer><h2>Contact</h2></footer></body></html>`;
    const page = extractPage(new JSDOM(html, { url }).window.document, url);
    expect(page.keywords).toEqual(["leesplezier", "groep 4", "Begrijpend lezen", "Bibliotheek"]);
    expect(page.headings).toEqual(["Samen lezen", "Aan de slag"]);
  });
});
