import { describe, expect, it } from "vitest";
import { extractFrom } from "./extract-support";

const ARTICLE = "<article><h1>Ouderavond</h1>" + "<p>Op de ouderavond vertellen leraren wat de kinderen dit jaar leren en hoe ouders kunnen helpen.</p>".repeat(8);

describe("the author of a page", () => {
  it("is read from <meta itemprop=author content>, not from the empty element", () => {
    expect(extractFrom('<meta itemprop="author" content="Sanne de Wit">').meta.author).toBe("Sanne de Wit");
  });

  it.each([
    ['<meta name="parsely-author" content="Gina Trapani">', "Gina Trapani"],
    ['<meta name="sailthru.author" content="Sage Lazzaro">', "Sage Lazzaro"],
    ['<meta property="og:article:author" content="Cécile Ducourtieux">', "Cécile Ducourtieux"],
    ['<meta property="article:author" content="Howard Schneider, Lindsay Dunsmuir">', "Howard Schneider, Lindsay Dunsmuir"],
  ])("is read from vendor meta %s", (head, author) => {
    expect(extractFrom(head).meta.author).toBe(author);
  });

  it("skips article:author when it is a profile address", () => {
    expect(extractFrom('<meta property="article:author" content="https://www.facebook.com/iemand">').meta.author).toBeNull();
  });

  it("drops a 'By ' prefix and what a byline adds after the name", () => {
    const ld = { "@context": "https://schema.org", "@type": "NewsArticle", headline: "Kop", author: { "@type": "Person", name: "By Kaveh Waddell" } };
    expect(extractFrom(`<script type="application/ld+json">${JSON.stringify(ld)}</script>`).meta.author).toBe("Kaveh Waddell");
    expect(extractFrom('<meta name="byline" content="Mike Cason | mcason@al.com">').meta.author).toBe("Mike Cason");
  });

  it("falls back to an element marked as the byline when no metadata names an author", () => {
    const body = `${ARTICLE.replace("<h1>Ouderavond</h1>", '<h1>Ouderavond</h1><p class="byline">Door Fatima el Idrissi</p>')}</article>`;
    expect(extractFrom("<title>Ouderavond</title>", body).meta.author).toBe("Fatima el Idrissi");
  });

  it("reads a visible rel=author link, and ignores a byline that is a date", () => {
    expect(extractFrom("", `<article><a rel="author" href="/auteurs/jan">Jan Smit</a><p>Kort bericht.</p></article>`).meta.author).toBe("Jan Smit");
    expect(extractFrom("", `<article><span class="byline">12 maart 2024</span><p>Kort bericht.</p></article>`).meta.author).toBeNull();
  });

  it("prefers metadata over the visible byline", () => {
    const body = `<article><span class="byline">Door Iemand Anders</span><p>Kort bericht.</p></article>`;
    expect(extractFrom('<meta name="author" content="Sanne de Wit">', body).meta.author).toBe("Sanne de Wit");
  });
});
