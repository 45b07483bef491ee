/**
 * One export written as CSV (Knooppunt's documented import header first, so the file imports back), as
 * a Netscape bookmark file (themes as folders, which every browser imports) and as OPML (the feeds
 * followed, for any feed reader). The JSON file is the export itself (collect.ts).
 */
import type { KnooppuntExport } from "../../../shared/schemas";
import type { ServiceContext } from "../../core/context";
import { escapeXml } from "../feeds/writer";
import { bookmarkFile, csvField } from "../privacy/export-formats";
import { themeIndex } from "../taxonomy/theme-index";

/** A link as the flat formats write it: where it sits, what it carries. */
interface Row {
  url: string;
  title: string;
  folder: string[];
  tags: string[];
  themes: string[];
  note: string;
  kind: string;
  addedAt: string | null;
  updatedAt: string | null;
  circle: { visibility: string; school: string; community: string } | null;
}

/** The import's own header first (csv-exports.ts reads these six and ignores the rest), then what else a save holds. */
const CSV_COLUMNS = ["url", "title", "folder", "tags", "note", "added_at", "themes", "kind", "visibility", "school", "community", "updated_at"] as const;

/** A theme as a folder path: its parents' Dutch names above its own, as the taxonomy nests them. */
function themePath(ctx: ServiceContext, slug: string | undefined): string[] {
  if (!slug) return [];
  const index = themeIndex(ctx);
  const path: string[] = [];
  for (let at: string | null = slug; at && path.length < 32; at = index.bySlug.get(at)?.parent ?? null) {
    const theme = index.bySlug.get(at);
    path.unshift(theme ? theme.name.nl : at);
  }
  return path;
}

/**
 * A person's saves sit in the folder of their first theme (a link in two folders would be two bookmarks
 * to every browser); all their themes stay in the tags. A bundle's items sit in a folder named after it.
 */
function rowsOf(ctx: ServiceContext, data: KnooppuntExport): Row[] {
  const rows: Row[] = data.saves.map((s) => ({
    url: s.url,
    title: s.title,
    folder: themePath(ctx, s.themes[0]),
    tags: s.tags,
    themes: s.themes,
    note: s.note,
    kind: s.kind,
    addedAt: s.createdAt,
    updatedAt: s.updatedAt,
    circle: { visibility: s.circle.visibility, school: s.circle.schoolName ?? "", community: s.circle.communityName ?? "" },
  }));
  for (const bundle of data.bundles) {
    for (const item of bundle.items) {
      rows.push({ url: item.url, title: item.title, folder: [bundle.title], tags: [], themes: item.themes, note: item.note, kind: item.kind, addedAt: null, updatedAt: null, circle: null });
    }
  }
  return rows;
}

export function exportAsCsv(ctx: ServiceContext, data: KnooppuntExport): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of rowsOf(ctx, data)) {
    // Folder names hold no "/" of their own in the file: the import splits the path on it.
    const folder = r.folder.map((name) => name.replace(/\//g, "-")).join("/");
    const cells = [r.url, r.title, folder, r.tags.join(","), r.note, r.addedAt ?? "", r.themes.join(","), r.kind, r.circle?.visibility ?? "", r.circle?.school ?? "", r.circle?.community ?? "", r.updatedAt ?? ""];
    lines.push(cells.map(csvField).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

interface Folder {
  name: string;
  folders: Map<string, Folder>;
  links: Row[];
}

const seconds = (iso: string | null) => (iso ? String(Math.floor(Date.parse(iso) / 1000)) : null);

function writeFolder(folder: Folder, depth: number, out: string[]) {
  const pad = "    ".repeat(depth);
  for (const r of folder.links) {
    // TAGS is how Firefox, Raindrop, Karakeep and Linkwarden keep tags; themes go in as their slugs.
    const tags = [...new Set([...r.themes, ...r.tags])];
    const added = seconds(r.addedAt);
    const modified = seconds(r.updatedAt);
    out.push(
      `${pad}<DT><A HREF="${escapeXml(r.url)}"${added ? ` ADD_DATE="${added}"` : ""}${modified ? ` LAST_MODIFIED="${modified}"` : ""}${tags.length ? ` TAGS="${escapeXml(tags.join(","))}"` : ""}>${escapeXml(r.title || r.url)}</A>`,
    );
    if (r.note) out.push(`${pad}<DD>${escapeXml(r.note)}`);
  }
  for (const child of folder.folders.values()) {
    out.push(`${pad}<DT><H3>${escapeXml(child.name)}</H3>`, `${pad}<DL><p>`);
    writeFolder(child, depth + 1, out);
    out.push(`${pad}</DL><p>`);
  }
}

export function exportAsBookmarks(ctx: ServiceContext, data: KnooppuntExport, title: string): string {
  const root: Folder = { name: "", folders: new Map(), links: [] };
  for (const row of rowsOf(ctx, data)) {
    let at = root;
    for (const name of row.folder) {
      let next = at.folders.get(name);
      if (!next) at.folders.set(name, (next = { name, folders: new Map(), links: [] }));
      at = next;
    }
    at.links.push(row);
  }
  const out: string[] = [];
  writeFolder(root, 1, out);
  return bookmarkFile(title, out);
}

const SECRET_NOTICE =
  "Let op: het adres van de schoolfeed bevat een geheime sleutel. Wie dit bestand heeft, leest de feed van de school. " +
  "Deel het niet; is het toch gedeeld, vernieuw dan het adres (Abonnementen, Nieuw adres). / " +
  "Note: the school feed's address carries a secret token. Whoever has this file reads the school's feed. " +
  "Do not share it; if it was shared, replace the address (Subscriptions, New address).";

/** Comments must not hold "--"; nothing else in a notice needs escaping there. */
const comment = (text: string) => `<!-- ${text.replace(/-{2,}/g, "-")} -->`;

export function exportAsOpml(data: KnooppuntExport, title: string): string {
  const secret = data.feeds.some((f) => f.carriesSecret);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  if (secret) out.push(comment(SECRET_NOTICE));
  out.push('<opml version="2.0">', "  <head>", `    <title>${escapeXml(title)}</title>`, `    <dateCreated>${new Date(data.exportedAt).toUTCString()}</dateCreated>`);
  if (secret) out.push(`    ${comment(SECRET_NOTICE)}`);
  out.push("  </head>", "  <body>");
  for (const feed of data.feeds) {
    if (feed.carriesSecret) out.push(`    ${comment("Geheim adres / secret address")}`);
    out.push(`    <outline type="rss" version="ATOM" text="${escapeXml(feed.title)}" title="${escapeXml(feed.title)}" xmlUrl="${escapeXml(feed.url)}"/>`);
  }
  out.push("  </body>", "</opml>");
  return `${out.join("\n")}\n`;
}
