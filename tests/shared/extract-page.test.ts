import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import {
  detectKind,
  extractPage,
  normaliseDate,
  parseIsoDuration,
  parseVideoUrl,
  toCreateItemRequest,
  type ExtractOptions,
  type ExtractedPage,
} from "../../shared/extract";
import { CreateItemRequest, LIMITS } from "../../shared/schemas";

const FIXTURE_DIR = new URL("../fixtures/pages/", import.meta.url);

function fixture(name: string): string {
  return readFileSync(new URL(`${name}.html`, FIXTURE_DIR), "utf8");
}

function parse(html: string, url: string): Document {
  return new JSDOM(html, { url }).window.document;
}

function extract(name: string, url: string, options?: ExtractOptions): ExtractedPage {
  return extractPage(parse(fixture(name), url), url, options);
}

/** A small page built in the test, for behaviour that needs no realistic fixture. */
function page(head: string, body = "", url = "https://www.voorbeeldschool.nl/pagina", options?: ExtractOptions): ExtractedPage {
  return extractPage(parse(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`, url), url, options);
}

const LONG_BODY = `<article><h1>Kop</h1>${"<p>Leraren delen wat werkt in hun klas, en ook wat niet werkt, zodat collega's ervan leren.</p>".repeat(12)}</article>`;

const URLS = {
  article: "https://www.onderwijspraktijk.nl/artikelen/cultureel-responsief-lesgeven-zo-begin-je/?utm_source=nieuwsbrief",
  youtube: "https://www.youtube.com/watch?v=Xk3pQ9vLm2A&t=42s&list=PLq9vT3xY2mN8k",
  vimeo: "https://vimeo.com/876543210",
  titleOnly: "https://www.kbs-de-wilgen.nl/nieuws/ouderavond-groep-8",
  hostile: "https://forum.onderwijsdebat.nl/t/toetsmatrijs/4412",
  news: "https://www.onderwijsbladzuid.nl/2024/03/12/scholen-zoeken-nt2-docenten",
  pdf: "https://www.nieuwkomersnetwerk.nl/media/Handreiking%20zachte%20landing%20nieuwkomers.pdf",
  relativeCanonical: "https://www.basisschooldekompas.nl/nieuws/2024/leesmotivatie-groep-6?utm_source=nieuwsbrief#reacties",
  crossSite: "https://www.kennisnetwerkbrainport.nl/artikelen/meertalige-rekendidactiek",
  protocol: "https://www.werkplaatsonderwijsonderzoek.nl/werkvormen/wat-dus-wat-nu",
  selection: "https://www.leraarontwikkeling.nl/blog/feedback-van-leerlingen",
  brokenJsonLd: "https://www.taalbewustlesgeven.nl/artikel/thuistalen-in-de-klas",
  research: "https://research.hogeschoolzuid.nl/nl/publications/professionele-leergemeenschappen-in-het-po",
  schoolVideo: "https://www.obsderegenboog.nl/kennisclips/zachte-landing-in-groep-3",
  podcast: "https://www.deleraarskamerpodcast.nl/afleveringen/42-samen-opleiden",
};

const SELECTION = "  Leerlingen geven   eerlijker feedback\n\n\n\n   als ze weten wat er met hun antwoorden gebeurt.  ";

const ALL_FIXTURES: [string, string, ExtractOptions?][] = [
  ["article-og-jsonld-graph", URLS.article],
  ["youtube-watch", URLS.youtube],
  ["vimeo-video", URLS.vimeo],
  ["title-only", URLS.titleOnly],
  ["hostile-title", URLS.hostile],
  ["news-article", URLS.news],
  ["pdf-viewer", URLS.pdf, { contentType: "application/pdf" }],
  ["relative-canonical", URLS.relativeCanonical],
  ["cross-site-canonical", URLS.crossSite],
  ["gespreksprotocol", URLS.protocol],
  ["selection", URLS.selection, { selection: SELECTION }],
  ["broken-jsonld", URLS.brokenJsonLd],
  ["research-report", URLS.research],
  ["school-video", URLS.schoolVideo],
  ["podcast-episode", URLS.podcast],
];

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("every fixture", () => {
  it.each(ALL_FIXTURES)("%s: leaves the live document exactly as it was", (name, url, options) => {
    const doc = parse(fixture(name), url);
    const before = doc.documentElement.outerHTML;
    const bodyBefore = doc.body.innerHTML;
    extractPage(doc, url, options);
    expect(doc.body.innerHTML).toBe(bodyBefore);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it.each(ALL_FIXTURES)("%s: is accepted unchanged by CreateItemRequest", (name, url, options) => {
    const extracted = extract(name, url, options);
    const parsed = CreateItemRequest.parse(toCreateItemRequest(extracted));
    // Nothing may be trimmed or truncated by the schema: the extractor already delivers what it accepts.
    expect(parsed.url).toBe(extracted.url);
    expect(parsed.title).toBe(extracted.title);
    expect(parsed.kind).toBe(extracted.kind);
    expect(parsed.language ?? null).toBe(extracted.language);
    expect(parsed.text ?? null).toBe(extracted.text);
    expect(parsed.quote ?? null).toBe(extracted.quote);
    expect(parsed.meta).toEqual(extracted.meta);
  });

  it.each(ALL_FIXTURES)("%s: readable text holds no script, style or noscript content", (name, url, options) => {
    const { text } = extract(name, url, options);
    for (const marker of ["SCRIPT_MAG_NIET", "NOSCRIPT_MAG_NIET", "STIJL_MAG_NIET", "TRACKING_SCRIPT_INHOUD", "YT_PLAYER_RESPONSE", "dataLayer", "alert("]) {
      expect(text ?? "").not.toContain(marker);
    }
  });
});

describe("article with OpenGraph and a Yoast-style JSON-LD @graph", () => {
  const result = extract("article-og-jsonld-graph", URLS.article);

  it("prefers og:title over the JSON-LD headline and <title>", () => {
    expect(result.title).toBe("Cultureel responsief lesgeven: zo begin je morgen");
    expect(result.kind).toBe("artikel");
  });

  it("follows @id references in the graph to the author", () => {
    expect(result.meta.author).toBe("Fatima el Idrissi");
  });

  it("takes the publication date from the Article in @graph", () => {
    expect(result.meta.publishedAt).toBe("2024-02-14T09:30:00+01:00");
  });

  it("reads site, image, excerpt, canonical, favicon and language", () => {
    expect(result.meta.siteName).toBe("Onderwijspraktijk");
    expect(result.meta.imageUrl).toBe("https://www.onderwijspraktijk.nl/wp-content/uploads/2024/02/kringgesprek-groep-6.jpg");
    expect(result.meta.excerpt).toBe("Vijf kleine stappen waarmee je morgen al cultureel responsiever lesgeeft.");
    expect(result.meta.canonicalUrl).toBe("https://www.onderwijspraktijk.nl/artikelen/cultureel-responsief-lesgeven-zo-begin-je/");
    expect(result.meta.faviconUrl).toBe("https://www.onderwijspraktijk.nl/wp-content/uploads/2023/01/cropped-logo-32x32.png");
    expect(result.language).toBe("nl");
    expect(result.meta.video).toBeNull();
  });

  it("keeps the article text, separated at block boundaries, without navigation or footer", () => {
    expect(result.text).toContain("Begin bij de namen van je leerlingen: vraag hoe ze hun naam uitspreken en oefen tot het klopt.");
    expect(result.text).toContain("Begin bij de namen Begin bij de namen van je leerlingen");
    expect(result.text).not.toMatch(/\s{2}/);
    expect(result.text).not.toContain("Stichting Onderwijspraktijk · Privacy");
    expect(result.quote).toBeNull();
  });
});

describe("YouTube watch page", () => {
  const result = extract("youtube-watch", URLS.youtube);

  it("is a kennisclip with the id from the address and a no-cookie embed", () => {
    expect(result.kind).toBe("kennisclip");
    expect(result.meta.video).toEqual({
      provider: "youtube",
      id: "Xk3pQ9vLm2A",
      durationSeconds: 754,
      embedUrl: "https://www.youtube-nocookie.com/embed/Xk3pQ9vLm2A",
    });
  });

  it("stays a kennisclip although its keywords name a werkvorm", () => {
    expect(detectKind(parse(fixture("youtube-watch"), URLS.youtube), URLS.youtube)).toBe("kennisclip");
  });

  it("reads the channel and date from YouTube's microdata", () => {
    expect(result.meta.author).toBe("Expertisecentrum NT2");
    expect(result.meta.publishedAt).toBe("2023-09-14T05:00:08-07:00");
  });

  it("reads title, site, image, canonical and language", () => {
    expect(result.title).toBe("Taaldenkgesprekken in groep 5: zo werkt het");
    expect(result.meta.siteName).toBe("YouTube");
    expect(result.meta.imageUrl).toBe("https://i.ytimg.com/vi/Xk3pQ9vLm2A/maxresdefault.jpg");
    expect(result.meta.canonicalUrl).toBe("https://www.youtube.com/watch?v=Xk3pQ9vLm2A");
    expect(result.language).toBe("nl-NL");
    expect(result.text).toContain("Een taaldenkgesprek is een gesprek waarin leerlingen hardop denken over een vakinhoud");
  });

  it("ignores a head left over from the previous video after in-app navigation", () => {
    const url = "https://www.youtube.com/watch?v=AbCdEfGhIj0";
    const doc = parse(fixture("youtube-watch"), url);
    // What YouTube updates in place: the document title and the rendered description.
    doc.title = "Meertalige rekenles in groep 7 - YouTube";
    doc.querySelector("#description")!.innerHTML = "<p>Juf Ayla laat zien hoe groep 7 in twee talen rekent.</p>";
    const stale = extractPage(doc, url);
    expect(stale.title).toBe("Meertalige rekenles in groep 7");
    expect(stale.meta.video).toEqual({
      provider: "youtube",
      id: "AbCdEfGhIj0",
      durationSeconds: null,
      embedUrl: "https://www.youtube-nocookie.com/embed/AbCdEfGhIj0",
    });
    expect(stale.meta.imageUrl).toBe("https://i.ytimg.com/vi/AbCdEfGhIj0/hqdefault.jpg");
    expect(stale.meta.canonicalUrl).toBeNull();
    expect(stale.meta.author).toBeNull();
    expect(stale.meta.publishedAt).toBeNull();
    expect(stale.meta.excerpt).not.toContain("juf Esra");
    expect(stale.text).toContain("Juf Ayla laat zien hoe groep 7 in twee talen rekent.");
    expect(stale.meta.siteName).toBe("YouTube");
  });
});

describe("Vimeo page", () => {
  const result = extract("vimeo-video", URLS.vimeo);

  it("is a kennisclip with the player embed and the JSON-LD duration (not video:duration)", () => {
    expect(result.kind).toBe("kennisclip");
    expect(result.meta.video).toEqual({
      provider: "vimeo",
      id: "876543210",
      durationSeconds: 245,
      embedUrl: "https://player.vimeo.com/video/876543210",
    });
  });

  it("reads author and upload date from the VideoObject", () => {
    expect(result.title).toBe("Zachte landing: nieuwkomers in de klas");
    expect(result.meta.author).toBe("Kenniscentrum Nieuwkomers");
    expect(result.meta.publishedAt).toBe("2023-11-02T14:12:09-04:00");
    expect(result.meta.siteName).toBe("Vimeo");
    expect(result.meta.imageUrl).toBe("https://i.vimeocdn.com/video/1745522334-8c1f0f5d2b_1280x720?r=pad");
  });
});

describe("page with nothing but a <title>", () => {
  const result = extract("title-only", URLS.titleOnly);

  it("collapses the whitespace in <title> and prefers it over the first <h1>", () => {
    expect(result.title).toBe("Ouderavond groep 8: de overstap naar het vo");
    expect(result.kind).toBe("artikel");
  });

  it("leaves unknown metadata null and falls back to /favicon.ico and the first paragraph", () => {
    expect(result.meta).toEqual({
      siteName: null,
      author: null,
      publishedAt: null,
      imageUrl: null,
      faviconUrl: "https://www.kbs-de-wilgen.nl/favicon.ico",
      excerpt: "Op dinsdag 8 oktober om 19.30 uur organiseren wij een ouderavond voor alle ouders van leerlingen in groep 8.",
      canonicalUrl: null,
      video: null,
    });
    expect(result.language).toBeNull();
    expect(result.text).toContain("Koffie en thee staan vanaf 19.15 uur klaar in de aula.");
  });
});

describe("page with hostile markup in its metadata", () => {
  const result = extract("hostile-title", URLS.hostile);

  it("keeps markup in the title as literal text, decodes entities, keeps emoji and drops control and bidi characters", () => {
    expect(result.title).toBe(
      'Toets & tabel <3 <script>alert("titel")</script> "><img src=x onerror=alert(1)> \u{1F4DA} \u{1F469}\u200D\u{1F3EB} [31mroodexe.txt',
    );
    expect(result.title).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
  });

  it("keeps a markup-looking author as text (escaping is the renderer's job)", () => {
    expect(result.meta.author).toBe('"><svg onload=alert(1)>');
    expect(result.meta.excerpt).toBe("Waarom werkt mijn toetsmatrijs niet? Iemand een idee?");
  });

  it("drops javascript:, data: and vbscript: URLs for image, canonical and favicon", () => {
    expect(result.meta.imageUrl).toBeNull();
    expect(result.meta.canonicalUrl).toBeNull();
    expect(result.meta.faviconUrl).toBe("https://forum.onderwijsdebat.nl/favicon.ico");
  });

  it("extracts the post without the inline script, noscript or style", () => {
    expect(result.text).toContain("In Excel lukt dat wel, maar zodra ik de tabel in onze elektronische leeromgeving plak");
    expect(result.text).toContain("\u{1F64F}");
    expect(result.text).not.toContain(".post {");
  });
});

describe("Dutch news article", () => {
  const result = extract("news-article", URLS.news);

  it("strips the ' | site name' suffix from og:title", () => {
    expect(result.title).toBe("Scholen zoeken naarstig naar NT2-docenten voor nieuwkomers");
  });

  it("prefers article:published_time and normalises its +0100 offset", () => {
    expect(result.meta.publishedAt).toBe("2024-03-12T07:45:00+01:00");
  });

  it("lists every JSON-LD author and prefers og:site_name over the publisher's legal name", () => {
    expect(result.meta.author).toBe("Sanne Bakker, Mehmet Yilmaz");
    expect(result.meta.siteName).toBe("Onderwijsblad Zuid");
  });

  it("resolves a protocol-relative og:image and falls back to the apple-touch-icon", () => {
    expect(result.meta.imageUrl).toBe("https://static.onderwijsbladzuid.nl/beeld/2024/03/nt2-klas-eindhoven.jpg");
    expect(result.meta.faviconUrl).toBe("https://www.onderwijsbladzuid.nl/static/icons/apple-touch-icon.png");
    expect(result.language).toBe("nl-NL");
  });

  it("stays an artikel although it embeds a video and carries a VideoObject", () => {
    expect(result.kind).toBe("artikel");
    expect(result.meta.video).toBeNull();
    expect(result.text).toContain("Je kunt geld niet voor de klas zetten.");
  });
});

describe("PDF", () => {
  it("takes the decoded file name when the viewer's title is just the file name", () => {
    const result = extract("pdf-viewer", URLS.pdf);
    expect(result.kind).toBe("document");
    expect(result.title).toBe("Handreiking zachte landing nieuwkomers");
    expect(result.text).toBeNull();
    expect(result.meta.faviconUrl).toBe("https://www.nieuwkomersnetwerk.nl/favicon.ico");
    expect(result.meta.video).toBeNull();
  });

  it("recognises application/pdf at an address without .pdf and keeps a meaningful title", () => {
    const url = "https://www.nieuwkomersnetwerk.nl/download?id=2291";
    const html = fixture("pdf-viewer").replace(/<title>.*<\/title>/, "<title>Instroomprotocol nieuwkomers 2024</title>");
    const result = extractPage(parse(html, url), url, { contentType: "application/pdf; charset=binary" });
    expect(result.kind).toBe("document");
    expect(result.title).toBe("Instroomprotocol nieuwkomers 2024");
    // Without the content type the same page is judged by its title alone.
    expect(detectKind(parse(html, url), url)).toBe("protocol");
  });

  it("does not keep Word's leftover metadata title", () => {
    const url = "https://www.school.nl/docs/NT2-beleid_2024.pdf";
    const html = fixture("pdf-viewer").replace(/<title>.*<\/title>/, "<title>Microsoft Word - NT2-beleid_def_v3.docx</title>");
    expect(extractPage(parse(html, url), url).title).toBe("NT2-beleid_2024");
  });
});

describe("canonical URLs", () => {
  it("resolves a relative canonical, og:image and favicon against <base href>", () => {
    const result = extract("relative-canonical", URLS.relativeCanonical);
    expect(result.meta.canonicalUrl).toBe("https://www.basisschooldekompas.nl/nieuws/2024/leesmotivatie-groep-6");
    expect(result.meta.imageUrl).toBe("https://www.basisschooldekompas.nl/media/2024/lezen-in-de-klas.jpg");
    expect(result.meta.faviconUrl).toBe("https://www.basisschooldekompas.nl/favicon.png");
    expect(result.url).toBe(URLS.relativeCanonical);
    expect(result.title).toBe("Leesmotivatie in groep 6: de leesclub");
    expect(result.meta.author).toBe("Annemiek Jacobs");
    // meta name=date "12-03-2024": Dutch pages write the day first.
    expect(result.meta.publishedAt).toBe("2024-03-12");
  });

  it("keeps a canonical on another site, made absolute (the server decides whether to use it)", () => {
    const result = extract("cross-site-canonical", URLS.crossSite);
    expect(result.meta.canonicalUrl).toBe("https://www.onderzoekonderwijs.net/meertalige-rekendidactiek/");
    expect(result.meta.siteName).toBe("Kennisnetwerk Brainport");
  });

  it("does not treat og:url as canonical", () => {
    const result = page('<meta property="og:url" content="https://www.voorbeeldschool.nl/">', LONG_BODY);
    expect(result.meta.canonicalUrl).toBeNull();
  });
});

describe("BlogPosting without OpenGraph", () => {
  const result = extract("cross-site-canonical", URLS.crossSite);

  it("takes title, author, date, excerpt and a relative image from JSON-LD", () => {
    expect(result.title).toBe("Meertalige rekendidactiek: rekenen in twee talen");
    expect(result.meta.author).toBe("Dr. Lotte Verhoeven");
    expect(result.meta.publishedAt).toBe("2023-10-05");
    expect(result.meta.excerpt).toBe(
      "Leerlingen die in hun thuistaal over een rekenprobleem mogen nadenken, lossen het vaker op. Een overzicht van wat onderzoek zegt en wat je in de klas kunt doen.",
    );
    expect(result.meta.imageUrl).toBe("https://www.kennisnetwerkbrainport.nl/uploads/rekenen-twee-talen.png");
    expect(result.meta.faviconUrl).toBe("https://cdn.kennisnetwerkbrainport.nl/assets/favicon.svg");
  });
});

describe("gespreksprotocol page", () => {
  const result = extract("gespreksprotocol", URLS.protocol);

  it("is a protocol, with the en-dash site suffix stripped from the title", () => {
    expect(result.kind).toBe("protocol");
    expect(result.title).toBe("Gespreksprotocol Wat, Dus, Wat nu?");
  });

  it("is not mistaken for a kennisclip because of its muted background video", () => {
    expect(result.meta.video).toBeNull();
  });

  it("reads Dublin Core creator and date", () => {
    expect(result.meta.author).toBe("Werkplaats Onderwijsonderzoek Zuidoost");
    expect(result.meta.publishedAt).toBe("2022-09-01");
    expect(result.text).toContain("De inbrenger formuleert één concrete actie voor de komende weken.");
  });

  it("is recognised from article:tag alone", () => {
    expect(page('<title>Zo voer je een taaldenkgesprek</title><meta property="article:tag" content="Stappenplan">', LONG_BODY).kind).toBe("protocol");
    expect(page("<title>Zo voer je een taaldenkgesprek</title>", LONG_BODY).kind).toBe("artikel");
  });
});

describe("selection", () => {
  it("becomes the quote, trimmed, with paragraph breaks kept and blank runs collapsed", () => {
    const result = extract("selection", URLS.selection, { selection: SELECTION });
    expect(result.quote).toBe("Leerlingen geven eerlijker feedback\n\nals ze weten wat er met hun antwoorden gebeurt.");
  });

  it("reads Twitter card tags when there is no OpenGraph", () => {
    const result = extract("selection", URLS.selection);
    expect(result.title).toBe("Feedback van leerlingen: zo vraag je erom");
    expect(result.meta.imageUrl).toBe("https://cdn.leraarontwikkeling.nl/img/feedback-leerlingen.webp");
    expect(result.meta.excerpt).toBe("Leerlingen weten vaak heel precies wat hen helpt. Drie manieren om hun feedback te vragen en er iets mee te doen.");
    expect(result.meta.author).toBe("Joris Claes");
    expect(result.language).toBe("nl-BE");
  });

  it("gives no quote for an empty or blank selection", () => {
    expect(extract("selection", URLS.selection, { selection: "" }).quote).toBeNull();
    expect(extract("selection", URLS.selection, { selection: " \n\t " }).quote).toBeNull();
    expect(extract("selection", URLS.selection, { selection: null }).quote).toBeNull();
  });

  it("is capped at LIMITS.quote without splitting an emoji", () => {
    const long = "\u{1F4DA}".repeat(LIMITS.quote);
    const { quote } = extract("selection", URLS.selection, { selection: long });
    expect(quote!.length).toBeLessThanOrEqual(LIMITS.quote);
    expect(quote!.endsWith("…")).toBe(true);
    expect(quote).not.toMatch(LONE_SURROGATE);
  });
});

describe("broken JSON-LD", () => {
  it("repairs trailing commas and raw line breaks, and skips blocks beyond repair", () => {
    const result = extract("broken-jsonld", URLS.brokenJsonLd);
    expect(result.title).toBe("Thuistalen in de klas: meer dan een gebaar");
    expect(result.meta.author).toBe("Nadia Bouzid");
    expect(result.meta.publishedAt).toBe("2024-01-22");
    // Nothing in the metadata names the site; the <title> suffix spells the address.
    expect(result.meta.siteName).toBe("Taalbewust Lesgeven");
    expect(result.text).toContain("zet die naast de Nederlandse woorden op de woordmuur");
  });
});

describe("research report with citation_* meta", () => {
  const result = extract("research-report", URLS.research);

  it("is onderzoek, even though its keywords mention a stappenplan", () => {
    expect(result.kind).toBe("onderzoek");
  });

  it("prefers citation_title over DC.title and <title>", () => {
    expect(result.title).toBe("Professionele leergemeenschappen in het primair onderwijs: wat werkt bij kennisdeling tussen scholen?");
  });

  it("joins 'Last, First' authors with semicolons and normalises the slashed date", () => {
    expect(result.meta.author).toBe("Vries, Anna de; Bakker, Youssef; El Amrani, Samira");
    expect(result.meta.publishedAt).toBe("2023-06-30");
  });

  it("takes the language from citation_language and the site from citation_publisher", () => {
    expect(result.language).toBe("nl");
    expect(result.meta.siteName).toBe("Hogeschool Zuid");
  });

  it("is also onderzoek for a JSON-LD ScholarlyArticle", () => {
    const ld = '<script type="application/ld+json">{"@context":"https://schema.org","@type":"ScholarlyArticle","headline":"Samen opleiden in de praktijk"}</script>';
    expect(page(ld, LONG_BODY).kind).toBe("onderzoek");
  });
});

describe("school page with its own <video>", () => {
  const result = extract("school-video", URLS.schoolVideo);

  it("is a kennisclip hosted by the school, with the microdata duration", () => {
    expect(result.kind).toBe("kennisclip");
    expect(result.meta.video).toEqual({ provider: "obsderegenboog.nl", id: null, durationSeconds: 200, embedUrl: null });
  });

  it("uses the video poster as image and the microdata upload date", () => {
    expect(result.meta.imageUrl).toBe("https://www.obsderegenboog.nl/media/kennisclips/zachte-landing-poster.jpg");
    expect(result.meta.publishedAt).toBe("2024-05-21");
    expect(result.title).toBe("Kennisclip: zachte landing in groep 3");
  });

  it("leaves the video's fallback text out of the readable text", () => {
    expect(result.text).toContain("Een maatje uit de klas, een vaste plek bij de instructietafel");
    expect(result.text).not.toContain("Uw browser kan deze video niet afspelen");
  });
});

describe("podcast", () => {
  it("is recognised from a JSON-LD PodcastEpisode", () => {
    const result = extract("podcast-episode", URLS.podcast);
    expect(result.kind).toBe("podcast");
    expect(result.meta.publishedAt).toBe("2024-04-03");
    expect(result.meta.video).toBeNull();
  });

  it("is recognised from og:type music.* and from a main <audio>", () => {
    expect(page('<meta property="og:type" content="music.song">', LONG_BODY).kind).toBe("podcast");
    expect(page("<title>Aflevering 3</title>", '<main><h1>Aflevering 3</h1><audio controls src="/afl3.mp3"></audio><p>Over leesplezier.</p></main>').kind).toBe(
      "podcast",
    );
  });
});

describe("kind detection from the address", () => {
  it.each([
    ["https://youtu.be/Xk3pQ9vLm2A?si=abc", "Xk3pQ9vLm2A"],
    ["https://www.youtube.com/shorts/Xk3pQ9vLm2A", "Xk3pQ9vLm2A"],
    ["https://www.youtube.com/embed/Xk3pQ9vLm2A?start=10", "Xk3pQ9vLm2A"],
    ["https://m.youtube.com/watch?feature=share&v=Xk3pQ9vLm2A", "Xk3pQ9vLm2A"],
  ])("%s is a YouTube kennisclip", (url, id) => {
    const result = page("<title>Video</title>", "", url);
    expect(result.kind).toBe("kennisclip");
    expect(result.meta.video).toMatchObject({ provider: "youtube", id, embedUrl: `https://www.youtube-nocookie.com/embed/${id}` });
  });

  it.each(["https://www.youtube.com/@ExpertisecentrumNT2", "https://www.youtube.com/watch?v=kort", "https://vimeo.com/kenniscentrum"])(
    "%s is not a video",
    (url) => {
      expect(page("<title>Kanaal</title>", LONG_BODY, url).kind).toBe("artikel");
    },
  );

  it("parses Vimeo channel and unlisted addresses", () => {
    expect(parseVideoUrl("https://vimeo.com/channels/staffpicks/876543210")).toEqual({
      provider: "vimeo",
      id: "876543210",
      embedUrl: "https://player.vimeo.com/video/876543210",
    });
    expect(parseVideoUrl("https://vimeo.com/876543210/3f2a9c1b7e")?.embedUrl).toBe("https://player.vimeo.com/video/876543210?h=3f2a9c1b7e");
    expect(parseVideoUrl("javascript:alert(1)//youtube.com/watch?v=Xk3pQ9vLm2A")).toBeNull();
  });
});

describe("kind detection from the page", () => {
  it("treats og:type video.* on any site as a kennisclip with og:video:url as embed", () => {
    const result = page(
      '<meta property="og:type" content="video.other"><meta property="og:video:url" content="https://media.schoolvideo.nl/embed/8841"><meta property="video:duration" content="95">',
      LONG_BODY,
      "https://www.schoolvideo.nl/v/8841",
    );
    expect(result.kind).toBe("kennisclip");
    expect(result.meta.video).toEqual({ provider: "schoolvideo.nl", id: null, durationSeconds: 95, embedUrl: "https://media.schoolvideo.nl/embed/8841" });
  });

  it("recognises YouTube behind a VideoObject's embedUrl when the page is about the video", () => {
    const ld =
      '<script type="application/ld+json">{"@context":"https://schema.org","@type":"VideoObject","name":"Intake nieuwkomers","embedUrl":"https://www.youtube.com/embed/Qw3rTy8uIoP","duration":"PT1H2M3S"}</script>';
    const result = page(ld, LONG_BODY);
    expect(result.kind).toBe("kennisclip");
    expect(result.meta.video).toEqual({
      provider: "youtube",
      id: "Qw3rTy8uIoP",
      durationSeconds: 3723,
      embedUrl: "https://www.youtube-nocookie.com/embed/Qw3rTy8uIoP",
    });
  });

  it("recognises a YouTube iframe at the top of a short page", () => {
    const body = '<main><h1>Kennisclip warme overdracht</h1><iframe data-src="https://www.youtube.com/embed/Qw3rTy8uIoP"></iframe><p>Twee minuten uitleg.</p></main>';
    expect(page("<title>Kennisclip</title>", body).meta.video).toMatchObject({ provider: "youtube", id: "Qw3rTy8uIoP" });
  });

  it("takes the image from microdata when there is no OpenGraph image", () => {
    const body = `<div itemscope itemtype="https://schema.org/Article"><img itemprop="image" src="/beeld/klas.jpg" alt="">${LONG_BODY}</div>`;
    expect(page("<title>Klas</title>", body).meta.imageUrl).toBe("https://www.voorbeeldschool.nl/beeld/klas.jpg");
  });

  it("drops an unsafe embed URL but keeps the video", () => {
    const result = page('<meta property="og:type" content="video.movie"><meta property="og:video" content="javascript:alert(1)">', LONG_BODY);
    expect(result.kind).toBe("kennisclip");
    expect(result.meta.video?.embedUrl).toBeNull();
  });
});

describe("limits", () => {
  it("caps a long title at LIMITS.title on a word boundary", () => {
    const title = "Meertaligheid in de klas ".repeat(30).trim();
    const result = page(`<title>${title}</title>`, LONG_BODY).title;
    expect(result.length).toBeLessThanOrEqual(LIMITS.title);
    expect(result.length).toBeGreaterThan(LIMITS.title * 0.8);
    expect(result.endsWith("…")).toBe(true);
    const head = result.slice(0, -1);
    expect(title.startsWith(head)).toBe(true);
    expect(title.charAt(head.length)).toBe(" ");
  });

  it("caps a title without spaces without splitting an emoji", () => {
    const result = page(`<title>${"\u{1F4DA}".repeat(LIMITS.title)}</title>`, LONG_BODY).title;
    // 499 units of emoji would end in half a pair; that half goes, the ellipsis comes.
    expect(result.length).toBe(LIMITS.title - 1);
    expect(result.endsWith("\u{1F4DA}…")).toBe(true);
    expect(result).not.toMatch(LONE_SURROGATE);
  });

  it("caps the text at maxTextLength, and never above LIMITS.text", () => {
    const body = `<article><h1>Lang</h1>${`<p>${"Kennis blijft te vaak binnen één school hangen. ".repeat(40)}</p>`.repeat(60)}</article>`;
    expect(page("<title>Lang</title>", body, undefined, { maxTextLength: 1000 }).text!.length).toBeLessThanOrEqual(1000);
    const capped = page("<title>Lang</title>", body, undefined, { maxTextLength: 10 * LIMITS.text }).text!;
    expect(capped.length).toBeLessThanOrEqual(LIMITS.text);
    expect(capped.length).toBeGreaterThan(LIMITS.text - 100);
  });

  it("does not cut the text inside a surrogate pair", () => {
    const body = `<article>${`<p>${"\u{1F600}".repeat(300)}</p>`.repeat(3)}</article>`;
    const { text } = page("<title>Emoji</title>", body, undefined, { maxTextLength: 101 });
    expect(text!.length).toBe(100);
    expect(text).not.toMatch(LONE_SURROGATE);
  });

  it("caps a long excerpt at LIMITS.excerpt", () => {
    const description = "Zachte landing voor nieuwkomers. ".repeat(100);
    const result = page(`<meta name="description" content="${description}">`, LONG_BODY);
    expect(result.meta.excerpt!.length).toBeLessThanOrEqual(LIMITS.excerpt);
    expect(result.meta.excerpt!.endsWith("…")).toBe(true);
  });
});

describe("title fallbacks", () => {
  it("uses the first <h1> when there is no <title>", () => {
    expect(page("", "<h1>  Warme   overdracht </h1><p>Tekst.</p>").title).toBe("Warme overdracht");
  });

  it("uses the last path segment, then the host, when the page has no title at all", () => {
    expect(page("", "<p>Tekst.</p>", "https://www.school.nl/downloads/jaarplan-2024.html").title).toBe("jaarplan-2024");
    expect(page("", "<p>Tekst.</p>", "https://www.school.nl/").title).toBe("www.school.nl");
  });

  it("only strips a suffix that is the site name", () => {
    const head = '<meta property="og:site_name" content="Kennisnet"><title>Lezen - een kwestie van oefenen</title>';
    expect(page(head, LONG_BODY).title).toBe("Lezen - een kwestie van oefenen");
  });
});

describe("language", () => {
  it("normalises og:locale when <html lang> is missing", () => {
    expect(page('<meta property="og:locale" content="nl_NL">', LONG_BODY).language).toBe("nl-NL");
  });

  it("ignores junk in lang", () => {
    const url = "https://www.school.nl/";
    const doc = parse(`<html lang="<script>"><head><title>x</title></head><body>${LONG_BODY}</body></html>`, url);
    expect(extractPage(doc, url).language).toBeNull();
  });
});

describe("parseIsoDuration", () => {
  it.each([
    ["PT1H2M3S", 3723],
    ["PT12M34S", 754],
    ["PT4M5S", 245],
    ["PT90.6S", 91],
    ["P1DT2H", 93_600],
    ["P1W", 604_800],
    ["pt45s", 45],
    ["P0D", 0],
  ])("%s is %i seconds", (value, seconds) => {
    expect(parseIsoDuration(value)).toBe(seconds);
  });

  it.each(["", "PT", "P", "P1M", "P1Y2D", "12:34", "PT-5S", "1H2M"])("%j is not understood", (value) => {
    expect(parseIsoDuration(value)).toBeNull();
  });
});

describe("normaliseDate", () => {
  it.each([
    ["2024-03-12T07:45:00+01:00", "2024-03-12T07:45:00+01:00"],
    ["2024-03-12T07:45:00+0100", "2024-03-12T07:45:00+01:00"],
    ["2024-03-12T07:45+01:00", "2024-03-12T07:45:00+01:00"],
    ["2024-03-12T06:45:00.250z", "2024-03-12T06:45:00.250Z"],
    ["2024-03-12T07:45:00", "2024-03-12"],
    ["2024-03-12", "2024-03-12"],
    ["2023/6/30", "2023-06-30"],
    ["12-03-2024", "2024-03-12"],
    ["03/25/2024", "2024-03-25"],
    ["12 maart 2024", "2024-03-12"],
    ["1 okt. 2023", "2023-10-01"],
    ["March 5, 2024", "2024-03-05"],
    ["Tue, 12 Mar 2024 06:45:00 GMT", "2024-03-12T06:45:00.000Z"],
    // Without a zone only the day is certain, as for ISO times without one.
    ["Tue, 12 Mar 2024 06:45:00", "2024-03-12"],
  ])("%s → %s", (raw, iso) => {
    expect(normaliseDate(raw)).toBe(iso);
  });

  it.each(["2023", "2023-06", "2024-02-30", "gisteren", "12 maart", "2024-13-01", "Mar 2024 06:45:00"])("%j gives null", (raw) => {
    expect(normaliseDate(raw)).toBeNull();
  });
});
