import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../server/db/schema";
import { PERSONAL_DATA } from "../../server/services/privacy/registry";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ retention: { sessionDays: 45, apiTokenDays: 200, deliveryLogDays: 14 } });
});
afterAll(() => server.stop());

const schemaColumns = () =>
  Object.fromEntries(
    (Object.values(schema) as unknown[])
      .filter((value): value is SQLiteTable => value instanceof SQLiteTable)
      .map((table) => {
        const config = getTableConfig(table);
        return [config.name, config.columns.map((c) => c.name).sort()];
      }),
  );

describe("the register of personal data", () => {
  it("names every column of every table in the schema, as personal data with a purpose or as not personal", () => {
    const registered = Object.fromEntries(Object.entries(PERSONAL_DATA).map(([table, e]) => [table, [...Object.keys(e.personal), ...e.other].sort()]));
    expect(registered).toEqual(schemaColumns());
  });

  it("marks what says who a person is as personal data", () => {
    const personal = (table: string) => Object.keys(PERSONAL_DATA[table]!.personal);
    expect(personal("users")).toEqual(expect.arrayContaining(["name", "display_name", "email", "password_hash"]));
    expect(personal("saves")).toEqual(expect.arrayContaining(["user_id", "note", "quote"]));
    expect(personal("tokens")).toEqual(expect.arrayContaining(["user_id", "name", "last_used_at"]));
  });
});

describe("/privacy", () => {
  it("shows the register in Dutch with the installation's retention settings, without scripts and under the pages' CSP", async () => {
    const res = await fetch(`${server.url}/privacy`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    const page = await res.text();
    expect(page).toContain('<html lang="nl">');
    expect(page).toContain("<h1>Privacy: welke gegevens Knooppunt over jou bewaart</h1>");
    expect(page).toContain("Tot je je afmeldt, of 45 dagen ongebruikt (API-sleutels: 200 dagen).");
    expect(page).toContain("14 dagen na verzending.");
    expect(page).toContain("<code>password_hash</code>");
    expect(page).not.toMatch(/<script/i);
  });

  it("speaks English when asked", async () => {
    const page = await (await fetch(`${server.url}/privacy?lang=en`)).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain("Until you sign out, or 45 days unused (API tokens: 200 days).");
  });
});
