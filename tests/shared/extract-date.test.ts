import { describe, expect, it } from "vitest";
import { normaliseDate } from "../../shared/extract";
import { extractFrom } from "./extract-support";

const ld = (node: object) => `<script type="application/ld+json">${JSON.stringify({ "@context": "https://schema.org", ...node })}</script>`;

describe("the publication date of a page", () => {
  it("is read from a plain <time datetime> in the article or its header", () => {
    expect(extractFrom("", '<article><header><time datetime="2024-03-12T09:30:00+01:00">12 maart</time></header><p>Tekst.</p></article>').meta.publishedAt).toBe(
      "2024-03-12T09:30:00+01:00",
    );
    expect(extractFrom("", '<header><time datetime="2024-03-12">12 maart</time></header><main><p>Tekst.</p></main>').meta.publishedAt).toBe("2024-03-12");
  });

  it("is read from <abbr title> in the article", () => {
    expect(extractFrom("", '<article><abbr class="published" title="2016-05-24">24 mei</abbr><p>Tekst.</p></article>').meta.publishedAt).toBe("2016-05-24");
  });

  it.each([
    [{ "@type": "Review", datePublished: "2023-04-01" }, "2023-04-01"],
    [{ "@type": "SocialMediaPosting", datePublished: "2023-04-02" }, "2023-04-02"],
    [{ "@type": "ImageObject", uploadDate: "2023-04-03" }, "2023-04-03"],
    [{ "@type": "WebPage", mainEntity: { "@type": "BlogPosting", datePublished: "2023-04-04" } }, "2023-04-04"],
    [{ "@type": "ItemPage", article: { "@type": "Article", datePublished: "2023-04-05" } }, "2023-04-05"],
    [{ "@graph": [{ "@type": "WebSite", name: "X" }, { "@type": "Review", datePublished: "2023-04-06" }] }, "2023-04-06"],
  ])("is read from JSON-LD %j", (node, date) => {
    expect(extractFrom(ld(node)).meta.publishedAt).toBe(date);
  });

  it.each([
    ['<meta property="og:article:published_time" content="2019-05-07T11:59:43+00:00">', "2019-05-07T11:59:43+00:00"],
    ['<meta name="parsely-pub-date" content="2022-10-05T16:00:00Z">', "2022-10-05T16:00:00Z"],
    ['<meta name="sailthru.date" content="Thursday, December 22, 2016, 06:47 PM">', "2016-12-22"],
  ])("is read from vendor meta %s", (head, date) => {
    expect(extractFrom(head).meta.publishedAt).toBe(date);
  });

  it("prefers the published date over the modified date", () => {
    const head = '<meta property="article:modified_time" content="2024-05-01T10:00:00Z"><meta property="article:published_time" content="2024-04-01T10:00:00Z">';
    expect(extractFrom(head).meta.publishedAt).toBe("2024-04-01T10:00:00Z");
  });

  it("reads 4/6/2016 month first on an American English page and day first elsewhere", () => {
    const head = '<meta name="date" content="4/6/2016">';
    expect(extractFrom(head, "", { lang: "en-US" }).meta.publishedAt).toBe("2016-04-06");
    expect(extractFrom(head, "", { lang: "en" }).meta.publishedAt).toBe("2016-04-06");
    expect(extractFrom(head, "", { lang: "nl" }).meta.publishedAt).toBe("2016-06-04");
    expect(extractFrom(head, "", { lang: "en-GB" }).meta.publishedAt).toBe("2016-06-04");
  });
});

describe("normaliseDate reads dates that are not ISO 8601", () => {
  it.each([
    ["Tue May 24 05:55:00 2016", "2016-05-24"],
    ["Mon Aug 03 12:45:00 EDT 2015", "2015-08-03"],
    ["Thursday, September 29, 2016", "2016-09-29"],
    ["27 augustus 2024", "2024-08-27"],
    ["maandag 3 juni 2024", "2024-06-03"],
    ["Dec. 22, 2016, 6:47 p.m.", "2016-12-22"],
    ["Dec 13, 2016 at 3:45 pm", "2016-12-13"],
    ["Fr, 15.05.2020, 07.11 Uhr", "2020-05-15"],
    ["June 1st, 2019", "2019-06-01"],
  ])("%s → %s", (raw, iso) => {
    expect(normaliseDate(raw)).toBe(iso);
  });

  it.each(["Thursday", "31 februari 2024", "May 24 2016 at dawn", "x".repeat(500)])("%j gives null", (raw) => {
    expect(normaliseDate(raw)).toBeNull();
  });
});
