/**
 * Netscape bookmark HTML, what every browser exports (and Raindrop, Pocket, Karakeep and Linkwarden too):
 * `<DL>` lists of `<DT><H3>folder</H3>` and `<DT><A HREF ADD_DATE TAGS>title</A>`, an optional `<DD>` note
 * after a link. Read with one pass over the tags and an explicit folder stack, never recursion: a file
 * nested a million `<DL>`s deep costs a million small array entries, not the stack.
 */
import { decodeEntities } from "../../../../shared/extract/values";
import { cleanFolder, cleanTags, cleanText, dateFrom, IMPORT_LIMITS, pushLink, type ImportedLink, type ParsedImport } from "./links";

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
 * The tags of a document, in order. A regular expression would look for the end of every `<` again, which
 * is quadratic on a file of `<a<a<a…`; here the next `<` and `>` are each found once and reused, so any
 * input is read in linear time. A `<` followed by another before any `>` is text.
 */
function* tagsOf(html: string): Generator<Tag> {
  let position = 0;
  let nextGt = -1;
  while (position < html.length) {
    const lt = html.indexOf("<", position);
    if (lt === -1) return;
    if (nextGt <= lt) {
      nextGt = html.indexOf(">", lt + 1);
      if (nextGt === -1) return;
    }
    const following = html.indexOf("<", lt + 1);
    if (following !== -1 && following < nextGt) {
      position = following;
      continue;
    }
    const inside = html.slice(lt + 1, nextGt);
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

export function parseNetscape(html: string): ParsedImport {
  const links: ImportedLink[] = [];
  // One entry per open <DL>: the folder it belongs to, or null for a list without a heading.
  const stack: (string | null)[] = [];
  let path: string[] = [];
  let pendingFolder: string | null = null;
  // What is being read: a heading or link whose text runs to its closing tag, or a link's <DD> note.
  let open: { kind: "h3" | "a" | "dd"; from: number; attrs?: Map<string, string> } | null = null;
  let lastLink: ImportedLink | null = null;

  const currentPath = () => cleanFolder(stack.slice(0, PATH_WINDOW).filter((name): name is string => name !== null));

  for (const tag of tagsOf(html)) {
    const { closing, name } = tag;
    const at = tag.start;
    if (open?.kind === "dd" && (name === "dt" || name === "dl" || name === "h3" || name === "a" || name === "dd")) {
      if (lastLink) lastLink.note = cleanText(plain(html.slice(open.from, at)), IMPORT_LIMITS.noteChars);
      open = null;
    }
    if (open && (open.kind === "h3" || open.kind === "a")) {
      // An unclosed heading or link ends where the next entry or list starts, so it cannot swallow the file.
      const structural = name === "dt" || name === "dl";
      if (!(closing && name === open.kind) && !structural) continue;
      const text = plain(html.slice(open.from, at));
      if (open.kind === "h3") pendingFolder = text;
      else {
        const attrs = open.attrs!;
        lastLink = {
          url: (attrs.get("href") ?? "").trim(),
          title: cleanText(text, IMPORT_LIMITS.titleChars),
          folder: path,
          tags: cleanTags((attrs.get("tags") ?? "").split(",")),
          note: null,
          addedAt: dateFrom(attrs.get("add_date")),
        };
        pushLink(links, lastLink);
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
  if (open?.kind === "dd" && lastLink) lastLink.note = cleanText(plain(html.slice(open.from)), IMPORT_LIMITS.noteChars);
  return { format: "netscape", links, files: [] };
}
