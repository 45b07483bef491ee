/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import { raw } from "hono/html";
import { cleanText } from "../services/feeds/writer";

/** The shell of every server-rendered page: language, social previews, and a stylesheet that prints well. */
/** Only http(s) addresses become links and images on a page: never a `javascript:` or `data:` one. */
export const httpOnly = (url: string | null | undefined) => (url && /^https?:\/\//i.test(url) ? url : null);

export interface PageMeta {
  lang: "nl" | "en";
  title: string;
  description?: string;
  /** Absolute URL of the page, for og:url and the canonical link. */
  url?: string;
  image?: string | null;
  /** Extra <link> elements, e.g. feeds as rel=alternate. */
  alternates?: { type: string; title: string; href: string }[];
}

const STYLE = `
:root { --green: #1f7a4d; --ink: #1d2520; --muted: #55615a; --line: #d5ddd8; color: var(--ink); font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; }
body { margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
body > header { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 0; }
a { color: #155c39; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 0.5rem; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 0.5rem; }
.muted { color: var(--muted); }
.chips { display: flex; flex-wrap: wrap; gap: 0.35rem; padding: 0; list-style: none; }
.chips li { border: 1px solid var(--line); border-radius: 999px; padding: 0.1rem 0.6rem; font-size: 0.85rem; }
.entry { border-top: 1px solid var(--line); padding: 1rem 0; display: grid; grid-template-columns: 1fr auto; gap: 1rem; }
.entry img { width: 8rem; height: auto; border-radius: 6px; }
.thumb { display: block; width: 8rem; height: 5rem; border-radius: 6px; overflow: hidden; background: #e8ece9; }
.entry .thumb img { display: block; width: 100%; height: 100%; object-fit: cover; border-radius: 0; }
.note { background: #eef6f1; border-left: 4px solid var(--green); padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
.brand { font-weight: 700; color: var(--green); text-decoration: none; }
.tree { list-style: none; padding: 0; }
.tree > li { border-top: 1px solid var(--line); padding: 0.75rem 0; }
.tree h3 { margin: 0 0 0.25rem; font-size: 1.05rem; }
.tree ul.sub { list-style: none; padding-left: 1rem; border-left: 3px solid var(--line); }
.tree ul.sub > li { margin: 0.35rem 0; }
.tree .chips { display: inline-flex; margin: 0.25rem 0; vertical-align: middle; }
.visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
@media print {
  :root { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  nav, body > header, .no-print { display: none !important; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.8em; color: #444; word-break: break-all; }
  .entry { break-inside: avoid; }
  .entry img { width: 5rem; }
  .thumb { width: 5rem; height: 3.125rem; }
}
`;

/** `header` goes before `main` as the page's banner (the brand and its navigation), outside the main content. */
export function Layout({ meta, header, children }: { meta: PageMeta; header?: Child; children: Child }) {
  const page = (
    <html lang={meta.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{meta.title}</title>
        {meta.description ? <meta name="description" content={meta.description} /> : null}
        <meta property="og:type" content="website" />
        <meta property="og:site_name" content="Knooppunt" />
        <meta property="og:title" content={meta.title} />
        {meta.description ? <meta property="og:description" content={meta.description} /> : null}
        {meta.url ? <meta property="og:url" content={meta.url} /> : null}
        {meta.url ? <link rel="canonical" href={meta.url} /> : null}
        {meta.image ? <meta property="og:image" content={meta.image} /> : null}
        <meta name="twitter:card" content={meta.image ? "summary_large_image" : "summary"} />
        {(meta.alternates ?? []).map((a) => (
          <link rel="alternate" type={a.type} title={a.title} href={a.href} />
        ))}
        <style>{raw(STYLE)}</style>
      </head>
      <body>
        {header ? <header>{header}</header> : null}
        <main>{children}</main>
      </body>
    </html>
  );
  // Titles, notes and theme names arrive with whatever the clipped page held. Control characters mean
  // nothing in them and are parse errors in HTML (a box on screen, noise in a screen reader): they are
  // left out of the whole page with the same rule as the feeds, so no field can be forgotten.
  return raw(cleanText(page.toString()));
}
