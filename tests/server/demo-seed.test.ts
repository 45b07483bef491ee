import { describe, expect, it } from "vitest";
import {
  DEMO_COMMUNITY,
  DEMO_EXTRA_SAVES,
  DEMO_ITEMS,
  DEMO_PEOPLE,
  DEMO_SCHOOLS,
  demoItemRequest,
} from "../../server/seed/demo-data";
import { CreateItemRequest, Email, ITEM_KINDS, Password } from "../../shared/schemas";
import { THEME_TAXONOMY } from "../../shared/themes";

// The demo network `npm start` seeds on an empty database: people who can sign in, circles they belong
// to, and items that exercise search, themes, visibility and videos. (The taxonomy itself is proven in
// tests/shared/theme-taxonomy.test.ts; here the themes come from it.)

const bySlug = new Map(THEME_TAXONOMY.map((theme) => [theme.slug, theme]));
const subThemesOf = (slug: string) => THEME_TAXONOMY.filter((theme) => theme.parent === slug).map((theme) => theme.slug);
/** Top-level themes with sub-themes (the three main themes) and without (the further themes). */
const MAIN_THEMES = THEME_TAXONOMY.filter((theme) => theme.parent === null && subThemesOf(theme.slug).length > 0).map((theme) => theme.slug);
const FURTHER_THEMES = THEME_TAXONOMY.filter((theme) => theme.parent === null && subThemesOf(theme.slug).length === 0).map((theme) => theme.slug);

describe("the demo network that npm start seeds", () => {
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
    expect(MAIN_THEMES).toHaveLength(3);
    for (const main of MAIN_THEMES) {
      expect(used.has(main), main).toBe(true);
      for (const sub of subThemesOf(main)) expect(used.has(sub), sub).toBe(true);
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
      expect([...people.keys()], item.url).toContain(item.savedBy);
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
      expect(DEMO_ITEMS.map((candidate) => candidate.url)).toContain(extra.itemUrl);
      expect(extra.savedBy, extra.itemUrl).not.toBe(item?.savedBy);
      expect(["network", "public"], extra.itemUrl).toContain(extra.visibility);
      expect(["network", "public"], extra.itemUrl).toContain(item?.visibility);
      expect(extra.note.length, extra.itemUrl).toBeGreaterThan(40);
    }
  });
});
