/**
 * Netscape bookmark HTML, what every browser exports (and Raindrop, Pocket, Karakeep and Linkwarden too):
 * `<DL>` lists of `<DT><H3>folder</H3>` and `<DT><A HREF ADD_DATE TAGS>title</A>`, an optional `<DD>` note
 * after a link. Read with one pass over the tags and an explicit folder stack, never recursion: a file
 * nested a million `<DL>`s deep costs a million small array entries, not the stack.
 */
import { decodeEntities } from "../../../../shared/extract/values";
import { cleanFolder, cleanTags, cleanText, dateFrom, IMPORT_LIMITS, tooManyLinks, type ImportedLink, type ParsedImport } from "./links";
import { atMost, detached } from "./source";

const TAG_NAME = /^\s*(\/?)\s*([a-zA-Z][a-zA-Z0-9]*)/;
// An unclosed quote runs to the end of the tag (`"?`): failing there would make every later `name="` scan again.
const ATTRIBUTE = /(?<![a-zA-Z_:-])([a-zA-Z_:-]{1,40})\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s"'>]+))/g;

function attributes(source: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) {
    found.set(match[1]!.toLowerCase(), decodeEntities(match[2] ?? match[3] ?? match[4] ?? ""));
  }
  return found;
}

interface Tag {
  closing: boolean;
  name: string;
  attrs: string;
  start: number;
  end: number;
}

/**
 * The file's text from `base` on: what is still needed of what was read. Offsets are the file's own
 * (in characters), so the parser slices text the same way however the file came in pieces. What it keeps
 * is bounded (a tag waits for its `>` at most TAG_MAX characters, an open text is cut at OPEN_TEXT_MAX),
 * so adding a piece copies at most that much: reading stays linear in the file's length.
 */
class TextWindow {
  private text = "";
  private base = 0;
  private done = false;

  constructor(private readonly pieces: Iterator<string>) {}

  /** Reads the next piece; false at the end of the file. */
  more(): boolean {
    if (this.done) return false;
    const next = this.pieces.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    this.text += next.value;
    return true;
  }

  /** Stops reading: the file's pieces are let go (a file read from disk is closed). */
  close() {
    if (!this.done) this.pieces.return?.();
    this.done = true;
  }

  get end() {
    return this.base + this.text.length;
  }

  indexOf(search: string, from: number): number {
    const at = this.text.indexOf(search, Math.max(0, from - this.base));
    return at === -1 ? -1 : at + this.base;
  }

  /** The last `search` at or after `from`, looking only there. */
  lastIndexOfFrom(search: string, from: number): number {
    let last = -1;
    for (let at = this.indexOf(search, from); at !== -1; at = this.indexOf(search, at + 1)) last = at;
    return last;
  }

  slice(from: number, to: number): string {
    return this.text.slice(from - this.base, to - this.base);
  }

  /** Lets go of the text before `offset`: nothing before it is read again. */
  forget(offset: number) {
    const cut = Math.min(offset, this.end) - this.base;
    if (cut <= 0) return;
    this.text = this.text.slice(cut);
    this.base += cut;
  }
}

/** The longest tag waited for: past it a `<` is text. A bookmark's icon as a data: address is ~10–100 KB. */
const TAG_MAX = 1024 * 1024;

/**
 * The tags of a document, in order. A regular expression would look for the end of every `<` again, which
 * is quadratic on a file of `<a<a<a…`; here the next `<` and `>` are each found once and reused, so any
 * input is read in linear time. A `<` followed by another before any `>`, or by no `>` within TAG_MAX,
 * is text. Text before the tag in hand is forgotten unless the parser still needs it (`keepFrom`).
 */
function* tagsOf(window: TextWindow, keepFrom: () => number): Generator<Tag> {
  let position = 0;
  let nextGt = -1;
  for (;;) {
    let lt = window.indexOf("<", position);
    while (lt === -1) {
      // No tag starts in what was read: all of it is text.
      position = window.end;
      window.forget(Math.min(position, keepFrom()));
      if (!window.more()) return;
      lt = window.indexOf("<", position);
    }
    if (nextGt <= lt) {
      nextGt = window.indexOf(">", lt + 1);
      while (nextGt === -1) {
        // No `>` after it yet: every `<` but the last one read is followed by another first, so is text;
        // one waiting longer than any tag is text too.
        const seen = window.end;
        lt = Math.max(lt, window.lastIndexOfFrom("<", lt + 1));
        if (seen - lt > TAG_MAX) {
          position = lt + 1;
          break;
        }
        window.forget(Math.min(lt, keepFrom()));
        if (!window.more()) return;
        nextGt = window.indexOf(">", seen);
      }
      if (nextGt === -1) continue;
    }
    const following = window.indexOf("<", lt + 1);
    if (following !== -1 && following < nextGt) {
      position = following;
      continue;
    }
    const inside = window.slice(lt + 1, nextGt);
    position = nextGt + 1;
    const name = TAG_NAME.exec(inside);
    if (!name) continue;
    yield { closing: name[1] === "/", name: name[2]!.toLowerCase(), attrs: inside.slice(name[0].length), start: lt, end: nextGt + 1 };
  }
}

const plain = (html: string) => decodeEntities(html.replace(/<[^<>]*>/g, ""));

export function looksLikeNetscape(text: string): boolean {
  const head = text.slice(0, 2048).toUpperCase();
  return head.includes("NETSCAPE-BOOKMARK-FILE") || (head.includes("<DL") && head.includes("<DT"));
}

/** Lists without a heading take a place on the stack but not in the path: look this far down for 32 names. */
const PATH_WINDOW = IMPORT_LIMITS.folderDepth * 4;

/**
 * The text of an open heading, link or note is kept from where it starts until it ends; past this many
 * characters only its start is kept (a title keeps 500 characters, a note 10,000, after their tags are
 * taken out), so an unclosed note does not hold the rest of the file.
 */
const OPEN_TEXT_MAX = 256 * 1024;

/** What is being read: a heading or link whose text runs to its closing tag, or a link's <DD> note. */
interface OpenText {
  kind: "h3" | "a" | "dd";
  from: number;
  attrs?: Map<string, string>;
  /** Its first OPEN_TEXT_MAX characters, once it grew past them. */
  cut?: string;
}

/**
 * The links of a bookmark file read in pieces, each handed on once nothing after it can change it (a
 * <DD> note may follow a link until the next entry or list).
 */
function* netscapeLinks(pieces: Iterable<string>): Generator<ImportedLink> {
  const window = new TextWindow(pieces[Symbol.iterator]());
  // One entry per open <DL>: the folder it belongs to, or null for a list without a heading.
  const stack: (string | null)[] = [];
  let path: string[] = [];
  let pendingFolder: string | null = null;
  let open: OpenText | null = null;
  let lastLink: ImportedLink | null = null;

  const currentPath = () => cleanFolder(stack.slice(0, PATH_WINDOW).filter((name): name is string => name !== null));
  // An open text is cut once the window holds more of it than it can use, at a tag or while reading on.
  const cutLongText = (upTo: number) => {
    if (open && open.cut === undefined && upTo - open.from > OPEN_TEXT_MAX) open.cut = window.slice(open.from, open.from + OPEN_TEXT_MAX);
  };
  const keepFrom = () => {
    cutLongText(window.end);
    return open && open.cut === undefined ? open.from : Infinity;
  };
  const textOf = (text: OpenText, to: number) => plain(text.cut ?? window.slice(text.from, to));

  try {
    for (const tag of tagsOf(window, keepFrom)) {
      const { closing, name } = tag;
      const at = tag.start;
      cutLongText(at);
      if (open?.kind === "dd" && (name === "dt" || name === "dl" || name === "h3" || name === "a" || name === "dd")) {
        if (lastLink) lastLink.note = cleanText(textOf(open, at), IMPORT_LIMITS.noteChars);
        open = null;
      }
      if (open && (open.kind === "h3" || open.kind === "a")) {
        // An unclosed heading or link ends where the next entry or list starts, so it cannot swallow the file.
        const structural = name === "dt" || name === "dl";
        if (!(closing && name === open.kind) && !structural) continue;
        const text = textOf(open, at);
        // Kept for every link in the folder: a copy, not a view of the piece of file it was read from.
        if (open.kind === "h3") pendingFolder = detached(text);
        else {
          if (lastLink) yield lastLink;
          const attrs = open.attrs!;
          lastLink = {
            url: (attrs.get("href") ?? "").trim(),
            title: cleanText(text, IMPORT_LIMITS.titleChars),
            folder: path,
            tags: cleanTags((attrs.get("tags") ?? "").split(",")),
            note: null,
            addedAt: dateFrom(attrs.get("add_date")),
          };
        }
        open = null;
        if (!structural) continue;
      }
      if (name === "dl") {
        if (closing) stack.pop();
        else {
          stack.push(pendingFolder);
          pendingFolder = null;
        }
        // Lists deeper than the kept path change nothing of it: a million-deep file is not walked a million times.
        if (stack.length <= PATH_WINDOW) path = currentPath();
        if (lastLink) yield lastLink;
        lastLink = null;
      } else if (!closing && name === "h3") {
        open = { kind: "h3", from: tag.end };
      } else if (!closing && name === "a") {
        const attrs = attributes(tag.attrs);
        // Firefox's exports name live feeds and separators with other tags; only links with an address count.
        if (attrs.has("href")) open = { kind: "a", from: tag.end, attrs };
      } else if (!closing && name === "dd" && lastLink) {
        open = { kind: "dd", from: tag.end };
      }
    }
    if (open?.kind === "dd" && lastLink) lastLink.note = cleanText(textOf(open, window.end), IMPORT_LIMITS.noteChars);
    if (lastLink) yield lastLink;
  } finally {
    // Also when the reader stops early (a refused file, too many links): the file is let go.
    window.close();
  }
}

/** A bookmark file, read a piece of text at a time. */
export function parseNetscape(pieces: Iterable<string>): ParsedImport {
  return { format: "netscape", links: atMost(netscapeLinks(pieces), IMPORT_LIMITS.links, tooManyLinks), files: [] };
}
