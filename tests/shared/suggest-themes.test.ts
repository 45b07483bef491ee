import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { extractPage, type ExtractedPage } from "../../shared/extract";
import { pageSignals, suggestThemes, type PageSignals } from "../../shared/suggest-themes";
import { THEME_TAXONOMY } from "../../shared/themes";

const FIXTURE_DIR = new URL("../fixtures/pages/", import.meta.url);

function extract(name: string, url: string): ExtractedPage {
  const html = readFileSync(new URL(`${name}.html`, FIXTURE_DIR), "utf8");
  return extractPage(new JSDOM(html, { url }).window.document, url);
}

/** What the popup hands the matcher: the extracted page's title, keywords, headings, excerpt and text. */
const signalsOf = (page: ExtractedPage): PageSignals => pageSignals(page);

const suggest = (signals: PageSignals) => suggestThemes(signals, THEME_TAXONOMY);

describe("themes suggested from the page itself", () => {
  it("pre-selects NT2 › Zachte landing and Nieuwkomers (with their parent NT2) on a Dutch article about a soft landing for newcomers", () => {
    const result = suggest(signalsOf(extract("zachte-landing-nieuwkomers", "https://www.schoolbladzuid.nl/praktijk/zachte-landing")));
    expect(result.preselected).toEqual(["nt2", "nieuwkomers", "zachte-landing"]);
    // "thuistaal" once in the text: a weaker match, offered with its parent, not applied.
    expect(result.offered).toEqual(["meertaligheid", "thuistalen"]);
  });

  it("suggests nothing for an English article about whales", () => {
    expect(suggest(signalsOf(extract("humpback-whales", "https://www.oceannotes.org/animals/humpback-navigation")))).toEqual({ preselected: [], offered: [] });
  });

  it("reads the themes of the culturally responsive teaching article from its title, JSON-LD keywords and headings", () => {
    const result = suggest(signalsOf(extract("article-og-jsonld-graph", "https://www.onderwijspraktijk.nl/artikelen/cultureel-responsief-lesgeven-zo-begin-je/")));
    // Title and keywords name the theme and Ouderbetrokkenheid; the heading "Laat de thuistaal toe" names Thuistalen.
    expect(result.preselected).toEqual(["cultureel-responsief-lesgeven", "ouderbetrokkenheid", "meertaligheid", "thuistalen"]);
    // Named once in the text: Multiperspectiviteit, and a celebration ("een feest dat ze vieren").
    expect(result.offered).toEqual(["multiperspectiviteit", "vieringen"]);
  });

  it("matches English names and synonyms, folding case, diacritics and word forms", () => {
    expect(suggest({ title: "Soft landings for refugee pupils" }).preselected).toEqual(["nt2", "nieuwkomers", "zachte-landing"]);
    expect(suggest({ title: "Thuistalen in de rekenles" }).preselected).toEqual(["meertaligheid", "thuistalen"]);
    expect(suggest({ title: "Eén thuistaal, twee thuistalen" }).preselected).toEqual(["meertaligheid", "thuistalen"]);
    expect(suggest({ headings: ["Cultureel responsieve kunsteducatie"] }).preselected).toEqual(["cultureel-responsief-lesgeven", "cultureel-responsief-kunstonderwijs"]);
    expect(suggest({ keywords: ["TAALDENKGESPREKKEN"] }).preselected).toEqual(["meertaligheid", "taaldenkgesprekken"]);
    expect(suggest({ keywords: ["Kansengelijkheid"] }).preselected).toEqual(["kansengelijkheid"]);
  });

  it("counts a theme named only in the text as strong when it is repeated, weak when named once or twice", () => {
    const filler = "De leerlingen werken in groepjes aan een opdracht over hun buurt.";
    expect(suggest({ title: "Verslag van de studiedag", text: `${filler} Burgerschap kwam aan bod. ${filler}` })).toEqual({ preselected: [], offered: ["burgerschap"] });
    expect(suggest({ title: "Verslag van de studiedag", text: `Burgerschap. ${filler} Burgerschap! ${filler} Over burgerschap.` })).toEqual({
      preselected: ["burgerschap"],
      offered: [],
    });
  });

  it("matches short capital synonyms only as capitals, and never a theme by one common word", () => {
    expect(suggest({ title: "Nieuw in de ISK: een praktijkvoorbeeld" }).preselected).toEqual(["nt2", "nieuwkomers"]);
    expect(suggest({ title: "Een isk van een les" }).preselected).toEqual([]);
    // "(Hoog)begaafdheid" is named by "hoogbegaafdheid" and "begaafdheid", not by the word "hoog".
    expect(suggest({ title: "Een hoog niveau in groep 8" }).preselected).toEqual([]);
    expect(suggest({ title: "Begaafdheid herkennen" }).preselected).toEqual(["hoogbegaafdheid"]);
    expect(suggest({ title: "NT2 in het mbo" }).preselected).toEqual(["nt2"]);
  });

  it("suggests nothing for a page without signals, and only themes the taxonomy has", () => {
    expect(suggest({})).toEqual({ preselected: [], offered: [] });
    expect(suggestThemes({ title: "Zachte landing" }, THEME_TAXONOMY.filter((theme) => theme.slug !== "nt2"))).toEqual({ preselected: ["zachte-landing"], offered: [] });
  });
});
