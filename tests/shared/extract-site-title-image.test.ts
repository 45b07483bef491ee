import { describe, expect, it } from "vitest";
import { extractFrom } from "./extract-support";

const ld = (node: object) => `<script type="application/ld+json">${JSON.stringify({ "@context": "https://schema.org", ...node })}</script>`;

describe("the site a page belongs to", () => {
  it("is read from <meta name=publisher>", () => {
    expect(extractFrom('<meta name="publisher" content="Kennisnet">').meta.siteName).toBe("Kennisnet");
  });

  it("is read from the JSON-LD publisher's name", () => {
    expect(extractFrom(ld({ "@type": "NewsArticle", headline: "Kop", publisher: { "@type": "Organization", name: "PO-Raad" } })).meta.siteName).toBe("PO-Raad");
  });

  it("is the <title> suffix when the rest of the title is the page's own title", () => {
    const page = extractFrom("<title>Appeltaart met kaneel | smitten kitchen</title>", "<h1>Appeltaart met kaneel</h1>", { url: "https://recepten.example.org/appeltaart" });
    expect(page.meta.siteName).toBe("smitten kitchen");
    expect(page.title).toBe("Appeltaart met kaneel");
  });

  it("is the <title> suffix when it spells the address", () => {
    expect(extractFrom("<title>Wiskunde - Wikipedia</title>", "", { url: "https://nl.wikipedia.org/wiki/Wiskunde" }).meta.siteName).toBe("Wikipedia");
  });

  it("is not a <title> suffix that is part of the title itself", () => {
    expect(extractFrom("<title>Rekenen - de basis op orde</title>", "<h1>Iets anders</h1>").meta.siteName).toBeNull();
  });
});

describe("the title of a page", () => {
  it("takes the JSON-LD name over a headline that is a description, as Wikipedia writes it", () => {
    const head = `<title>Wiskunde - Wikipedia</title>${ld({ "@type": "Article", name: "Wiskunde", headline: "wetenschap van structuren en getallen" })}`;
    expect(extractFrom(head, "", { url: "https://nl.wikipedia.org/wiki/Wiskunde" }).title).toBe("Wiskunde");
  });

  it("keeps the JSON-LD headline when <title> shows it", () => {
    const head = `<title>Samen opleiden in de regio</title>${ld({ "@type": "Article", name: "artikel-4412", headline: "Samen opleiden in de regio" })}`;
    expect(extractFrom(head).title).toBe("Samen opleiden in de regio");
  });

  it("is read from parsely-title and from dc:title in its property form", () => {
    expect(extractFrom('<meta name="parsely-title" content="Drie manieren">').title).toBe("Drie manieren");
    expect(extractFrom('<meta property="dc:title" content="Handreiking NT2">').title).toBe("Handreiking NT2");
  });
});

describe("the image of a page", () => {
  it("is the <video poster> as a last resort, resolved against <base href>", () => {
    const page = extractFrom('<base href="https://media.voorbeeldschool.nl/clips/">', '<main><video poster="stills/les-3.jpg" src="les-3.mp4"></video></main>');
    expect(page.meta.imageUrl).toBe("https://media.voorbeeldschool.nl/clips/stills/les-3.jpg");
  });

  it("resolves a protocol-relative og:image against the page", () => {
    expect(extractFrom('<meta property="og:image" content="//cdn.voorbeeldschool.nl/a.jpg">').meta.imageUrl).toBe("https://cdn.voorbeeldschool.nl/a.jpg");
  });
});

describe("meta tags in general", () => {
  it("read each key of a property attribute that holds two", () => {
    const page = extractFrom('<meta property="og:title dc:title" content="Twee sleutels"><meta property="og:site_name  dc:publisher" content="SLO">');
    expect(page.title).toBe("Twee sleutels");
    expect(page.meta.siteName).toBe("SLO");
  });

  it("treat DC.creator and dc:creator alike", () => {
    expect(extractFrom('<meta name="DC.creator" content="A. de Vries">').meta.author).toBe("A. de Vries");
    expect(extractFrom('<meta property="dc:creator" content="A. de Vries">').meta.author).toBe("A. de Vries");
  });

  it("take the language from itemprop=inLanguage when <html lang> is missing", () => {
    expect(extractFrom('<meta itemprop="inLanguage" content="nl-NL">').language).toBe("nl-NL");
    expect(extractFrom("", '<div itemscope itemtype="https://schema.org/Article"><span itemprop="inLanguage">fy</span></div>').language).toBe("fy");
  });
});
