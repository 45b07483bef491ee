import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { strToU8, zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { bytesSource, parseImport as parseSource, type ImportFormat } from "../../server/services/imports/formats";
import { DomainError } from "../../server/core/errors";

/** Reads every link of a file, as the server reads it (in pieces of 256 KiB) or in pieces of `pieceBytes`. */
function parseImport(bytes: Uint8Array, hint?: ImportFormat, pieceBytes?: number) {
  const source = bytesSource(bytes);
  const parsed = parseSource(pieceBytes ? { ...source, pieces: () => source.pieces(pieceBytes) } : source, hint);
  return { ...parsed, links: [...parsed.links] };
}

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

describe("reading a file in pieces", () => {
  // Everything a cut between two pieces can split: a character of several bytes, an entity, a tag, a
  // quote doubled inside a quoted field, a CRLF, a note that runs over many pieces.
  const bookmarks = strToU8(
    [
      "\uFEFF<!DOCTYPE NETSCAPE-Bookmark-file-1>\r\n<DL><p>\r\n",
      "<DT><H3>Meertaligheid &amp; NT2 – ‘thuistaal’ 🌍</H3>\r\n<DL><p>\r\n",
      '<DT><A HREF="https://www.example.nl/caf%C3%A9?a=1&amp;b=2" ADD_DATE="1700000000" TAGS="lezen,taal">Café &lt;Taal&gt; &#x1F30D; en lezen</A>\r\n',
      "<DD>Eerste regel<br>tweede <b>vet</b> &#233;én, " + "lang ".repeat(40) + "\r\n",
      "<DT><A HREF='https://www.example.nl/2'>Twee <<< drie</A>\r\n",
      "</DL><p>\r\n<DT><A HREF=\"https://www.example.nl/top\">Bovenaan</A>\r\n</DL>\r\n",
    ].join(""),
  );
  const csv = strToU8(
    '\uFEFFurl,title,folder,tags,note,added_at\r\nhttps://www.example.nl/1,"Hij zei ""hallo"", toen ""dag""",Taal/NT2,"lezen,taal","regel één\r\nregel twee",1700000000\r\n' +
      'https://www.example.nl/2,Café 🌍,,,"""",\r\n\r\nhttps://www.example.nl/3,"",Map,,,2023-11-14T10:00:00Z',
  );

  it("reads bookmarks the same in pieces of any size as whole", () => {
    const whole = parseImport(bookmarks, undefined, bookmarks.length);
    expect(whole.links).toEqual([
      {
        url: "https://www.example.nl/caf%C3%A9?a=1&b=2",
        title: "Café <Taal> 🌍 en lezen",
        folder: ["Meertaligheid & NT2 – ‘thuistaal’ 🌍"],
        tags: ["lezen", "taal"],
        note: `Eerste regeltweede vet één, ${"lang ".repeat(40).trim()}`,
        addedAt: "2023-11-14T22:13:20.000Z",
      },
      { url: "https://www.example.nl/2", title: "Twee <<< drie", folder: ["Meertaligheid & NT2 – ‘thuistaal’ 🌍"], tags: [], note: null, addedAt: null },
      { url: "https://www.example.nl/top", title: "Bovenaan", folder: [], tags: [], note: null, addedAt: null },
    ]);
    for (const size of [1, 2, 3, 5, 7, 11, 64, 4096]) expect(parseImport(bookmarks, undefined, size), `pieces of ${size} bytes`).toEqual(whole);
    for (const file of ["chrome-bookmarks.html", "firefox-bookmarks.html"]) {
      const bytes = fixture(file);
      for (const size of [1, 3, 64]) expect(parseImport(bytes, undefined, size), `${file} in pieces of ${size} bytes`).toEqual(parseImport(bytes));
    }
  });

  it("reads CSV the same in pieces of any size as whole", () => {
    const whole = parseImport(csv, undefined, csv.length);
    expect(whole.links).toEqual([
      { url: "https://www.example.nl/1", title: 'Hij zei "hallo", toen "dag"', folder: ["Taal", "NT2"], tags: ["lezen", "taal"], note: "regel één\r\nregel twee", addedAt: "2023-11-14T22:13:20.000Z" },
      { url: "https://www.example.nl/2", title: "Café 🌍", folder: [], tags: [], note: '"', addedAt: null },
      { url: "https://www.example.nl/3", title: null, folder: ["Map"], tags: [], note: null, addedAt: "2023-11-14T10:00:00.000Z" },
    ]);
    for (const size of [1, 2, 3, 5, 7, 11, 64, 4096]) expect(parseImport(csv, undefined, size), `pieces of ${size} bytes`).toEqual(whole);
    for (const file of ["knooppunt.csv", "raindrop.csv", "pocket.csv"]) {
      const bytes = fixture(file);
      for (const size of [1, 3, 64]) expect(parseImport(bytes, undefined, size), `${file} in pieces of ${size} bytes`).toEqual(parseImport(bytes));
    }
  });

  it("hands on each link while the rest of the file is still unread", () => {
    const count = 2000;
    const lines = (line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join("");
    const netscape = `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n${lines((i) => `<DT><A HREF="https://www.example.nl/${i}">Artikel ${i}</A>\n`)}</DL>\n`;
    const csvText = `url,title\n${lines((i) => `https://www.example.nl/${i},Artikel ${i}\n`)}`;
    // Where the parser has read to when it can hand on link i (the files are ASCII: a character is a byte).
    // A bookmark waits for the end of the next one (a <DD> note may still come); a CSV row for its piece's end.
    const files = [
      { format: "netscape", text: netscape, knownAt: (i: number) => netscape.indexOf("</A>", netscape.indexOf(`/${i + 1}"`)) + 3 },
      { format: "csv", text: csvText, knownAt: (i: number) => csvText.indexOf("\n", csvText.indexOf(`/${i},`)) },
    ];
    for (const { format, text, knownAt } of files) {
      const source = bytesSource(strToU8(text));
      let piecesRead = 0;
      const counted = {
        ...source,
        *pieces() {
          for (const piece of source.pieces(1024)) {
            piecesRead++;
            yield piece;
          }
        },
      };
      const readWhenHandedOn = new Map<number, number>();
      for (const link of parseSource(counted).links) {
        const i = Number(link.url.slice(link.url.lastIndexOf("/") + 1));
        if (i === 0 || i === 1000) readWhenHandedOn.set(i, piecesRead);
      }
      const piecesTo = (offset: number) => Math.floor(offset / 1024) + 1;
      expect({ format, readWhenHandedOn: Object.fromEntries(readWhenHandedOn), total: piecesRead }).toEqual({
        format,
        readWhenHandedOn: { 0: piecesTo(knownAt(0)), 1000: piecesTo(knownAt(1000)) },
        total: Math.ceil(text.length / 1024),
      });
    }
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

  it("reads a link whose text runs on for 20 MB, and a < that waits 20 MB for its >, keeping what it can use", () => {
    const endless = "y".repeat(20 * 1024 * 1024);
    const runOn = parseImport(strToU8(`<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><DT><A HREF="https://lang.example.nl/">${endless}</A></DL>`));
    expect(runOn.links).toEqual([{ url: "https://lang.example.nl/", title: "y".repeat(500), folder: [], tags: [], note: null, addedAt: null }]);
    const unclosed = parseImport(strToU8(`<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><DT><${endless}\n<DT><A HREF="https://na-de-rommel.example.nl/">Na de rommel</A></DL>`));
    expect(unclosed.links.map((link) => link.url)).toEqual(["https://na-de-rommel.example.nl/"]);
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
