import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { extractPage } from "../../shared/extract";
import { LIMITS } from "../../shared/schemas";

const URL_ = "https://forum.onderwijsdebat.nl/t/toetsmatrijs/4412";

function timed(html: string): { result: ReturnType<typeof extractPage>; ms: number } {
  const doc = new JSDOM(html, { url: URL_ }).window.document;
  const start = performance.now();
  const result = extractPage(doc, URL_);
  return { result, ms: performance.now() - start };
}

describe("page extraction on hostile markup", () => {
  it("reads a 5 MB page without throwing, within its time cap", () => {
    const paragraph = "<div class='post'><p>Een toetsmatrijs laat zien welke doelen een toets meet en hoe zwaar elk doel telt.</p></div>";
    const html = `<!DOCTYPE html><html lang="nl"><head><title>Toetsmatrijs | Onderwijsdebat</title></head><body>${paragraph.repeat(Math.ceil(5_000_000 / paragraph.length))}</body></html>`;
    expect(html.length).toBeGreaterThan(5_000_000);
    const { result, ms } = timed(html);
    expect(result.title).toBe("Toetsmatrijs");
    expect(result.language).toBe("nl");
    expect(result.text!.length).toBeLessThanOrEqual(LIMITS.text);
    expect(result.text!.startsWith("Een toetsmatrijs laat zien")).toBe(true);
    expect(ms).toBeLessThan(3000);
  });

  it("skips JSON-LD that is not JSON and still reads the rest", () => {
    const blocks = ["{ dit is geen json", "<!-- ]]> -->", "[".repeat(100_000), `{"@type": "Article", "headline": ${'"x'.repeat(2_000_000)}"}`];
    const head = `<title>Toetsmatrijs</title>${blocks.map((block) => `<script type="application/ld+json">${block}</script>`).join("")}<meta name="author" content="Noor Bakker">`;
    const { result } = timed(`<!DOCTYPE html><html><head>${head}</head><body><p>Tekst.</p></body></html>`);
    expect(result.title).toBe("Toetsmatrijs");
    expect(result.meta.author).toBe("Noor Bakker");
  });

  it("reads a page with 10,000 meta tags without throwing, within its time cap", () => {
    const tags = Array.from({ length: 10_000 }, (_, index) => `<meta name="x-${index}" property="og:title og:x-${index}" content="Titel ${index}">`).join("");
    const { result, ms } = timed(`<!DOCTYPE html><html><head>${tags}</head><body><p>Tekst.</p></body></html>`);
    expect(result.title).toBe("Titel 0");
    expect(ms).toBeLessThan(1000);
  });
});
