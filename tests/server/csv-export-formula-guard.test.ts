import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvField } from "../../server/services/privacy/export-formats";
import { startTestServer, type TestServer } from "../support/server";

// Our CSV export puts an apostrophe before a field a spreadsheet would run as a formula; reading our own
// CSV back takes it off again, so a title starting with "-" or "=" survives the round trip as written.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const upload = async (csv: string) => {
  const res = await fetch(`${server.url}/api/v1/imports`, { method: "POST", headers: { Authorization: `Bearer ${server.adminToken}`, "Content-Type": "text/csv" }, body: csv });
  expect(res.status).toBe(201);
  return ((await res.json()) as { import: { format: string; review: { sample: { url: string; title: string }[] } } }).import;
};

describe("reading back a CSV that Knooppunt exported", () => {
  it("takes off the apostrophe the export put before a formula-like title", async () => {
    const rows = [
      ["url", "title", "folder", "tags", "note", "added_at"],
      ["https://www.voorbeeld.nl/a", "-werkt niet in groep 3", "", "", "", ""],
      ["https://www.voorbeeld.nl/b", "=som van de klas", "", "", "", ""],
      ["https://www.voorbeeld.nl/c", "'gewoon tussen aanhalingstekens'", "", "", "", ""],
    ];
    const job = await upload(rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n");
    expect(job.format).toBe("csv");
    expect(job.review.sample.map((s) => [s.url, s.title])).toEqual([
      ["https://www.voorbeeld.nl/a", "-werkt niet in groep 3"],
      ["https://www.voorbeeld.nl/b", "=som van de klas"],
      ["https://www.voorbeeld.nl/c", "'gewoon tussen aanhalingstekens'"],
    ]);
  });
});
