import { describe, expect, it } from "vitest";
import { InvalidUrlError, dedupKey, isHttpUrl, normaliseUrl, resolveCanonical, shareableUrl } from "../../shared/url";

type Case = readonly [input: string, expected: string];

/** Cases grouped by the rule they prove; every expected value is written out by hand. */
const NORMALISE_CASES: Record<string, readonly Case[]> = {
  "lower-cases the scheme and host but not the path": [
    ["HTTPS://WWW.LOWAN.NL/Nieuwkomers/Onderwijs", "https://www.lowan.nl/Nieuwkomers/Onderwijs"],
    ["https://WWW.NJI.nl/Meertaligheid", "https://www.nji.nl/Meertaligheid"],
  ],
  "drops default ports and keeps other ports": [
    ["https://www.kennisnet.nl:443/artikel/ai-in-de-klas/", "https://www.kennisnet.nl/artikel/ai-in-de-klas"],
    ["http://www.onderwijsinspectie.nl:80/onderwerpen", "http://www.onderwijsinspectie.nl/onderwerpen"],
    ["https://intranet.school.nl:8443/nt2", "https://intranet.school.nl:8443/nt2"],
    ["http://www.school.nl:443/", "http://www.school.nl:443/"],
  ],
  "drops the fragment": [
    [
      "https://www.lowan.nl/primair-onderwijs/lesmateriaal/#woordenschat",
      "https://www.lowan.nl/primair-onderwijs/lesmateriaal",
    ],
    ["https://www.nji.nl/taalontwikkeling#", "https://www.nji.nl/taalontwikkeling"],
    ["https://www.kennisnet.nl/?#top", "https://www.kennisnet.nl/"],
  ],
  "drops newsletter and ad tracking parameters": [
    [
      "https://www.nji.nl/meertaligheid?utm_source=nieuwsbrief&utm_medium=email&utm_campaign=mei-2024",
      "https://www.nji.nl/meertaligheid",
    ],
    [
      "https://www.lowan.nl/nieuws/subsidie-nt2?mc_cid=8f2a1b&mc_eid=3c4d5e6f70",
      "https://www.lowan.nl/nieuws/subsidie-nt2",
    ],
    [
      "https://www.kennisnet.nl/artikel/12345?fbclid=IwAR0abcDEF123&gclid=Cj0KCQjw",
      "https://www.kennisnet.nl/artikel/12345",
    ],
    [
      "https://www.onderwijsinspectie.nl/documenten/rapporten?dclid=abc&msclkid=def&igshid=ghi",
      "https://www.onderwijsinspectie.nl/documenten/rapporten",
    ],
    [
      "https://www.platformtaal.nl/webinar?_hsenc=p2ANqtz-8xyz&_hsmi=2893746",
      "https://www.platformtaal.nl/webinar",
    ],
    ["https://www.nji.nl/feiten?UTM_Source=LinkedIn&id=7", "https://www.nji.nl/feiten?id=7"],
    ["https://www.lowan.nl/zoeken?q=nt2&utm_content=knop&page=2", "https://www.lowan.nl/zoeken?page=2&q=nt2"],
  ],
  "keeps parameters that merely resemble tracking parameters": [
    ["https://www.kennisnet.nl/zoek?utm=1&source=mail", "https://www.kennisnet.nl/zoek?source=mail&utm=1"],
    ["https://www.lowan.nl/video?si=abc", "https://www.lowan.nl/video?si=abc"],
    ["https://www.school.nl/?share=copy", "https://www.school.nl/?share=copy"],
  ],
  "drops trailing slashes on the path but keeps the root": [
    ["https://www.lowan.nl/", "https://www.lowan.nl/"],
    ["https://www.lowan.nl", "https://www.lowan.nl/"],
    ["https://www.nji.nl/dossiers/taal/", "https://www.nji.nl/dossiers/taal"],
    ["https://www.nji.nl/dossiers/taal//", "https://www.nji.nl/dossiers/taal"],
    ["https://www.kennisnet.nl/artikel/?id=4", "https://www.kennisnet.nl/artikel?id=4"],
  ],
  "sorts the remaining query parameters by key then value": [
    ["https://www.lowan.nl/zoeken?sector=vo&q=taal&page=3", "https://www.lowan.nl/zoeken?page=3&q=taal&sector=vo"],
    ["https://www.nji.nl/zoek?tag=nt2&tag=anderstalig&a=1", "https://www.nji.nl/zoek?a=1&tag=anderstalig&tag=nt2"],
    ["https://www.kennisnet.nl/?b=2&B=1", "https://www.kennisnet.nl/?B=1&b=2"],
    // Compared decoded, not as escaped text: "é" sorts after "z", although "%C3%A9" would sort before it.
    ["https://www.nji.nl/zoek?q=%C3%A9n&q=z", "https://www.nji.nl/zoek?q=z&q=%C3%A9n"],
  ],
  "drops an empty query and empty pairs": [
    ["https://www.onderwijsinspectie.nl/onderwerpen?", "https://www.onderwijsinspectie.nl/onderwerpen"],
    ["https://www.lowan.nl/zoeken?&q=nt2&&", "https://www.lowan.nl/zoeken?q=nt2"],
    ["https://www.nji.nl/taal?utm_source=x", "https://www.nji.nl/taal"],
  ],
  "trims surrounding whitespace": [
    ["  https://www.lowan.nl/po  \n", "https://www.lowan.nl/po"],
    ["\thttps://www.kennisnet.nl/\t", "https://www.kennisnet.nl/"],
  ],
  "keeps percent-encoding as the URL parser serialises it": [
    ["https://www.lowan.nl/zoeken?q=taal+beleid", "https://www.lowan.nl/zoeken?q=taal+beleid"],
    ["https://www.lowan.nl/zoeken?q=taal%20beleid", "https://www.lowan.nl/zoeken?q=taal%20beleid"],
    ["https://www.nji.nl/dossier/ouders%20en%20school", "https://www.nji.nl/dossier/ouders%20en%20school"],
    ["https://www.nji.nl/zoek?q=café", "https://www.nji.nl/zoek?q=caf%C3%A9"],
    ["https://www.nji.nl/zoek?q=100%", "https://www.nji.nl/zoek?q=100%"],
  ],
  "drops user info": [
    ["https://leraar:geheim@www.kennisnet.nl/artikel", "https://www.kennisnet.nl/artikel"],
    ["https://leraar@www.kennisnet.nl/", "https://www.kennisnet.nl/"],
  ],
  "keeps the scheme as given (http and https are not merged)": [
    ["http://www.basisschool-de-regenboog.nl/ouders", "http://www.basisschool-de-regenboog.nl/ouders"],
    ["https://www.basisschool-de-regenboog.nl/ouders", "https://www.basisschool-de-regenboog.nl/ouders"],
  ],
  "keeps www. and other subdomains": [
    ["https://lowan.nl/po", "https://lowan.nl/po"],
    ["https://www.lowan.nl/po", "https://www.lowan.nl/po"],
    ["https://wiki.kennisnet.nl/Start", "https://wiki.kennisnet.nl/Start"],
  ],
  "serialises international host names as punycode": [
    ["https://www.taalbeleid-zoë.nl/Meertalig/", "https://www.xn--taalbeleid-zo-gib.nl/Meertalig"],
    ["https://XN--TAALBELEID-ZO-GIB.nl/", "https://xn--taalbeleid-zo-gib.nl/"],
  ],
  "turns YouTube share and app links into one watch URL": [
    ["https://youtu.be/dQw4w9WgXcQ?si=Ab12Cd34Ef56Gh78", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"],
    ["https://youtu.be/dQw4w9WgXcQ?t=42", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"],
    ["http://youtu.be/dQw4w9WgXcQ/", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"],
    [
      "https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=youtu.be&si=xyz",
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    ],
    [
      "https://youtube.com/watch?ab_channel=Kennisnet&v=dQw4w9WgXcQ&t=1m30s",
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    ],
    [
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG&index=3",
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
    ],
    ["https://www.youtube.com/shorts/aBcDeFgHiJk?feature=share", "https://www.youtube.com/watch?v=aBcDeFgHiJk"],
    ["https://www.youtube.com/embed/aBcDeFgHiJk?start=30&rel=0", "https://www.youtube.com/watch?v=aBcDeFgHiJk"],
    ["https://www.youtube-nocookie.com/embed/aBcDeFgHiJk", "https://www.youtube.com/watch?v=aBcDeFgHiJk"],
    ["https://www.youtube.com/live/aBcDeFgHiJk?si=q1", "https://www.youtube.com/watch?v=aBcDeFgHiJk"],
    ["HTTPS://WWW.YOUTUBE.COM/watch?v=aBcDeFgHiJk#t=10", "https://www.youtube.com/watch?v=aBcDeFgHiJk"],
  ],
  "normalises other YouTube pages without turning them into videos": [
    ["https://m.youtube.com/@LOWANvo/videos?si=abc", "https://www.youtube.com/@LOWANvo/videos"],
    [
      "https://www.youtube.com/playlist?si=k&list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
      "https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
    ],
    [
      "https://www.youtube.com/embed/videoseries?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
      "https://www.youtube.com/embed/videoseries?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
    ],
    ["https://music.youtube.com/watch?v=aBcDeFgHiJk&si=zz", "https://music.youtube.com/watch?v=aBcDeFgHiJk"],
  ],
  "drops Vimeo's share parameter": [
    ["https://vimeo.com/123456789?share=copy", "https://vimeo.com/123456789"],
    ["https://vimeo.com/123456789/?share=copy&utm_source=x#t=5", "https://vimeo.com/123456789"],
    ["https://player.vimeo.com/video/123456789?share=copy&h=ab12", "https://player.vimeo.com/video/123456789?h=ab12"],
  ],
};

const INVALID_INPUTS: readonly string[] = [
  "javascript:alert(1)",
  "ftp://x",
  "ftp://ftp.kennisnet.nl/pub/lesmateriaal.pdf",
  "not a url",
  "",
  "   ",
  "mailto:",
  "mailto:info@lowan.nl",
  "data:text/html,<h1>hoi</h1>",
  "file:///C:/Users/juf/Documents/les.docx",
  "www.lowan.nl/po",
  "/relatief/pad",
  "//www.nji.nl/protocol-relatief",
  "http://",
  "https://",
  "chrome-extension://abcdefghijklmnop/popup.html",
];

describe("normaliseUrl", () => {
  for (const [behaviour, cases] of Object.entries(NORMALISE_CASES)) {
    describe(behaviour, () => {
      it.each(cases)("%s → %s", (input, expected) => {
        expect(normaliseUrl(input)).toBe(expected);
      });
    });
  }

  describe("is idempotent: normalising a normalised URL changes nothing", () => {
    const outputs = Object.values(NORMALISE_CASES).flatMap((cases) => cases.map(([, expected]) => expected));
    it.each(outputs)("%s", (url) => {
      expect(normaliseUrl(url)).toBe(url);
    });
  });

  describe("maps different spellings of the same page to one key", () => {
    it("newsletter link, copied link and bookmarked link of one LOWAN page are equal", () => {
      const keys = new Set(
        [
          "https://www.lowan.nl/voortgezet-onderwijs/nt2/?utm_source=nieuwsbrief&mc_cid=1#begin",
          "HTTPS://WWW.LOWAN.NL:443/voortgezet-onderwijs/nt2",
          "https://docent@www.lowan.nl/voortgezet-onderwijs/nt2/?",
        ].map(normaliseUrl),
      );
      expect([...keys]).toEqual(["https://www.lowan.nl/voortgezet-onderwijs/nt2"]);
    });

    it("query parameters in a different order give the same key", () => {
      expect(normaliseUrl("https://www.nji.nl/zoek?q=taal&type=dossier")).toBe(
        normaliseUrl("https://www.nji.nl/zoek?type=dossier&q=taal"),
      );
    });

    it("different paths stay different keys", () => {
      expect(normaliseUrl("https://www.nji.nl/taal")).not.toBe(normaliseUrl("https://www.nji.nl/taal/extra"));
    });
  });

  describe("rejects everything that is not an absolute http(s) URL with InvalidUrlError", () => {
    it.each(INVALID_INPUTS)("%j", (input) => {
      expect(() => normaliseUrl(input)).toThrow(InvalidUrlError);
    });

    it("the error is an Error that names itself and keeps the input", () => {
      let caught: unknown;
      try {
        normaliseUrl("javascript:alert(1)");
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(Error);
      expect(caught).toBeInstanceOf(InvalidUrlError);
      expect((caught as InvalidUrlError).name).toBe("InvalidUrlError");
      expect((caught as InvalidUrlError).input).toBe("javascript:alert(1)");
      expect((caught as InvalidUrlError).message).toContain("javascript:alert(1)");
    });

    it("does not throw a plain TypeError for values that are not strings at run time", () => {
      expect(() => normaliseUrl(undefined as unknown as string)).toThrow(InvalidUrlError);
      expect(() => normaliseUrl(42 as unknown as string)).toThrow(InvalidUrlError);
    });
  });
});

describe("isHttpUrl", () => {
  it.each([
    "https://www.lowan.nl/",
    "http://www.onderwijsinspectie.nl/onderwerpen",
    "  https://www.kennisnet.nl/artikel  ",
    "HTTPS://YOUTU.BE/dQw4w9WgXcQ",
  ])("accepts the absolute http(s) URL %j", (value) => {
    expect(isHttpUrl(value)).toBe(true);
  });

  it.each(INVALID_INPUTS)("rejects %j", (value) => {
    expect(isHttpUrl(value)).toBe(false);
  });
});

describe("resolveCanonical", () => {
  const page = "https://www.lowan.nl/po/nieuwkomers/?utm_source=nieuwsbrief#start";

  it.each<[string, string, string | null | undefined, string | null]>([
    [
      "resolves a root-relative canonical against the page",
      page,
      "/primair-onderwijs/nieuwkomers",
      "https://www.lowan.nl/primair-onderwijs/nieuwkomers",
    ],
    [
      "resolves a path-relative canonical against the page",
      "https://www.nji.nl/dossiers/taal/meertaligheid",
      "opvoeden-in-twee-talen",
      "https://www.nji.nl/dossiers/taal/opvoeden-in-twee-talen",
    ],
    [
      "resolves a protocol-relative canonical with the page's scheme",
      "https://www.kennisnet.nl/artikel/1",
      "//www.kennisnet.nl/artikel/ai-in-de-klas",
      "https://www.kennisnet.nl/artikel/ai-in-de-klas",
    ],
    [
      "accepts an absolute canonical on the same host",
      page,
      "https://www.lowan.nl/primair-onderwijs/nieuwkomers",
      "https://www.lowan.nl/primair-onderwijs/nieuwkomers",
    ],
    [
      "accepts the same host with www. added",
      "https://nji.nl/taal",
      "https://www.nji.nl/taal",
      "https://www.nji.nl/taal",
    ],
    [
      "accepts the same host with www. removed",
      "https://www.nji.nl/taal",
      "https://nji.nl/taal",
      "https://nji.nl/taal",
    ],
    [
      "accepts an https canonical for an http page on the same host",
      "http://www.onderwijsinspectie.nl/onderwerpen/toezicht",
      "https://www.onderwijsinspectie.nl/onderwerpen/toezicht",
      "https://www.onderwijsinspectie.nl/onderwerpen/toezicht",
    ],
    [
      "trims whitespace around the href",
      page,
      "  https://www.lowan.nl/po  ",
      "https://www.lowan.nl/po",
    ],
    ["rejects a canonical on another site", page, "https://www.nji.nl/meertaligheid", null],
    ["rejects a canonical on a sibling subdomain", "https://wiki.kennisnet.nl/Start", "https://www.kennisnet.nl/", null],
    ["rejects a look-alike host", "https://www.lowan.nl/po", "https://www.lowan.nl.evil.example/po", null],
    ["rejects a javascript: canonical", page, "javascript:alert(1)", null],
    ["rejects an ftp: canonical", page, "ftp://www.lowan.nl/po", null],
    ["rejects the home page as canonical of a deeper page", page, "https://www.lowan.nl/", null],
    ["accepts the home page as canonical of the home page", "https://lowan.nl/", "https://www.lowan.nl/", "https://www.lowan.nl/"],
    ["returns null for a null href", page, null, null],
    ["returns null for an undefined href", page, undefined, null],
    ["returns null for an empty href", page, "   ", null],
    ["returns null when the page URL is not http(s)", "not a url", "https://www.lowan.nl/po", null],
    ["returns null for an unparsable href", page, "http://[::1", null],
  ])("%s", (_behaviour, pageUrl, href, expected) => {
    expect(resolveCanonical(pageUrl, href)).toBe(expected);
  });
});

describe("dedupKey", () => {
  it("uses the normalised same-site canonical URL", () => {
    expect(
      dedupKey("https://www.lowan.nl/nieuws/123?utm_source=nb#x", "/nieuws/nt2-subsidie-2024/?mc_cid=1"),
    ).toBe("https://www.lowan.nl/nieuws/nt2-subsidie-2024");
  });

  it("falls back to the normalised page URL when the canonical is on another site", () => {
    expect(dedupKey("https://www.nji.nl/taal/?fbclid=abc", "https://www.kennisnet.nl/taal")).toBe(
      "https://www.nji.nl/taal",
    );
  });

  it("falls back to the normalised page URL when there is no canonical", () => {
    expect(dedupKey("HTTPS://WWW.KENNISNET.NL/artikel/")).toBe("https://www.kennisnet.nl/artikel");
    expect(dedupKey("https://www.kennisnet.nl/artikel/", null)).toBe("https://www.kennisnet.nl/artikel");
  });

  it("applies the video rules to the chosen URL", () => {
    expect(dedupKey("https://youtu.be/dQw4w9WgXcQ?si=abc")).toBe("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    expect(
      dedupKey("https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=abc", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
    ).toBe("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  });

  it("merges an http page into its https canonical", () => {
    expect(dedupKey("http://www.onderwijsinspectie.nl/toezicht", "https://www.onderwijsinspectie.nl/toezicht/")).toBe(
      "https://www.onderwijsinspectie.nl/toezicht",
    );
  });

  it("throws InvalidUrlError for an invalid page URL even with a usable-looking canonical", () => {
    expect(() => dedupKey("javascript:alert(1)", "https://www.lowan.nl/")).toThrow(InvalidUrlError);
  });
});

describe("shareableUrl: the address a save keeps", () => {
  it.each([
    ["https://jan:Geheim123@intranet.example/verslag/42?utm_source=mail#access_token=abc", "https://intranet.example/verslag/42"],
    ["https://jan@intranet.example/verslag/42", "https://intranet.example/verslag/42"],
    ["https://www.lowan.nl/po/?b=2&a=1&fbclid=x#woordenschat", "https://www.lowan.nl/po/?b=2&a=1"],
    ["https://app.example/#/dashboard?token=abc", "https://app.example/"],
    ["https://youtu.be/dQw4w9WgXcQ?si=abc&t=42", "https://youtu.be/dQw4w9WgXcQ?t=42"],
  ])("keeps what opens the page of %s", (input, expected) => {
    expect(shareableUrl(input)).toBe(expected);
  });

  it("is idempotent and refuses what is not an http(s) address", () => {
    const once = shareableUrl("https://u:p@school.nl/a?utm_medium=x&q=1#stap-2");
    expect(once).toBe("https://school.nl/a?q=1");
    expect(shareableUrl(once)).toBe(once);
    expect(() => shareableUrl("javascript:alert(1)")).toThrow(InvalidUrlError);
  });
});
