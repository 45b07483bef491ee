import { describe, expect, it } from "vitest";
import { Theme } from "../../shared/schemas";
import { THEME_TAXONOMY, themeSlug } from "../../shared/themes";

/** Slugs that deliberately differ from `themeSlug(name.nl)` (API.md, "Taxonomy"). */
const SLUG_EXCEPTIONS: Record<string, string> = { nt2: "NT2 (Nederlands als tweede taal)" };

/** PRODUCT.md, "Themes". */
const MAIN_THEMES: Record<string, string[]> = {
  "cultureel-responsief-lesgeven": [
    "multiperspectiviteit",
    "ouderbetrokkenheid",
    "vieringen",
    "cultureel-responsief-kunstonderwijs",
  ],
  nt2: ["nieuwkomers", "zachte-landing", "instroom-en-intake", "warme-overdracht"],
  meertaligheid: ["thuistalen", "taalbewust-lesgeven", "taaldenkgesprekken", "meertalige-rekendidactiek"],
};
const FURTHER_THEMES = [
  "diversiteit-en-inclusie",
  "kansengelijkheid",
  "leesonderwijs-en-begrijpend-lezen",
  "passend-onderwijs",
  "hoogbegaafdheid",
  "burgerschap",
  "onderzoekende-cultuur",
  "duurzaamheid",
  "challenge-based-learning",
  "beroepsgerichte-didactiek",
  "samen-opleiden",
];

const bySlug = new Map(THEME_TAXONOMY.map((theme) => [theme.slug, theme]));
const fold = (value: string) => themeSlug(value);

describe("themeSlug", () => {
  it("lower-cases, strips diacritics and joins words with single hyphens", () => {
    expect(themeSlug("Diversiteit en inclusie")).toBe("diversiteit-en-inclusie");
    expect(themeSlug("Coöperatief leren")).toBe("cooperatief-leren");
    expect(themeSlug("Crème brûlée in het café")).toBe("creme-brulee-in-het-cafe");
    expect(themeSlug("Één ideeën-lijst")).toBe("een-ideeen-lijst");
    expect(themeSlug("Straße & Æsop")).toBe("strasse-aesop");
  });

  it("collapses runs of separators and trims hyphens at both ends", () => {
    expect(themeSlug("  --Taal / denk   gesprekken!!  ")).toBe("taal-denk-gesprekken");
    expect(themeSlug("NT2")).toBe("nt2");
    expect(themeSlug("Challenge based learning")).toBe("challenge-based-learning");
  });

  it("drops parentheses and apostrophes without a break", () => {
    expect(themeSlug("(Hoog)begaafdheid")).toBe("hoogbegaafdheid");
    expect(themeSlug("Pabo's en lerarenopleidingen")).toBe("pabos-en-lerarenopleidingen");
    expect(themeSlug("NT2 (Nederlands als tweede taal)")).toBe("nt2-nederlands-als-tweede-taal");
  });

  it("always yields a valid theme slug for a name with letters or digits", () => {
    for (const name of ["Ça va", "ÅNGSTRÖM", "x", "Mëërtålîgheid 2.0", "#hashtag"]) {
      expect(themeSlug(name)).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
  });
});

describe("THEME_TAXONOMY", () => {
  it("has unique slugs", () => {
    const slugs = THEME_TAXONOMY.map((theme) => theme.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it("derives every slug from the Dutch name, except the documented exceptions", () => {
    for (const theme of THEME_TAXONOMY) {
      if (theme.slug in SLUG_EXCEPTIONS) {
        expect(theme.name.nl).toBe(SLUG_EXCEPTIONS[theme.slug]);
      } else {
        expect(themeSlug(theme.name.nl), theme.name.nl).toBe(theme.slug);
      }
    }
    for (const slug of Object.keys(SLUG_EXCEPTIONS)) expect(bySlug.has(slug), slug).toBe(true);
  });

  it("matches the API's Theme schema", () => {
    for (const theme of THEME_TAXONOMY) expect(Theme.safeParse(theme).success, theme.slug).toBe(true);
  });

  it("lists every parent before its children", () => {
    const seen = new Set<string>();
    for (const theme of THEME_TAXONOMY) {
      if (theme.parent !== null) {
        expect(bySlug.has(theme.parent), `${theme.slug} → ${theme.parent}`).toBe(true);
        expect(seen.has(theme.parent), `${theme.parent} before ${theme.slug}`).toBe(true);
      }
      seen.add(theme.slug);
    }
  });

  it("holds the three main themes with exactly their sub-themes from PRODUCT.md", () => {
    for (const [main, subs] of Object.entries(MAIN_THEMES)) {
      expect(bySlug.get(main)?.parent, main).toBeNull();
      const children = THEME_TAXONOMY.filter((theme) => theme.parent === main).map((theme) => theme.slug);
      expect([...children].sort(), main).toEqual([...subs].sort());
    }
  });

  it("holds the further seed themes as top-level themes, and nothing else", () => {
    for (const slug of FURTHER_THEMES) expect(bySlug.get(slug)?.parent, slug).toBeNull();
    expect(bySlug.get("hoogbegaafdheid")?.name.nl).toBe("(Hoog)begaafdheid");
    const expected = Object.keys(MAIN_THEMES).length + Object.values(MAIN_THEMES).flat().length + FURTHER_THEMES.length;
    expect(THEME_TAXONOMY.length).toBe(expected);
  });

  it("has Dutch and English names and descriptions", () => {
    for (const theme of THEME_TAXONOMY) {
      expect(theme.name.nl.trim().length, theme.slug).toBeGreaterThan(1);
      expect(theme.name.en.trim().length, theme.slug).toBeGreaterThan(1);
      expect(theme.description.nl.length, theme.slug).toBeGreaterThan(40);
      expect(theme.description.en.length, theme.slug).toBeGreaterThan(40);
      expect(theme.description.nl, theme.slug).not.toBe(theme.description.en);
    }
  });

  it("has synonyms people type, and none is shared with another theme", () => {
    const owner = new Map<string, string>();
    for (const theme of THEME_TAXONOMY) {
      expect(theme.synonyms.length, theme.slug).toBeGreaterThan(0);
      for (const label of [theme.name.nl, theme.name.en, ...theme.synonyms]) {
        const key = fold(label);
        const previous = owner.get(key);
        expect(previous === undefined || previous === theme.slug, `"${label}" in ${theme.slug} and ${previous}`).toBe(true);
        owner.set(key, theme.slug);
      }
    }
    const synonymsOf = (slug: string) => (bySlug.get(slug)?.synonyms ?? []).map(fold);
    expect(synonymsOf("taalbewust-lesgeven")).toContain(fold("talenbewust lesgeven"));
    expect(synonymsOf("nt2")).toEqual(expect.arrayContaining(["nederlands-als-tweede-taal", "dsl", "dutch-as-a-second-language"]));
    expect(synonymsOf("nieuwkomers")).toEqual(expect.arrayContaining(["newcomers", "anderstalige-nieuwkomers", "isk"]));
    expect(synonymsOf("meertaligheid")).toEqual(expect.arrayContaining(["multilingualism", "meertalig"]));
    expect(synonymsOf("cultureel-responsief-lesgeven")).toEqual(expect.arrayContaining(["culturally-responsive-teaching", "crt"]));
  });
});
