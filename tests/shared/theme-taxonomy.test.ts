import { describe, expect, it } from "vitest";
import {
  DEMO_COMMUNITY,
  DEMO_EXTRA_SAVES,
  DEMO_ITEMS,
  DEMO_PEOPLE,
  DEMO_SCHOOLS,
  demoItemRequest,
} from "../../server/seed/demo-data";
import { CreateItemRequest, Email, ITEM_KINDS, Password, Theme } from "../../shared/schemas";
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

describe("demo data", () => {
  const people = new Map(DEMO_PEOPLE.map((person) => [person.key, person]));
  const schoolKeys = new Set<string>(DEMO_SCHOOLS.map((school) => school.key));

  it("has three schools of different sectors and four people with valid sign-ins", () => {
    expect(new Set(DEMO_SCHOOLS.map((school) => school.sector))).toEqual(new Set(["po", "vo", "mbo"]));
    expect([...people.keys()].sort()).toEqual(["admin", "broker", "coordinator", "teacher"]);
    expect(new Set(DEMO_PEOPLE.map((person) => person.email)).size).toBe(DEMO_PEOPLE.length);
    for (const person of DEMO_PEOPLE) {
      expect(person.email, person.key).toMatch(/@demo\.knooppunt\.nl$/);
      expect(Email.safeParse(person.email).success, person.key).toBe(true);
      expect(Password.safeParse(person.password).success, person.key).toBe(true);
      for (const membership of person.schools) expect(schoolKeys.has(membership.school), person.key).toBe(true);
      for (const membership of person.communities) expect(membership.community).toBe(DEMO_COMMUNITY.key);
    }
    expect(people.get("admin")?.roles).toContain("admin");
    expect(people.get("broker")?.roles).toContain("broker");
    expect(people.get("broker")?.communities).toContainEqual({ community: DEMO_COMMUNITY.key, role: "owner" });
    expect(people.get("teacher")?.communities).toContainEqual({ community: DEMO_COMMUNITY.key, role: "member" });
    expect(people.get("teacher")?.schools).toContainEqual({ school: "po", role: "member" });
    expect(people.get("coordinator")?.schools).toContainEqual({ school: "vo", role: "coordinator" });
  });

  it("has about thirty items with unique URLs", () => {
    expect(DEMO_ITEMS.length).toBeGreaterThanOrEqual(25);
    expect(DEMO_ITEMS.length).toBeLessThanOrEqual(40);
    const urls = DEMO_ITEMS.map((item) => item.url);
    expect(new Set(urls).size).toBe(urls.length);
    const hosts = new Set(urls.map((url) => new URL(url).hostname));
    expect(hosts.size).toBeGreaterThanOrEqual(15);
  });

  it("uses only themes that exist in the taxonomy", () => {
    for (const item of DEMO_ITEMS) {
      expect(item.themes.length, item.url).toBeGreaterThan(0);
      for (const slug of item.themes) expect(bySlug.has(slug), `${item.url}: ${slug}`).toBe(true);
    }
    for (const extra of DEMO_EXTRA_SAVES) {
      for (const slug of extra.themes) expect(bySlug.has(slug), `${extra.itemUrl}: ${slug}`).toBe(true);
    }
  });

  it("covers every main theme and each of their sub-themes, and a few further themes", () => {
    const used = new Set(DEMO_ITEMS.flatMap((item) => item.themes));
    for (const [main, subs] of Object.entries(MAIN_THEMES)) {
      expect(used.has(main), main).toBe(true);
      for (const sub of subs) expect(used.has(sub), sub).toBe(true);
    }
    expect(FURTHER_THEMES.filter((slug) => used.has(slug)).length).toBeGreaterThanOrEqual(5);
  });

  it("mixes kinds, circles and savers", () => {
    const kinds = new Set(DEMO_ITEMS.map((item) => item.kind));
    for (const kind of ["artikel", "kennisclip", "protocol", "praktijkvoorbeeld", "onderzoek", "lesmateriaal", "podcast"]) {
      expect(kinds.has(kind as (typeof ITEM_KINDS)[number]), kind).toBe(true);
    }
    const circles = DEMO_ITEMS.map((item) => item.visibility);
    for (const circle of ["private", "community", "school", "network", "public"] as const) {
      expect(circles, circle).toContain(circle);
    }
    expect(circles.filter((c) => c === "network" || c === "public").length).toBeGreaterThan(DEMO_ITEMS.length / 2);
    expect(new Set(DEMO_ITEMS.map((item) => item.savedBy))).toEqual(new Set(["teacher", "broker", "coordinator"]));
  });

  it("only uses a circle the saver belongs to", () => {
    for (const item of DEMO_ITEMS) {
      const person = people.get(item.savedBy);
      expect(person, item.url).toBeDefined();
      if (item.visibility === "community") {
        expect(item.communityKey, item.url).toBe(DEMO_COMMUNITY.key);
        expect(person?.communities.map((m) => m.community), item.url).toContain(item.communityKey);
      } else {
        expect(item.communityKey, item.url).toBeUndefined();
      }
      if (item.visibility === "school") {
        // The API defaults a school save to the saver's only school.
        expect(person?.schools.length, item.url).toBe(1);
        expect(person?.schools[0]?.school, item.url).toBe(item.schoolKey);
      } else {
        expect(item.schoolKey, item.url).toBeUndefined();
      }
    }
  });

  it("is valid input for POST /api/v1/items", () => {
    for (const item of DEMO_ITEMS) {
      const result = CreateItemRequest.safeParse(demoItemRequest(item));
      expect(result.success, `${item.url}: ${result.error?.message}`).toBe(true);
      // Tags are stored lower-case; the demo data must already be in that form.
      expect(result.data?.tags, item.url).toEqual(item.tags);
    }
  });

  it("has substantial texts, excerpts and notes, and ISO dates", () => {
    for (const item of DEMO_ITEMS) {
      expect(item.text.length, item.url).toBeGreaterThanOrEqual(800);
      expect(item.text.length, item.url).toBeLessThanOrEqual(2500);
      expect(item.text.split("\n\n").length, item.url).toBeGreaterThanOrEqual(2);
      expect(item.excerpt.length, item.url).toBeGreaterThan(60);
      expect(item.note.length, item.url).toBeGreaterThan(40);
      expect(item.tags.length, item.url).toBeGreaterThan(0);
      expect(item.sector.length, item.url).toBeGreaterThan(0);
      if (item.publishedAt !== undefined) {
        expect(item.publishedAt, item.url).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(Number.isNaN(Date.parse(item.publishedAt)), item.url).toBe(false);
      }
    }
  });

  it("has a few videos whose ids match their URLs", () => {
    const videos = DEMO_ITEMS.filter((item) => item.video);
    expect(videos.length).toBeGreaterThanOrEqual(3);
    for (const item of videos) {
      const video = item.video!;
      expect(item.kind, item.url).toBe("kennisclip");
      expect(video.durationSeconds, item.url).toBeGreaterThan(0);
      expect(video.embedUrl, item.url).toContain(video.id);
      if (video.provider === "youtube") {
        expect(video.id, item.url).toMatch(/^[A-Za-z0-9_-]{11}$/);
        expect(item.url).toBe(`https://www.youtube.com/watch?v=${video.id}`);
      } else {
        expect(item.url).toBe(`https://vimeo.com/${video.id}`);
      }
    }
  });

  it("contains diacritics that search has to fold", () => {
    const titles = DEMO_ITEMS.map((item) => item.title).join(" ");
    const all = DEMO_ITEMS.map((item) => `${item.title} ${item.text}`).join(" ").toLowerCase();
    expect(titles).toMatch(/[éëèêöïüç]/);
    for (const word of ["crème", "coöperatie", "één", "ideeën", "café"]) expect(all, word).toContain(word);
  });

  it("adds second saves to existing items by another person", () => {
    expect(DEMO_EXTRA_SAVES.length).toBe(3);
    expect(new Set(DEMO_EXTRA_SAVES.map((extra) => extra.itemUrl)).size).toBe(3);
    for (const extra of DEMO_EXTRA_SAVES) {
      const item = DEMO_ITEMS.find((candidate) => candidate.url === extra.itemUrl);
      expect(item, extra.itemUrl).toBeDefined();
      expect(extra.savedBy, extra.itemUrl).not.toBe(item?.savedBy);
      expect(["network", "public"], extra.itemUrl).toContain(extra.visibility);
      expect(["network", "public"], extra.itemUrl).toContain(item?.visibility);
      expect(extra.note.length, extra.itemUrl).toBeGreaterThan(40);
    }
  });
});
