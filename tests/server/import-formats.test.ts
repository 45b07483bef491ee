import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { strToU8, zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { parseImport } from "../../server/services/imports/formats";
import { DomainError } from "../../server/core/errors";

const FIXTURES = join(import.meta.dirname, "../fixtures/imports");
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

function zipFolder(folder: string): Uint8Array {
  const files: Zippable = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(folder, path).split("\\").join("/")] = new Uint8Array(readFileSync(path));
    }
  };
  walk(folder);
  return zipSync(files);
}

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("the file was not refused");
}

describe("reading the files people bring", () => {
  it("reads a Chrome bookmark export with its folder paths, dates and every address as written", () => {
    const parsed = parseImport(fixture("chrome-bookmarks.html"));
    expect(parsed.format).toBe("netscape");
    expect(parsed.links).toEqual([
      { url: "https://www.nt2.nl/nl/dossiers/alfabetisering", title: "Alfabetisering in de NT2-les", folder: ["Bladwijzerbalk"], tags: [], note: null, addedAt: "2023-11-14T22:15:00.000Z" },
      {
        url: "https://www.meertaligheid.nl/thuistaal-in-de-klas?utm_source=nieuwsbrief",
        title: "Thuistaal in de klas & op het plein",
        folder: ["Bladwijzerbalk", "Meertaligheid"],
        tags: [],
        note: null,
        addedAt: "2023-11-14T22:17:30.000Z",
      },
      { url: "javascript:alert('knooppunt')", title: "Bladwijzerscript", folder: ["Bladwijzerbalk", "Meertaligheid"], tags: [], note: null, addedAt: "2023-11-14T22:17:40.000Z" },
      { url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", title: "Kennisclip: zachte landing", folder: ["Andere bladwijzers"], tags: [], note: null, addedAt: "2023-11-14T22:20:10.000Z" },
    ]);
    expect(parsed.files).toEqual([]);
  });

  it("reads a Firefox bookmark export with its tags and the description under a link as the note", () => {
    const parsed = parseImport(fixture("firefox-bookmarks.html"));
    expect(parsed.links).toEqual([
      {
        url: "https://www.kennisnet.nl/artikel/ouderbetrokkenheid/",
        title: "Ouderbetrokkenheid in de praktijk",
        folder: ["Cultureel responsief lesgeven"],
        tags: ["ouders", "gesprek"],
        note: "Gespreksvormen voor het eerste oudergesprek; werkt goed in groep 3.",
        addedAt: "2023-11-14T19:43:20.000Z",
      },
      { url: "https://example.org/protocol.pdf", title: "Instroomprotocol nieuwkomers", folder: ["Cultureel responsief lesgeven"], tags: [], note: null, addedAt: "2023-11-14T20:00:00.000Z" },
      { url: "place:parent=toolbar_____", title: "Meest bezocht", folder: [], tags: [], note: null, addedAt: "2023-11-14T20:16:40.000Z" },
    ]);
  });

  it("reads Knooppunt's documented CSV header: folder paths, comma-separated tags, ISO or epoch dates", () => {
    const parsed = parseImport(fixture("knooppunt.csv"));
    expect(parsed.format).toBe("csv");
    expect(parsed.links).toEqual([
      {
        url: "https://www.taalbewustlesgeven.nl/wat-is-taalbewust-lesgeven",
        title: "Wat is taalbewust lesgeven?",
        folder: ["Vakdidactiek", "Taalbewust"],
        tags: ["taal", "didactiek"],
        note: "Begin bij de woordenschat van het vak.",
        addedAt: "2024-03-01T08:30:00.000Z",
      },
      { url: "https://example.org/groepsplan.docx", title: "Groepsplan rekenen", folder: [], tags: [], note: null, addedAt: "2024-03-01T08:00:00.000Z" },
      { url: "ftp://files.example.org/oud.pdf", title: "Oud bestand", folder: ["Archief"], tags: [], note: null, addedAt: null },
    ]);
  });

  it("reads Raindrop's CSV export as Raindrop writes it, keeping the person's note and not the page's excerpt", () => {
    const parsed = parseImport(fixture("raindrop.csv"));
    expect(parsed.format).toBe("raindrop");
    expect(parsed.links).toEqual([
      {
        url: "https://www.lowan.nl/vo/zachte-landing",
        title: "Nieuwkomers in het vo: de eerste weken",
        folder: ["Onderwijs", "Nieuwkomers"],
        tags: ["nieuwkomers", "isk"],
        note: 'Bespreken in de sectie, "zachte landing"',
        addedAt: "2023-11-02T14:05:11.000Z",
      },
      { url: "https://podcast.example.nl/afl/12", title: "Podcast meertalig opvoeden", folder: ["Onderwijs"], tags: ["meertaligheid"], note: null, addedAt: "2023-12-24T09:00:00.000Z" },
    ]);
  });

  it("reads Pocket's CSV export with its |-separated tags and dates in seconds", () => {
    const parsed = parseImport(fixture("pocket.csv"));
    expect(parsed.format).toBe("pocket");
    expect(parsed.links).toEqual([
      { url: "https://www.wat-dus-wat-nu.nl/model", title: "Wat Dus Wat nu: een reflectiemodel", folder: [], tags: ["reflectie", "plg"], note: null, addedAt: "2023-01-01T00:00:00.000Z" },
      { url: "https://www.example.nl/zonder-titel", title: "https://www.example.nl/zonder-titel", folder: [], tags: [], note: null, addedAt: "2023-01-02T00:00:00.000Z" },
    ]);
  });

  it("reads a Karakeep export; a text bookmark comes through without an address, to be reported as skipped", () => {
    const parsed = parseImport(fixture("karakeep.json"));
    expect(parsed.format).toBe("karakeep");
    expect(parsed.links).toEqual([
      {
        url: "https://www.example.edu/translanguaging",
        title: "Translanguaging in de klas",
        folder: [],
        tags: ["meertaligheid", "translanguaging"],
        note: "Voor de studiedag in juni",
        addedAt: "2024-06-01T10:00:00.000Z",
      },
      { url: "", title: "Idee: ouderavond met tolken", folder: [], tags: [], note: null, addedAt: "2024-06-02T10:00:00.000Z" },
    ]);
  });

  it("reads a Linkwarden export with nested collections as the folder path", () => {
    const parsed = parseImport(fixture("linkwarden.json"));
    expect(parsed.format).toBe("linkwarden");
    expect(parsed.links).toEqual([
      {
        url: "https://www.werkplaatsen.nl/praktijkonderzoek",
        title: "Praktijkonderzoek in de werkplaats",
        folder: ["Werkplaats"],
        tags: ["onderzoek"],
        note: "Opzet voor ons onderzoek",
        addedAt: "2024-05-10T12:00:00.000Z",
      },
      { url: "https://www.lezen.nl/voorlezen", title: "Voorlezen in groep 1-2", folder: ["Werkplaats", "Leesbevordering"], tags: [], note: null, addedAt: "2024-05-11T08:00:00.000Z" },
    ]);
  });

  it("reads a Teams folder ZIP: shortcuts become links in their folders, the documents are listed to upload later", () => {
    const parsed = parseImport(zipFolder(join(FIXTURES, "teams-folder")));
    expect(parsed.format).toBe("zip");
    expect(parsed.links).toEqual([
      { url: "https://school.sharepoint.com/sites/nt2/Gedeelde%20documenten/protocol.pdf", title: "Instroomprotocol", folder: [], tags: [], note: null, addedAt: null },
      { url: "https://www.lowan.nl/po/?a=1&b=2", title: "LOWAN", folder: ["Lesmateriaal"], tags: [], note: null, addedAt: null },
      { url: "https://www.nt2.nl/nl/lesmateriaal/woordenschat", title: "Woordenschat oefenen", folder: ["Lesmateriaal", "NT2"], tags: [], note: null, addedAt: null },
    ]);
    expect(parsed.files).toEqual([
      { path: "Lesmateriaal/Handout.pdf", bytes: 27 },
      { path: "Notulen werkplaats.txt", bytes: 39 },
    ]);
  });
});

describe("hostile files", () => {
  it("reads bookmarks nested a million folders deep without running out of stack, keeping 32 levels of path", () => {
    const depth = 1_000_000;
    const html = `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>${"<DT><H3>map</H3><DL><p>".repeat(depth)}<DT><A HREF="https://diep.example.nl/">Diep</A>${"</DL><p>".repeat(depth)}</DL>`;
    const parsed = parseImport(strToU8(html));
    expect(parsed.links).toHaveLength(1);
    expect(parsed.links[0]!.folder).toEqual(Array.from({ length: 32 }, () => "map"));
  });

  it("reads a file of unclosed tags and quotes in one pass and finds the link after them", () => {
    const garbage = `<a href="${"<a b=\"".repeat(200_000)}`;
    const html = `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>${garbage}\n<DT><A HREF="https://na-de-rommel.example.nl/">Na de rommel</A></DL>`;
    const parsed = parseImport(strToU8(html));
    expect(parsed.links.map((link) => link.url)).toEqual(["https://na-de-rommel.example.nl/"]);
  });

  it("refuses a CSV with ten million columns at the first line, naming the limit in Dutch and English", () => {
    const csv = `url,${"x,".repeat(10_000_000)}\nhttps://example.nl/\n`;
    expect(refusal(() => parseImport(strToU8(csv), "csv"))).toEqual({
      code: "import_too_many_columns",
      message: "Regel 1 van het CSV-bestand heeft meer dan 64 kolommen. / Line 1 of the CSV file has more than 64 columns.",
    });
  });

  it("refuses a file that is not UTF-8 instead of reading it garbled", () => {
    const bytes = new Uint8Array([...strToU8("url,title\nhttps://example.nl/,Caf"), 0xe9, 0x0a]);
    expect(refusal(() => parseImport(bytes))).toEqual({
      code: "import_invalid_utf8",
      message: "Het bestand is geen geldige UTF-8-tekst; exporteer het opnieuw als UTF-8. / The file is not valid UTF-8 text; export it again as UTF-8.",
    });
  });

  it("refuses a ZIP bomb from its directory, without inflating it", () => {
    const bomb = zipSync({ "leeg.bin": new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    expect(refusal(() => parseImport(bomb))).toEqual({
      code: "import_zip_refused",
      message: "Dit ZIP-bestand wordt niet uitgepakt: leeg.bin zou 200 keer zo groot worden. / This ZIP file is not unpacked: leeg.bin would grow 200-fold.",
    });
  });

  it("refuses a ZIP with more entries than any folder holds", () => {
    const many: Zippable = {};
    for (let i = 0; i < 20_001; i++) many[`f${i}.txt`] = new Uint8Array(0);
    expect(refusal(() => parseImport(zipSync(many))).code).toBe("import_zip_refused");
  });

  it("refuses a damaged ZIP with a clear reason", () => {
    const zip = zipFolder(join(FIXTURES, "teams-folder"));
    expect(refusal(() => parseImport(zip.slice(0, zip.length - 30)))).toEqual({
      code: "import_invalid_zip",
      message: "Het ZIP-bestand is beschadigd of onvolledig. / The ZIP file is damaged or incomplete.",
    });
  });

  it("reads JSON nested a million arrays deep as not an export, not as a crash", () => {
    const json = `{"bookmarks": [{"title": "x", "tags": [], "content": {"type": "link", "url": "https://example.nl/", "extra": ${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}}}]}`;
    const result = (() => {
      try {
        return parseImport(strToU8(json)).links.length;
      } catch (error) {
        return error instanceof DomainError ? error.code : "crash";
      }
    })();
    expect(["import_invalid_json", 1]).toContain(result);
  });
});
