import type { OpenAPIV3_1 } from "openapi-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

// A clip or an edit whose note, quote or page text looks like pupil data is saved all the same, and the
// answer says what and where, so the web app and other clients can warn as the extension does.

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

const v1 = (token: string) => server.client(token).api.v1;

describe("POST /api/v1/items with pupil data", () => {
  it("saves the clip as asked (201) and warns per field with the offsets in the saved text", async () => {
    const note = "  Voor Daan, BSN 926851974 — bespreken met IB.  ";
    const saved = await reply(
      v1(net.people.anna.token).items.$post({
        json: {
          url: "https://www.example.nl/zorgplan-groep-6",
          title: "Zorgplan groep 6",
          note,
          quote: "Sanne (geb. 12-03-2014) is nieuw in de groep.",
          text: "Contact: bel de moeder van Noor op 06-12345678 of mail de school.",
          visibility: "private",
        },
      }),
    );
    expect(saved.status).toBe(201);
    // The note is stored trimmed: the offsets are in the note as the save shows it.
    expect(saved.body.item.mySave?.note).toBe("Voor Daan, BSN 926851974 — bespreken met IB.");
    expect(saved.body.warnings).toEqual([
      { field: "note", kind: "bsn", start: 15, end: 24 },
      { field: "quote", kind: "birthDate", start: 12, end: 22 },
      { field: "text", kind: "phone", start: 35, end: 46 },
    ]);
    expect(saved.body.item.mySave?.note.slice(15, 24)).toBe("926851974");
    const stored = await reply(v1(net.people.anna.token).items[":id"].$get({ param: { id: saved.body.item.id } }));
    expect(stored.body.item.mySave?.quote).toBe("Sanne (geb. 12-03-2014) is nieuw in de groep.");
  });

  it("warns on a second clip of a known URL too (200, existing), and leaves the field out when nothing looks like pupil data", async () => {
    const url = "https://www.example.nl/taalbeleid";
    const first = await reply(v1(net.people.anna.token).items.$post({ json: { url, note: "Artikelnummer 123456782 bestellen; ISBN 0-306-40615-2." } }));
    expect(first.status).toBe(201);
    expect(first.body).not.toHaveProperty("warnings");
    const again = await reply(v1(net.people.anna.token).items.$post({ json: { url, note: "llnr. 1234567 heeft dit nodig" } }));
    expect(again.status).toBe(200);
    expect(again.body.existing).toBe(true);
    expect(again.body.warnings).toEqual([{ field: "note", kind: "studentNumber", start: 6, end: 13 }]);
  });
});

describe("PATCH /api/v1/items/:id with pupil data", () => {
  it("changes the save and warns about what its note and quote now hold, and stops warning once it is removed", async () => {
    const created = await reply(v1(net.people.bram.token).items.$post({ json: { url: "https://www.example.nl/oudergesprek", quote: "Oudergesprek voorbereiden" } }));
    const id = created.body.item.id;
    const edited = await reply(v1(net.people.bram.token).items[":id"].$patch({ param: { id }, json: { note: "Vader van Thijs: 010-4567890" } }));
    expect(edited.status).toBe(200);
    expect(edited.body.item.mySave?.note).toBe("Vader van Thijs: 010-4567890");
    expect(edited.body.warnings).toEqual([{ field: "note", kind: "phone", start: 17, end: 28 }]);
    const cleaned = await reply(v1(net.people.bram.token).items[":id"].$patch({ param: { id }, json: { note: "Vader bellen over de overgang" } }));
    expect(cleaned.status).toBe(200);
    expect(cleaned.body).not.toHaveProperty("warnings");
  });
});

describe("the OpenAPI document", () => {
  it("describes warnings on the clip and on the edit of one's own save", async () => {
    const res = await server.api<OpenAPIV3_1.Document>("GET", "/api/v1/openapi.json");
    const schemaOf = (path: string, method: "post" | "patch", status: string) => {
      const response = res.body.paths?.[path]?.[method]?.responses?.[status] as OpenAPIV3_1.ResponseObject;
      return JSON.stringify(response.content?.["application/json"]?.schema);
    };
    for (const [path, method, status] of [["/api/v1/items", "post", "201"], ["/api/v1/items", "post", "200"], ["/api/v1/items/{id}", "patch", "200"]] as const) {
      const schema = schemaOf(path, method, status);
      expect(schema, `${method} ${path} ${status}`).toContain('"warnings"');
      expect(schema).toContain('"enum":["note","quote","text"]');
      expect(schema).toContain('"enum":["bsn","studentNumber","birthDate","phone"]');
    }
  });
});
