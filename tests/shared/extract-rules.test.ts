import { JSDOM } from "jsdom";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { extractPage } from "../../shared/extract";
import { extractFrom } from "./extract-support";

const ld = (node: object) => `<script type="application/ld+json">${JSON.stringify({ "@context": "https://schema.org", ...node })}</script>`;
const PARAGRAPHS = "<p>Op de ouderavond vertellen leraren wat de kinderen dit jaar leren en hoe ouders thuis kunnen helpen.</p>".repeat(4);

describe("who wrote a page, when metadata names the company", () => {
  it("takes the writer from article:author over the publisher in meta author", () => {
    const head = '<meta name="author" content="Condé Nast"><meta property="article:author" content="Emma Grey Ellis">';
    expect(extractFrom(head).meta.author).toBe("Emma Grey Ellis");
  });

  it("skips an author that is the site's or publisher's own name and reads the byline instead", () => {
    const head = '<meta name="author" content="Deutsche Welle (www.dw.com)"><meta name="publisher" content="Deutsche Welle (www.dw.com)">';
    const body = `<article><h1>Kop</h1><div class="author">Auteur: Julia Hitz (eg)</div>${PARAGRAPHS}</article>`;
    expect(extractFrom(head, body).meta.author).toBe("Julia Hitz");
  });

  it("leaves out an Organization listed beside people in the JSON-LD author", () => {
    const page = extractFrom(ld({ "@type": "NewsArticle", headline: "Kop", author: [{ "@type": "Person", name: "John Pullen" }, { "@type": "Organization", name: "TIME" }] }));
    expect(page.meta.author).toBe("John Pullen");
  });
});

describe("who wrote a page, from its byline", () => {
  it("splits 'A, B and C' into people", () => {
    expect(extractFrom('<meta name="author" content="Marc Santora, Al Baker and Adam Goldman">').meta.author).toBe("Marc Santora, Al Baker, Adam Goldman");
    expect(extractFrom('<meta name="author" content="Noor Bakker en Sem de Vries">').meta.author).toBe("Noor Bakker, Sem de Vries");
  });

  it("takes the name from the byline's link, not the job title printed beside it", () => {
    const body = `<article><div class="byline">By <a href="/people/howard-blume">Howard Blume</a><span>Staff Writer</span> <a href="https://twitter.com/howardblume">Twitter</a></div>${PARAGRAPHS}</article>`;
    expect(extractFrom("", body).meta.author).toBe("Howard Blume");
  });

  it("takes every link to an author page in the byline", () => {
    const body = `<article><p class="byline">Door <a href="/auteur/noor-bakker">Noor Bakker</a> en <a href="/auteur/sem-de-vries">Sem de Vries</a></p>${PARAGRAPHS}</article>`;
    expect(extractFrom("", body).meta.author).toBe("Noor Bakker, Sem de Vries");
  });

  it("reads a link to an author page where no class marks the byline", () => {
    const body = `<main><h1>Kop</h1><div><a href="https://www.voorbeeldschool.nl/author/juf-sanne/">Juf Sanne</a></div>${PARAGRAPHS}</main>`;
    expect(extractFrom("", body).meta.author).toBe("Juf Sanne");
  });

  it("passes over a label or section before the names ('Politik · …', 'Published by')", () => {
    expect(extractFrom("", `<article><p class="byline">Politik · Jochen Bittner</p>${PARAGRAPHS}</article>`).meta.author).toBe("Jochen Bittner");
    expect(extractFrom("", `<article><span class="author">Published by</span><span class="byline">Daniel Lemire</span>${PARAGRAPHS}</article>`).meta.author).toBe("Daniel Lemire");
  });

  it("ignores bylines in comments and the footer", () => {
    const body = `<article>${PARAGRAPHS}<div id="comments"><span class="comment-author">Jan Lezer</span></div></article><footer><span class="author">Webredactie</span></footer>`;
    expect(extractFrom("", body).meta.author).toBeNull();
  });

  it("counts only the authors of the page's own item, not of related posts", () => {
    const person = (name: string) => `<span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">${name}</span></span>`;
    const body = `<article itemscope itemtype="https://schema.org/BlogPosting">${person("Jake Goulding")}${PARAGRAPHS}</article><aside><div itemscope itemtype="https://schema.org/BlogPosting">${person("Ben Popper")}</div></aside>`;
    expect(extractFrom("", body).meta.author).toBe("Jake Goulding");
  });

  it("decodes HTML entities a template left in the JSON-LD", () => {
    const page = extractFrom(ld({ "@type": "NewsArticle", headline: "Spreads Via &#8216;Game&#8217; Links", author: { "@type": "Person", name: "Lindsey O&#039;Donnell" } }));
    expect(page.meta.author).toBe("Lindsey O'Donnell");
    expect(page.title).toBe("Spreads Via \u2018Game\u2019 Links");
  });
});

describe("the title and site, as the page shows them", () => {
  it("strips a site suffix that carries a section or a date after the site's name", () => {
    const head = '<meta property="og:site_name" content="CNN"><meta property="og:title" content="Why nothing changes | CNN Politics">';
    expect(extractFrom(head).title).toBe("Why nothing changes");
  });

  it("drops The New York Times' '(Published 2016)' from og:title", () => {
    expect(extractFrom('<meta property="og:title" content="Suspect Is Arrested (Published 2016)">').title).toBe("Suspect Is Arrested");
  });

  it("writes the JSON-LD name as <title> writes it", () => {
    const head = `<title>t-distributed stochastic neighbor embedding - Wikipedia</title>${ld({ "@type": "Article", name: "T-distributed stochastic neighbor embedding", headline: "technique for dimensionality reduction", publisher: { "@type": "Organization", name: "Wikimedia Foundation, Inc." } })}`;
    const page = extractFrom(head, "", { url: "https://en.wikipedia.org/wiki/T-distributed_stochastic_neighbor_embedding" });
    expect(page.title).toBe("t-distributed stochastic neighbor embedding");
    expect(page.meta.siteName).toBe("Wikipedia");
  });

  it("takes the first part of a title suffix that lists sections after the site", () => {
    const page = extractFrom("<title>Coronavirus-Update | NDR.de - Nachrichten - NDR Info</title>", "", { url: "https://www.ndr.de/nachrichten/info/update.html" });
    expect(page.meta.siteName).toBe("NDR.de");
  });
});

describe("the readable text of a page", () => {
  it("is the longest <article>, not the related-story cards beside it", () => {
    const body = `<article class="card"><p>Ander nieuws: de gymzaal gaat dicht.</p></article><article><h1>Ouderavond</h1>${PARAGRAPHS}</article><footer>Voorbeeldschool · Privacy</footer>`;
    const page = extractFrom("<title>Ouderavond</title>", body);
    expect(page.text!.startsWith("Ouderavond Op de ouderavond vertellen leraren")).toBe(true);
    expect(page.text).not.toContain("gymzaal");
    expect(page.text).not.toContain("Privacy");
  });

  it("is the element holding most paragraph text on a page that marks up no article", () => {
    const body = `<div class="menu"><p>Home</p><p>Nieuws</p></div><div class="content"><div class="post">${PARAGRAPHS}</div></div><div class="sidebar"><p>Agenda: studiedag op vrijdag.</p></div>`;
    const page = extractFrom("<title>Ouderavond</title>", body);
    expect(page.text).toBe(Array(4).fill("Op de ouderavond vertellen leraren wat de kinderen dit jaar leren en hoe ouders thuis kunnen helpen.").join(" "));
  });

  it("gives the same facts under linkedom (the server) as under jsdom (the extension's tests)", () => {
    const html = `<!DOCTYPE html><html lang="nl"><head><title>Ouderavond | Voorbeeldschool</title><meta property="og:site_name" content="Voorbeeldschool"></head><body><article><h1>Ouderavond</h1><p class="byline">Door <a href="/auteur/noor-bakker">Noor Bakker</a></p><time datetime="2024-03-12">12 maart 2024</time>${PARAGRAPHS}</article></body></html>`;
    const url = "https://www.voorbeeldschool.nl/nieuws/ouderavond";
    const inJsdom = extractPage(new JSDOM(html, { url }).window.document, url);
    const inLinkedom = extractPage(parseHTML(html).document as unknown as Document, url);
    expect(inLinkedom).toEqual(inJsdom);
    expect(inJsdom.meta.author).toBe("Noor Bakker");
    expect(inJsdom.meta.publishedAt).toBe("2024-03-12");
    expect(inJsdom.title).toBe("Ouderavond");
  });
});
