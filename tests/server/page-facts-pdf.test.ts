import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";
import { startSite, type Site } from "../support/page-facts-site";

// A PDF is not parsed: it gets what the extension says of a PDF tab, titled by the document's own
// information dictionary when its bytes give one, else by its file name.

/** A small PDF whose trailer points at an Info dictionary holding `info`, with a stream of `filler` bytes before it. */
function pdf(info: string | null, filler = 0): Buffer {
  const parts = [
    "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Outlines 4 0 R >>\nendobj\n",
    "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n",
    // A bookmark has a /Title too: it is not the document's.
    "4 0 obj\n<< /Title (Hoofdstuk 1) /Count 0 >>\nendobj\n",
    `5 0 obj\n<< /Length ${filler} >>\nstream\n${"x".repeat(filler)}\nendstream\nendobj\n`,
    info === null ? "" : `3 0 obj\n<< /Producer (LibreOffice 7.6) ${info} /Author (SLO) >>\nendobj\n`,
    `trailer\n<< /Root 1 0 R ${info === null ? "" : "/Info 3 0 R "}/Size 6 >>\nstartxref\n0\n%%EOF\n`,
  ];
  return Buffer.from(parts.join(""), "latin1");
}

const utf16Hex = (text: string) => `FEFF${Buffer.from(text, "utf16le").swap16().toString("hex").toUpperCase()}`;


let server: TestServer;
let site: Site;

beforeAll(async () => {
  const serve = (body: Buffer) => (_req: unknown, res: import("node:http").ServerResponse) =>
    void res.writeHead(200, { "Content-Type": "application/pdf", "Content-Length": String(body.length) }).end(body);
  site = await startSite({
    "/documenten/handreiking.pdf": serve(pdf("/Title (Handreiking NT2 in de klas \\(2024\\))")),
    "/documenten/meertalig.pdf": serve(pdf(`/Title <${utf16Hex("Meertaligheid – een handreiking voor de bovenbouw")}>`)),
    "/documenten/lesbrief-meertaligheid.pdf": serve(pdf(null)),
    "/download": serve(pdf("/Title (Protocol nieuwkomers)")),
    "/documenten/te-groot.pdf": serve(pdf("/Title (Te groot)", 3 * 1024 * 1024)),
  });
  server = await startTestServer({ pageFetchAllowHosts: ["127.0.0.1"], pageFetch: { maxPdfBytes: 2 * 1024 * 1024 } });
});
afterAll(async () => {
  await server.stop();
  await site.close();
});

const facts = (url: string) => server.api("POST", "/api/v1/pages/facts", { token: server.adminToken, body: { url } });
/** What the extension says of a PDF tab: its address, a title, the site's usual icon, nothing more. */
const pdfPage = (url: string, title: string) => ({
  url,
  title,
  kind: "document",
  language: null,
  text: null,
  quote: null,
  meta: { siteName: null, author: null, publishedAt: null, imageUrl: null, faviconUrl: site.url("/favicon.ico"), excerpt: null, canonicalUrl: null, video: null },
  keywords: [],
  headings: [],
});

describe("POST /api/v1/pages/facts on a PDF", () => {
  it("titles it with the /Title of its information dictionary, escapes read", async () => {
    const url = site.url("/documenten/handreiking.pdf");
    const res = await facts(url);
    expect([res.status, res.body]).toEqual([200, { page: pdfPage(url, "Handreiking NT2 in de klas (2024)") }]);
  });

  it("reads a title written as UTF-16 in hexadecimal", async () => {
    const res = await facts(site.url("/documenten/meertalig.pdf"));
    expect(res.body.page.title).toBe("Meertaligheid – een handreiking voor de bovenbouw");
  });

  it("falls back to the file name when the PDF has no information dictionary", async () => {
    const url = site.url("/documenten/lesbrief-meertaligheid.pdf");
    const res = await facts(url);
    expect([res.status, res.body]).toEqual([200, { page: pdfPage(url, "lesbrief-meertaligheid") }]);
  });

  it("knows a document by its Content-Type when the address does not end in .pdf", async () => {
    const url = site.url("/download");
    const res = await facts(url);
    expect([res.status, res.body]).toEqual([200, { page: pdfPage(url, "Protocol nieuwkomers") }]);
  });

  it("refuses a PDF over its own size limit on the Content-Length", async () => {
    const res = await facts(site.url("/documenten/te-groot.pdf"));
    expect([res.status, res.body.error.reason, res.body.error.message]).toEqual([422, "too_large", "The page is larger than 2 MB; Knooppunt stopped reading it."]);
  });
});
