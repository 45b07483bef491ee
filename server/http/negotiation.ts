/** What a client asks for: a page for people, or the contract's JSON for programs. */
const QVALUE = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/;

/**
 * Whether the client asks for a page: text/html named in Accept with a valid, non-zero weight (as every
 * browser's navigation does). A range with a malformed weight (`q=9`, `q=foo`) is no request at all.
 */
export function acceptsHtml(accept: string | undefined): boolean {
  return (accept ?? "").split(",").some((range) => {
    const [type = "", ...params] = range.split(";").map((part) => part.trim().toLowerCase());
    if (type !== "text/html" && type !== "application/xhtml+xml") return false;
    const q = params.find((p) => p.startsWith("q="))?.slice(2);
    return q === undefined || (QVALUE.test(q) && Number(q) > 0);
  });
}
