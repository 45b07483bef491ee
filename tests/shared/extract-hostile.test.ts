import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { extractPage } from "../../shared/extract";
import { LIMITS } from "../../shared/schemas";

const URL_ = "https://forum.onderwijsdebat.nl/t/toetsmatrijs/4412";

// How long these take is measured by `npm run bench:extract`, side by side on one machine; a timed test
// would only measure how busy the machine running the suite is.
function extract(html: string) {
  return extractPage(new JSDOM(html, { url: URL_ }).window.document, URL_);
}

describe("page extraction on hostile markup", () => {
  it("reads a 5 MB page without throwing, its text capped", () => {
    const paragraph = "<div class='post'><p>Een toetsmatrijs laat zien welke doelen een toets meet en hoe zwaar elk doel telt.</p></div>";
    const html = `<!DOCTYPE html><html lang="nl"><head><title>Toetsmatrijs | Onderwijsdebat</title></head><body>${paragraph.repeat(Math.ceil(5_000_000 / paragraph.length))}</body></html>`;
    expect(html.length).toBeGreaterThan(5_000_000);
    const result = extract(html);
    expect(result.title).toBe("Toetsmatrijs");
    expect(result.language).toBe("nl");
    expect(result.text!.length).toBeLessThanOrEqual(LIMITS.text);
    expect(result.text!.startsWith("Een toetsmatrijs laat zien")).toBe(true);
    // Building a 5 MB DOM in jsdom is what takes long here, most of all on a busy machine; the extraction
    // itself stays within its caps (bench:extract measures it).
  }, 180_000);

  it("skips JSON-LD that is not JSON and still reads the rest", () => {
    const blocks = ["{ dit is geen json", "<!-- ]]> -->", "[".repeat(100_000), `{"@type": "Article", "headline": ${'"x'.repeat(2_000_000)}"}`];
    const head = `<title>Toetsmatrijs</title>${blocks.map((block) => `<script type="application/ld+json">${block}</script>`).join("")}<meta name="author" content="Noor Bakker">`;
    const result = extract(`<!DOCTYPE html><html><head>${head}</head><body><p>Tekst.</p></body></html>`);
    expect(result.title).toBe("Toetsmatrijs");
    expect(result.meta.author).toBe("Noor Bakker");
  });

  it("reads a page with 10,000 meta tags without throwing, the first title winning", () => {
    const tags = Array.from({ length: 10_000 }, (_, index) => `<meta name="x-${index}" property="og:title og:x-${index}" content="Titel ${index}">`).join("");
    const result = extract(`<!DOCTYPE html><html><head>${tags}</head><body><p>Tekst.</p></body></html>`);
    expect(result.title).toBe("Titel 0");
  });
});
