/**
 * Synthetic but readable Dutch library content for the benchmark: titles, excerpts, texts of a few KB,
 * notes, tags and themes, drawn from a seeded PRNG so that every run builds the same library.
 *
 * Words follow a skewed (Zipf-like) distribution and Dutch compounds are formed from parts, so the FTS
 * index sees a realistic mix of very common words ("leerlingen"), a long tail, and a few rare ones
 * ("tamazight").
 */
import { THEME_TAXONOMY, type ThemeSeed } from "../../shared/themes";
import type { CreateItemInput, ItemKind, ItemSector, Visibility } from "../../shared/schemas";

// ---------------------------------------------------------------------------------------------------
// Seeded randomness

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 to spread the seed, then sfc32.
    const mix = () => {
      seed = (seed + 0x9e3779b9) | 0;
      let z = seed;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }

  /** Zipf-ish: early entries are much more likely than late ones (s ≈ 1). */
  zipf<T>(list: readonly T[]): T {
    const n = list.length;
    const i = Math.floor(Math.pow(n + 1, this.next())) - 1;
    return list[Math.min(Math.max(i, 0), n - 1)]!;
  }

  shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list;
  }
}

// ---------------------------------------------------------------------------------------------------
// Vocabulary

const SUBJECTS = [
  "leerlingen", "leraren", "leerkrachten", "docenten", "kinderen", "ouders", "nieuwkomers", "kleuters",
  "studenten", "collega's", "jongeren", "mentoren", "intern begeleiders", "schoolleiders", "teams",
  "onderwijsassistenten", "taalcoaches", "zij-instromers", "pabostudenten", "lerarenopleiders",
  "vakdocenten", "ib'ers", "bouwcoördinatoren", "startende leraren", "gezinnen",
] as const;

const VERBS = [
  "bespreken", "oefenen", "onderzoeken", "gebruiken", "vergelijken", "ontwikkelen", "herkennen",
  "beschrijven", "ervaren", "delen", "ontdekken", "vertalen", "benoemen", "evalueren", "plannen",
  "verbeteren", "verkennen", "versterken", "toepassen", "waarderen", "begrijpen", "verwoorden",
  "bevragen", "ondersteunen", "verdiepen", "observeren", "stimuleren", "uitleggen", "afstemmen",
  "vastleggen", "samenvatten", "verbinden",
] as const;

/** Objects with article; de-words and het-words mixed. */
const OBJECTS = [
  "de woordenschat", "de instructie", "het gesprek", "de lesdoelen", "de feedback", "het leesplezier",
  "de thuistaal", "de schooltaal", "de vakbegrippen", "het tekstbegrip", "de leesmotivatie",
  "de beginsituatie", "de overstap", "de ouderavond", "het rapportgesprek", "de kringactiviteit",
  "de rekentaal", "de verhaaltjessommen", "de werkwoordspelling", "het groepsplan", "de weektaak",
  "de leerlijn", "het portfolio", "de toetsresultaten", "de observaties", "het welbevinden",
  "de zelfstandigheid", "de samenwerking", "het eigenaarschap", "de betrokkenheid", "het taalniveau",
  "de spreekvaardigheid", "de schrijfopdracht", "het prentenboek", "de voorleesroutine",
  "de klassenvergadering", "de lesvoorbereiding", "het lesontwerp", "de differentiatie",
  "de verlengde instructie", "het leerklimaat", "de klassenregels", "de denkvragen", "de leesteksten",
  "de woordmuur", "de begrippenlijst", "het schoolplan", "de ouderbrief",
] as const;

const ADJECTIVES: readonly [string, string][] = [
  ["meertalig", "meertalige"], ["taalrijk", "taalrijke"], ["betekenisvol", "betekenisvolle"],
  ["inclusief", "inclusieve"], ["duidelijk", "duidelijke"], ["kort", "korte"], ["gezamenlijk", "gezamenlijke"],
  ["activerend", "activerende"], ["passend", "passende"], ["veilig", "veilige"], ["helder", "heldere"],
  ["rijk", "rijke"], ["gevarieerd", "gevarieerde"], ["onderzoekend", "onderzoekende"], ["praktisch", "praktische"],
  ["klein", "kleine"], ["dagelijks", "dagelijkse"], ["cultureel responsief", "cultureel responsieve"],
  ["uitdagend", "uitdagende"], ["stevig", "stevige"], ["eenvoudig", "eenvoudige"], ["concreet", "concrete"],
  ["visueel", "visuele"], ["interactief", "interactieve"], ["doordacht", "doordachte"], ["open", "open"],
  ["gestructureerd", "gestructureerde"], ["vast", "vaste"], ["nieuw", "nieuwe"], ["beproefd", "beproefde"],
];

const ADVERBS = [
  "vaker", "beter", "sneller", "zelfstandiger", "bewuster", "actiever", "nauwkeuriger", "met meer plezier",
  "samen", "gerichter", "rustiger", "vanzelfsprekender", "vrijer", "met meer zelfvertrouwen",
] as const;

const CONNECTORS = [
  "Daarnaast", "Bovendien", "Vervolgens", "Tegelijkertijd", "In de praktijk", "Op veel scholen",
  "Gelukkig", "Juist daarom", "Daarom", "In dit voorbeeld", "Na een paar weken", "Ook", "Soms",
  "Meestal", "In de eerste weken", "Aan het eind van het schooljaar", "Tijdens de studiedag",
] as const;

const CONTEXTS = [
  "in groep 3", "in groep 5", "in groep 7 en 8", "in de onderbouw", "in de bovenbouw", "in het mbo",
  "in de eerste klas", "in de brugklas", "in de schakelklas", "in de ISK", "in de nieuwkomersklas",
  "tijdens de kring", "bij rekenen", "bij wereldoriëntatie", "in de taalles", "tijdens het mentoruur",
  "bij geschiedenis", "bij aardrijkskunde", "in de kleutergroep", "tijdens de projectweken",
  "in de combinatiegroep", "bij begrijpend lezen", "in het praktijkonderwijs", "op de pabo",
  "in de stage", "bij biologie", "in de beroepspraktijk", "in het speciaal onderwijs",
] as const;

const PLACES = [
  "Eindhoven", "Rotterdam", "Utrecht", "Amsterdam", "Tilburg", "Den Haag", "Zwolle", "Almere", "Groningen",
  "Helmond", "Nijmegen", "Arnhem", "Breda", "Maastricht", "Leeuwarden", "Venlo", "Enschede", "Deventer",
  "Schiedam", "Lelystad", "Veldhoven", "Roosendaal", "Emmen", "Hengelo", "Zaandam", "Gouda", "Dordrecht",
] as const;

const ORGANISATIONS = [
  "het Kohnstamm Instituut", "de Onderwijsinspectie", "het NRO", "de Onderwijsraad", "Kennisnet",
  "de Universiteit Utrecht", "de Radboud Universiteit", "Fontys", "de Hogeschool Rotterdam",
  "het Expertisecentrum Nederlands", "SLO", "de Rijksuniversiteit Groningen", "het Mulier Instituut",
] as const;

const FIRST_NAMES = [
  "Sanne", "Fatima", "Youssef", "Marieke", "Daan", "Noor", "Mohamed", "Lotte", "Ayşe", "Thijs", "Esra",
  "Bram", "Priya", "Jeroen", "Ilse", "Kofi", "Anouk", "Mehmet", "Femke", "Rachid", "Eline", "Olga",
] as const;
const LAST_NAMES = [
  "de Vries", "Jansen", "El Amrani", "Bakker", "Yılmaz", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
  "Bouzid", "van Dijk", "Kaya", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "Öztürk",
] as const;
const ROLES = [
  "leerkracht groep 4", "ib'er", "docent Nederlands", "taalcoördinator", "schoolleider", "mentor",
  "NT2-docent", "lerarenopleider", "onderzoeker", "rekencoördinator", "adjunct-directeur",
] as const;

/** Home languages, most frequent first; "tamazight" is made rare on purpose (the rare-word query). */
const LANGUAGES = [
  "Arabisch", "Turks", "Pools", "Engels", "Oekraïens", "Tigrinya", "Somalisch", "Papiamento", "Berbers",
  "Sranantongo", "Fries", "Dari", "Farsi", "Spaans", "Portugees", "Koerdisch", "Bulgaars", "Roemeens",
  "Chinees", "Hindi", "Tamil", "Syrisch", "Amhaars",
] as const;
export const RARE_WORD = "Tamazight";

const COMPOUND_HEADS = [
  "taal", "lees", "reken", "woord", "school", "ouder", "klas", "leer", "les", "thuis", "begeleidings",
  "toets", "spel", "kennis", "onderwijs", "team", "groeps", "instructie", "gespreks", "vak", "werk",
  "beroeps", "burgerschaps", "spreek", "schrijf", "denk", "verhaal", "beeld", "samenwerkings", "ontwikkel",
] as const;
const COMPOUND_TAILS: readonly [string, "de" | "het"][] = [
  ["beleid", "het"], ["plan", "het"], ["aanpak", "de"], ["strategie", "de"], ["ontwikkeling", "de"],
  ["vaardigheid", "de"], ["niveau", "het"], ["moment", "het"], ["activiteit", "de"], ["kaart", "de"],
  ["routine", "de"], ["lijn", "de"], ["traject", "het"], ["protocol", "het"], ["gesprek", "het"],
  ["didactiek", "de"], ["omgeving", "de"], ["cultuur", "de"], ["ruimte", "de"], ["vorm", "de"],
  ["ritme", "het"], ["onderzoek", "het"], ["overleg", "het"], ["materiaal", "het"], ["boek", "het"],
  ["doel", "het"], ["opdracht", "de"], ["map", "de"], ["kring", "de"], ["werkplaats", "de"],
];

interface Compound {
  word: string;
  gender: "de" | "het";
}

/** All head+tail compounds in a fixed random order, so the Zipf head is a fixed set of common words. */
const COMPOUNDS: Compound[] = (() => {
  const all: Compound[] = [];
  for (const head of COMPOUND_HEADS) for (const [tail, gender] of COMPOUND_TAILS) all.push({ word: head + tail, gender });
  return new Rng(1729).shuffle(all);
})();

const TAGS = [
  "praktijkvoorbeeld", "onderzoek", "handreiking", "lesidee", "podcast", "webinar", "checklist",
  "werkvorm", "studiedag", "teamoverleg", "ouders", "groep 1-2", "bovenbouw", "brugklas", "mbo",
  "woordenschat", "rekentaal", "leesbevordering", "nieuwkomers", "inspectie", "schoolplan",
  "gesprekskaart", "filmpje", "artikel", "tip van collega", "uitgeprobeerd",
] as const;

export const SITES = [
  { host: "www.lowan.nl", name: "LOWAN" },
  { host: "www.nji.nl", name: "Nederlands Jeugdinstituut" },
  { host: "www.kennisnet.nl", name: "Kennisnet" },
  { host: "www.nro.nl", name: "NRO" },
  { host: "www.slo.nl", name: "SLO" },
  { host: "www.onderwijsinspectie.nl", name: "Inspectie van het Onderwijs" },
  { host: "www.poraad.nl", name: "PO-Raad" },
  { host: "www.vo-raad.nl", name: "VO-raad" },
  { host: "www.mboraad.nl", name: "MBO Raad" },
  { host: "www.leraar24.nl", name: "Leraar24" },
  { host: "www.onderwijsmaakjesamen.nl", name: "Onderwijs Maak Je Samen" },
  { host: "www.expertisecentrumnederlands.nl", name: "Expertisecentrum Nederlands" },
  { host: "www.taalunie.org", name: "Nederlandse Taalunie" },
  { host: "www.wij-leren.nl", name: "Wij-leren.nl" },
  { host: "www.didactiefonline.nl", name: "Didactief" },
  { host: "www.naarschool.nl", name: "Naar School!" },
  { host: "www.oudersenonderwijs.nl", name: "Ouders & Onderwijs" },
  { host: "www.youtube.com", name: "YouTube" },
  { host: "vimeo.com", name: "Vimeo" },
  { host: "www.pabo-regio.nl", name: "Pabo Regio" },
] as const;

// ---------------------------------------------------------------------------------------------------
// Themes

export interface ThemeWords {
  slug: string;
  /** Lower-case Dutch name and Dutch-looking synonyms, used in running text. */
  phrases: string[];
  description: string;
}

const THEMES: ThemeWords[] = THEME_TAXONOMY.map((t: ThemeSeed) => ({
  slug: t.slug,
  phrases: [t.name.nl.replace(/\s*\(.*\)\s*/g, " ").trim(), ...t.synonyms.filter((s) => !/\b(the|and|of|teaching|education)\b/i.test(s))]
    .map((p) => (p === p.toUpperCase() ? p : p.toLowerCase()))
    .filter(Boolean),
  description: t.description.nl,
}));

/** Themes weighted: the network's core themes (NT2, meertaligheid, CRT and their children) come up most. */
const THEME_ORDER: ThemeWords[] = (() => {
  const core = ["meertaligheid", "nt2", "thuistalen", "cultureel-responsief-lesgeven", "taalbewust-lesgeven", "nieuwkomers"];
  const first = core.map((slug) => THEMES.find((t) => t.slug === slug)).filter((t): t is ThemeWords => Boolean(t));
  const rest = new Rng(4242).shuffle(THEMES.filter((t) => !core.includes(t.slug)));
  return [...first, ...rest];
})();

// ---------------------------------------------------------------------------------------------------
// Sentences

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function adjNoun(rng: Rng, withArticle: boolean): string {
  const c = rng.zipf(COMPOUNDS);
  const [base, inflected] = rng.zipf(ADJECTIVES);
  if (!withArticle) return `${inflected} ${c.word}`;
  return c.gender === "het" && rng.chance(0.5) ? `een ${base} ${c.word}` : `de ${inflected} ${c.word}`;
}

type Sentence = (rng: Rng, theme: ThemeWords) => string;

const SENTENCES: Sentence[] = [
  (r) => `${r.pick(CONNECTORS)} ${r.zipf(VERBS)} ${r.zipf(SUBJECTS)} ${r.zipf(OBJECTS)} ${r.zipf(CONTEXTS)}.`,
  (r) => `Wie ${r.zipf(OBJECTS)} ${r.zipf(CONTEXTS)} serieus neemt, ziet dat ${r.zipf(SUBJECTS)} ${r.zipf(OBJECTS)} ${r.pick(ADVERBS)} ${r.zipf(VERBS)}.`,
  (r) => `Een ${adjNoun(r, false)} helpt ${r.zipf(SUBJECTS)} om ${r.zipf(OBJECTS)} te ${r.zipf(VERBS)}.`,
  (r) => `Op een school in ${r.zipf(PLACES)} werken ze sinds ${r.int(2012, 2025)} met ${adjNoun(r, true)}.`,
  (r) =>
    `"${cap(r.zipf(SUBJECTS))} ${r.zipf(VERBS)} ${r.zipf(OBJECTS)} nu ${r.pick(ADVERBS)}," zegt ${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}, ${r.pick(ROLES)} in ${r.zipf(PLACES)}.`,
  (r) => `Het gaat niet om ${r.zipf(OBJECTS)}, maar om ${r.zipf(OBJECTS)} en ${r.zipf(OBJECTS)}.`,
  (r) => `Tip: begin ${r.zipf(CONTEXTS)} met ${adjNoun(r, true)} en laat ${r.zipf(SUBJECTS)} ${r.zipf(OBJECTS)} ${r.zipf(VERBS)}.`,
  (r) =>
    `Uit onderzoek van ${r.pick(ORGANISATIONS)} (${r.int(2015, 2025)}) blijkt dat ${r.zipf(SUBJECTS)} met ${adjNoun(r, false)} ${r.zipf(OBJECTS)} ${r.pick(ADVERBS)} ${r.zipf(VERBS)}.`,
  (r, t) => `Bij ${r.zipf(t.phrases)} draait het om ${r.zipf(OBJECTS)} en ${r.zipf(OBJECTS)}.`,
  (r) => `In ${r.int(3, 6)} stappen: ${r.zipf(COMPOUNDS).word}, ${r.zipf(COMPOUNDS).word} en ${r.zipf(COMPOUNDS).word}.`,
  (r, t) => `${cap(r.zipf(t.phrases))} vraagt van ${r.zipf(SUBJECTS)} dat ze ${r.zipf(OBJECTS)} ${r.pick(ADVERBS)} ${r.zipf(VERBS)}.`,
  (r) =>
    `Veel leerlingen spreken thuis ${r.zipf(LANGUAGES)}${r.chance(0.5) ? ` of ${r.zipf(LANGUAGES)}` : ""}; dat is een bron voor ${r.zipf(OBJECTS)}.`,
  (r) => `Vraag ${r.zipf(SUBJECTS)} eerst wat ze al weten over ${r.zipf(OBJECTS)}, en ${r.zipf(VERBS)} dat samen.`,
  (r) => `${cap(adjNoun(r, true))} werkt alleen als ${r.zipf(SUBJECTS)} er tijd voor krijgen ${r.zipf(CONTEXTS)}.`,
  (r, t) => t.description,
  (r) => `Zo ontstaat er ruimte voor ${r.zipf(OBJECTS)}, ook ${r.zipf(CONTEXTS)}.`,
];

function sentence(rng: Rng, theme: ThemeWords): string {
  if (rng.chance(0.00005)) return `Een paar leerlingen spreken thuis ${RARE_WORD}, een Berberse taal, naast Nederlands en Arabisch.`;
  return rng.zipf(SENTENCES)(rng, theme);
}

function paragraph(rng: Rng, theme: ThemeWords): string {
  const n = rng.int(3, 7);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(sentence(rng, theme));
  return out.join(" ");
}

/** A readable text of roughly `target` characters, paragraphs separated by a blank line. */
export function readableText(rng: Rng, theme: ThemeWords, target: number): string {
  const parts: string[] = [];
  let length = 0;
  while (length < target) {
    const p = paragraph(rng, theme);
    parts.push(p);
    length += p.length + 2;
  }
  return parts.join("\n\n");
}

const TITLES: ((r: Rng, t: ThemeWords) => string)[] = [
  (r) => `${cap(r.zipf(COMPOUNDS).word)} ${r.zipf(CONTEXTS)}: ${r.int(3, 9)} tips voor ${r.zipf(SUBJECTS)}`,
  (r) => `Zo werk je aan ${r.zipf(OBJECTS)} ${r.zipf(CONTEXTS)}`,
  (r, t) => `${cap(r.zipf(t.phrases))} in de praktijk: ${adjNoun(r, false)}`,
  (r) => `Handreiking ${r.zipf(COMPOUNDS).word} voor ${r.pick(["po", "vo", "mbo", "het speciaal onderwijs", "de pabo"])}`,
  (r) => `Wat werkt bij ${r.zipf(OBJECTS)}? Lessen uit ${r.zipf(PLACES)}`,
  (r) => `Kennisclip: ${r.zipf(COMPOUNDS).word} en ${r.zipf(COMPOUNDS).word}`,
  (r, t) => `${r.int(3, 7)} misverstanden over ${r.zipf(t.phrases)}`,
  (r) => `Onderzoek: ${r.zipf(SUBJECTS)} en ${r.zipf(OBJECTS)}`,
  (r, t) => `Praktijkvoorbeeld ${r.zipf(PLACES)}: ${r.zipf(t.phrases)} ${r.zipf(CONTEXTS)}`,
  (r) => `${cap(r.zipf(SUBJECTS))} ${r.zipf(VERBS)} ${r.zipf(OBJECTS)}`,
];

// ---------------------------------------------------------------------------------------------------
// Items

export interface GeneratedItem {
  url: string;
  title: string;
  kind: ItemKind;
  language: string;
  meta: { siteName: string; author: string | null; publishedAt: string; excerpt: string };
  text: string;
  themes: string[];
  tags: string[];
  sector: ItemSector[];
  note: string;
  /** Where the first saver shares it. */
  visibility: Visibility;
}

const SECTORS: readonly ItemSector[] = ["po", "vo", "mbo", "so", "hbo", "wo"];

/** 35% public, 45% network, 10% school, 6% community, 4% private. */
export function pickVisibility(rng: Rng): Visibility {
  const x = rng.next();
  if (x < 0.35) return "public";
  if (x < 0.8) return "network";
  if (x < 0.9) return "school";
  if (x < 0.96) return "community";
  return "private";
}

/** Lengths between ~1.2 and ~7 KB, most around 3 KB. */
const textLength = (rng: Rng) => Math.round(1200 * Math.pow(6, (rng.next() + rng.next()) / 2));

export function noteText(rng: Rng, theme: ThemeWords): string {
  const n = rng.int(1, 2);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(sentence(rng, theme));
  return out.join(" ");
}

/**
 * Item number `n` of the library. `salt` keeps URLs of separate series (seeding, the clip benchmark)
 * apart.
 */
export function generateItem(rng: Rng, n: number, salt = "i"): GeneratedItem {
  const theme = rng.zipf(THEME_ORDER);
  const themes = [theme.slug];
  const extra = rng.int(0, 2);
  for (let i = 0; i < extra; i++) {
    const t = rng.zipf(THEME_ORDER).slug;
    if (!themes.includes(t)) themes.push(t);
  }
  const site = rng.zipf(SITES);
  const title = rng.zipf(TITLES)(rng, theme).slice(0, 300);
  const slug = title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  const video = site.host === "www.youtube.com" || site.host === "vimeo.com";
  const url = video
    ? site.host === "vimeo.com"
      ? `https://vimeo.com/${salt}${n}`
      : `https://www.youtube.com/watch?v=${salt}${n.toString(36)}`
    : `https://${site.host}/${rng.pick(["artikel", "kennisbank", "nieuws", "praktijk", "publicaties"])}/${slug}-${salt}${n}`;
  const excerpt = noteText(rng, theme);
  const tagCount = rng.int(0, 4);
  const tags = new Set<string>();
  for (let i = 0; i < tagCount; i++) tags.add(rng.zipf(TAGS));
  const sector = new Set<ItemSector>();
  const sectorCount = rng.int(0, 2);
  for (let i = 0; i < sectorCount; i++) sector.add(rng.zipf(SECTORS));
  const year = rng.int(2016, 2025);
  return {
    url,
    title,
    kind: video ? "kennisclip" : rng.chance(0.1) ? "document" : "artikel",
    language: "nl",
    meta: {
      siteName: site.name,
      author: rng.chance(0.6) ? `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}` : null,
      publishedAt: `${year}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`,
      excerpt,
    },
    text: readableText(rng, theme, textLength(rng)),
    themes,
    tags: [...tags],
    sector: [...sector],
    note: rng.chance(0.45) ? noteText(rng, theme) : "",
    visibility: pickVisibility(rng),
  };
}

/** A short note by a second saver of an item. */
export function secondNote(rng: Rng): string {
  return noteText(rng, rng.zipf(THEME_ORDER));
}

export function randomThemes(rng: Rng): string[] {
  const t = new Set<string>([rng.zipf(THEME_ORDER).slug]);
  if (rng.chance(0.4)) t.add(rng.zipf(THEME_ORDER).slug);
  return [...t];
}

/**
 * Clips as the extension sends them for the throughput measurements: a few KB of text, themes, tags and
 * a note, shared with the network. Kennisclips are left out: they carry no readable text.
 */
export function clipInputs(seed: number, count: number, salt: string): (CreateItemInput & { url: string })[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, i) => generateItem(rng, i, salt))
    .filter((g) => g.kind !== "kennisclip")
    .map((g) => ({
      url: g.url,
      title: g.title,
      kind: g.kind,
      language: g.language,
      meta: g.meta,
      text: g.text,
      themes: g.themes,
      tags: g.tags,
      sector: g.sector,
      note: g.note || "Handig voor de teamvergadering.",
      visibility: "network" as const,
    }));
}
