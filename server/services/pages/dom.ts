/**
 * An HTML document for shared/extract on the server. linkedom rather than jsdom: it parses a few
 * megabytes in a fraction of the time and memory, runs no scripts and loads nothing, and Readability
 * and the extractor find in it everything they use in a browser.
 *
 * All but one thing: linkedom 0.18's Node.compareDocumentPosition compares depths, not places in the
 * document (a text node before a <video> but nested one level deeper is reported as following it), so
 * the extractor's "is the clip near the top of the page" rule (shared/extract/media.ts mainMedia) would
 * call every such page an article. It is replaced here, once, by the DOM standard's algorithm; a test
 * comparing linkedom's facts with jsdom's on the same fixtures keeps watch for the next difference.
 */
import { parseHTML } from "linkedom";

const PRECEDING = 0x02;
const FOLLOWING = 0x04;
const CONTAINS = 0x08;
const CONTAINED_BY = 0x10;
const DISCONNECTED = 0x01 | 0x20; // with IMPLEMENTATION_SPECIFIC, as browsers answer

function ancestry(node: Node): Node[] {
  const chain: Node[] = [];
  for (let at: Node | null = node; at; at = at.parentNode) chain.push(at);
  return chain.reverse();
}

/** Where `other` stands relative to `this`, per https://dom.spec.whatwg.org/#dom-node-comparedocumentposition (attributes aside). */
function compareDocumentPosition(this: Node, other: Node): number {
  if (this === other) return 0;
  const mine = ancestry(this);
  const theirs = ancestry(other);
  if (mine[0] !== theirs[0]) return DISCONNECTED | FOLLOWING;
  let depth = 0;
  while (depth < mine.length && depth < theirs.length && mine[depth] === theirs[depth]) depth++;
  if (depth === mine.length) return CONTAINED_BY | FOLLOWING;
  if (depth === theirs.length) return CONTAINS | PRECEDING;
  // Siblings under the deepest common ancestor: whichever comes first in it comes first in the document.
  for (let sibling = mine[depth]!.nextSibling; sibling; sibling = sibling.nextSibling) {
    if (sibling === theirs[depth]) return FOLLOWING;
  }
  return PRECEDING;
}

function repairNodePrototype() {
  const { document } = parseHTML("<!DOCTYPE html><html><body></body></html>");
  let prototype: object | null = Object.getPrototypeOf(document);
  while (prototype && !Object.prototype.hasOwnProperty.call(prototype, "compareDocumentPosition")) prototype = Object.getPrototypeOf(prototype);
  if (prototype) Object.defineProperty(prototype, "compareDocumentPosition", { value: compareDocumentPosition, configurable: true, writable: true });
}
repairNodePrototype();

export function parsePageHtml(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}
