import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { CreateItemRequest } from "../../shared/schemas";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let net: Awaited<ReturnType<typeof buildNetwork>>;

beforeAll(async () => {
  server = await startTestServer();
  net = await buildNetwork(server);
});
afterAll(() => server.stop());

const clip = (token: string, json: z.input<typeof CreateItemRequest>) => reply(server.client(token).api.v1.items.$post({ json }));
const v1 = (token?: string) => server.client(token).api.v1;
const lookup = (token: string, url: string) => reply(v1(token).items.lookup.$get({ query: { url } }));

describe("one item per normalised URL", () => {
  it("merges URL variants (tracking parameters, fragment, trailing slash, host case, canonical) into one item", async () => {
    const first = await clip(net.people.anna.token, {
      url: "https://www.lowan.nl/po/zachte-landing/",
      title: "Zachte landing voor nieuwkomers",
      themes: ["zachte-landing"],
      visibility: "network",
    });
    expect(first.status).toBe(201);
    expect(first.body.existing).toBeUndefined();
    const variants = [
      "https://WWW.LOWAN.NL/po/zachte-landing?utm_source=nieuwsbrief&utm_medium=email",
      "https://www.lowan.nl/po/zachte-landing#stap-2",
      "https://www.lowan.nl:443/po/zachte-landing/?fbclid=abc123",
    ];
    for (const url of variants) {
      const again = await clip(net.people.anna.token, { url });
      expect(again.status, url).toBe(200);
      expect(again.body.existing).toBe(true);
      expect(again.body.item.id).toBe(first.body.item.id);
    }
    const viaCanonical = await clip(net.people.anna.token, {
      url: "https://www.lowan.nl/po/nieuws?id=17",
      meta: { canonicalUrl: "https://www.lowan.nl/po/zachte-landing" },
    });
    expect(viaCanonical.body.item.id).toBe(first.body.item.id);
    const list = await reply(v1(net.people.anna.token).items.$get({ query: { savedBy: "me" } }));
    expect(list.body.items.filter((i) => i.id === first.body.item.id)).toHaveLength(1);
  });

  it("keeps pages of different sites apart even when one names the other as canonical", async () => {
    const a = await clip(net.people.anna.token, { url: "https://www.nji.nl/meertaligheid/thuistaal", visibility: "private" });
    const b = await clip(net.people.anna.token, {
      url: "https://kopie.voorbeeldsite.nl/thuistaal",
      meta: { canonicalUrl: "https://www.nji.nl/meertaligheid/thuistaal" },
      visibility: "private",
    });
    expect(b.status).toBe(201);
    expect(b.body.item.id).not.toBe(a.body.item.id);
    expect(b.body.item.canonicalUrl).toBe("https://www.nji.nl/meertaligheid/thuistaal");
  });

  it("adds a second person's save to the same item and counts the saves each caller can see", async () => {
    const url = "https://www.kennisnet.nl/artikel/taalbewust-lesgeven-in-de-praktijk/";
    const anna = await clip(net.people.anna.token, { url, title: "Taalbewust lesgeven in de praktijk", visibility: "network", note: "Bruikbaar voor de teamvergadering" });
    const chris = await clip(net.people.chris.token, { url, visibility: "school", note: "Alleen voor onze sectie" });
    // Chris could already see Anna's network save.
    expect(chris.status).toBe(200);
    expect(chris.body.existing).toBe(true);
    expect(chris.body.item.id).toBe(anna.body.item.id);
    expect(chris.body.item.saveCount).toBe(2);
    // Anna is in another school: Chris's school save is not hers to see.
    const seenByAnna = await reply(v1(net.people.anna.token).items[":id"].$get({ param: { id: anna.body.item.id } }));
    expect(seenByAnna.body.item.saveCount).toBe(1);
    expect(seenByAnna.body.item.mySave?.note).toBe("Bruikbaar voor de teamvergadering");
    expect(JSON.stringify(seenByAnna.body)).not.toContain("Alleen voor onze sectie");
    const seenByChris = await reply(v1(net.people.chris.token).items[":id"].$get({ param: { id: anna.body.item.id } }));
    expect(seenByChris.body.item.notes.map((n) => n.note)).toEqual(["Bruikbaar voor de teamvergadering"]);
    expect(seenByChris.body.item.mySave?.visibility).toBe("school");
  });

  it("does not reveal that someone outside the caller's circles saved the URL", async () => {
    const url = "https://www.nro.nl/onderzoek/geheim-concept";
    const first = await clip(net.people.bram.token, { url, title: "Concept", visibility: "private" });
    const second = await clip(net.people.chris.token, { url, title: "Concept" });
    expect(second.status).toBe(201);
    expect(second.body.existing).toBeUndefined();
    expect(second.body.item.saveCount).toBe(1);
    expect(second.body.item.id).toBe(first.body.item.id);
  });
});

describe("the caller's own save", () => {
  it("is edited with PATCH, marked as applied with an outcome, and deleted with its item when it was the last save", async () => {
    const created = await clip(net.people.anna.token, {
      url: "https://www.wij-leren.nl/wat-dus-wat-nu.php",
      title: "Wat, Dus, Wat nu?",
      kind: "protocol",
      themes: ["meertaligheid"],
      tags: ["#Reflectie", "gespreksprotocol"],
      visibility: "community",
      communityId: net.community.id,
    });
    expect(created.body.item.mySave?.tags).toEqual(["reflectie", "gespreksprotocol"]);
    const id = created.body.item.id;
    const patched = await reply(
      v1(net.people.anna.token).items[":id"].$patch({
        param: { id },
        json: { note: "Gebruikt in de PLG", themes: ["taalbewust-lesgeven"], visibility: "school", kind: "praktijkvoorbeeld" },
      }),
    );
    expect(patched.status).toBe(200);
    expect(patched.body.item).toMatchObject({ kind: "praktijkvoorbeeld", themes: ["taalbewust-lesgeven"] });
    expect(patched.body.item.mySave).toMatchObject({ note: "Gebruikt in de PLG", visibility: "school", schoolId: net.schoolA.id });

    const outcome = await reply(v1(net.people.anna.token).items[":id"].outcome.$put({ param: { id }, json: { applied: true, worked: "no" } }));
    expect(outcome.body.item.mySave).toMatchObject({ applied: true, worked: "no" });

    // Bram (same school) can see it but has no save of his own to change.
    expect((await v1(net.people.bram.token).items[":id"].$patch({ param: { id }, json: { note: "x" } })).status).toBe(404);
    expect((await v1(net.people.anna.token).items[":id"].$delete({ param: { id } })).status).toBe(204);
    expect((await v1(net.people.anna.token).items[":id"].$get({ param: { id } })).status).toBe(404);
    expect((await lookup(net.people.anna.token, "https://www.wij-leren.nl/wat-dus-wat-nu.php")).body.item).toBeNull();
  });

  it("keeps the item while another save remains", async () => {
    const url = "https://www.slo.nl/thema/meer/burgerschap/";
    const anna = await clip(net.people.anna.token, { url, visibility: "network" });
    await clip(net.people.eva.token, { url, visibility: "network" });
    expect((await v1(net.people.anna.token).items[":id"].$delete({ param: { id: anna.body.item.id } })).status).toBe(204);
    const item = await reply(v1(net.people.anna.token).items[":id"].$get({ param: { id: anna.body.item.id } }));
    expect(item.status).toBe(200);
    expect(item.body.item).toMatchObject({ saveCount: 1, savedByMe: false });
  });

  it("refuses to share into a school or community the person does not belong to", async () => {
    const school = await clip(net.people.eva.token, { url: "https://www.nji.nl/a", visibility: "school", schoolId: net.schoolA.id });
    expect(school.status).toBe(403);
    const community = await clip(net.people.chris.token, { url: "https://www.nji.nl/b", visibility: "community", communityId: net.community.id });
    expect(community.status).toBe(403);
    const missing = await clip(net.people.anna.token, { url: "https://www.nji.nl/c", visibility: "community" });
    expect(missing.status).toBe(400);
    expect(missing.error?.code).toBe("community_required");
  });

  it("rejects unknown themes and names them", async () => {
    const res = await clip(net.people.anna.token, { url: "https://www.nji.nl/d", themes: ["nt2", "bestaat-niet"] });
    expect(res.status).toBe(400);
    expect(res.error?.code).toBe("unknown_theme");
    expect(res.error?.message).toContain("bestaat-niet");
  });

  it("defaults to the smallest circle and guesses the kind from the URL", async () => {
    const video = await clip(net.people.anna.token, { url: "https://youtu.be/dQw4w9WgXcQ?si=abc" });
    // The address as submitted, without the share-tracking parameter.
    expect(video.body.item).toMatchObject({ kind: "kennisclip", url: "https://youtu.be/dQw4w9WgXcQ" });
    expect(video.body.item.mySave?.visibility).toBe("private");
    const pdf = await clip(net.people.anna.token, { url: "https://www.onderwijsinspectie.nl/documenten/rapport.pdf" });
    expect(pdf.body.item.kind).toBe("document");
    expect(pdf.body.item.title).toBe("www.onderwijsinspectie.nl/documenten/rapport.pdf");
  });
});

describe("lookup for the toolbar badge", () => {
  it("finds an item by any variant of its URL, only for people who may see it", async () => {
    await clip(net.people.bram.token, { url: "https://www.platformnt2.nl/instroomprotocol", visibility: "school" });
    const variant = "https://www.platformnt2.nl/instroomprotocol/?utm_campaign=x#top";
    const anna = await lookup(net.people.anna.token, variant);
    expect(anna.body.item).toMatchObject({ saveCount: 1, savedByMe: false });
    const chris = await lookup(net.people.chris.token, variant);
    expect(chris.body).toEqual({ item: null });
    const bad = await lookup(net.people.chris.token, "javascript:alert(1)");
    expect(bad.status).toBe(400);
  });
});

describe("clips that arrive at the same moment", () => {
  it("saves each clip of a burst and answers each with its own item", async () => {
    const people = [net.people.anna, net.people.bram, net.people.chris, net.people.dewi];
    const sent = Array.from({ length: 16 }, (_, i) => ({
      person: people[i % people.length]!,
      url: `https://www.leraar24.nl/studiedag/clip-${i}/`,
      title: `Studiedag clip ${i}`,
    }));
    const answers = await Promise.all(sent.map((s) => clip(s.person.token, { url: s.url, title: s.title, themes: ["nt2"], visibility: "network" })));
    expect(answers.map((a) => a.status)).toEqual(sent.map(() => 201));
    expect(answers.map((a) => a.body.item.title)).toEqual(sent.map((s) => s.title));
    expect(new Set(answers.map((a) => a.body.item.id)).size).toBe(16);
    for (const s of sent) expect((await lookup(net.people.eva.token, s.url)).body.item?.title).toBe(s.title);
  });

  it("refuses a clip of the burst alone, leaving no trace of it, and keeps the others", async () => {
    const foreignSchool = clip(net.people.anna.token, { url: "https://www.nt2.nl/burst/geweigerd", title: "Geweigerd", visibility: "school", schoolId: net.schoolB.id });
    const unknownTheme = clip(net.people.bram.token, { url: "https://www.nt2.nl/burst/onbekend-thema", themes: ["bestaat-niet"] });
    const fine = [0, 1, 2].map((i) => clip(net.people.chris.token, { url: `https://www.nt2.nl/burst/goed-${i}`, title: `Goed ${i}`, visibility: "network" }));
    const [refused, invalidTheme, ...saved] = await Promise.all([foreignSchool, unknownTheme, ...fine]);
    expect(refused!.status).toBe(403);
    expect(refused!.error?.code).toBe("not_a_member");
    expect(invalidTheme!.status).toBe(400);
    expect(saved.map((s) => s.status)).toEqual([201, 201, 201]);
    // The refused clip had already written its item when its circle was checked: that write is gone.
    expect((await lookup(net.people.anna.token, "https://www.nt2.nl/burst/geweigerd")).body.item).toBeNull();
    const again = await clip(net.people.anna.token, { url: "https://www.nt2.nl/burst/geweigerd", title: "Nu wel", visibility: "private" });
    expect(again.status).toBe(201);
    expect(again.body.item.title).toBe("Nu wel");
  });

  it("makes two people clipping the same new URL together share one item", async () => {
    const url = "https://www.lowan.nl/vo/samen-geclipt/";
    const [first, second] = await Promise.all([
      clip(net.people.anna.token, { url, title: "Samen geclipt", visibility: "network" }),
      clip(net.people.chris.token, { url, visibility: "network", note: "Ook gevonden" }),
    ]);
    expect(first!.status).toBe(201);
    expect(second!.status).toBe(200);
    expect(second!.body.existing).toBe(true);
    expect(second!.body.item.id).toBe(first!.body.item.id);
    expect(second!.body.item.saveCount).toBe(2);
  });
});

describe("a save after its author left the school it was shared with", () => {
  it("can still be edited, keeps its circle until the author chooses another, and cannot be re-shared into the old school", async () => {
    const admin = server.adminToken;
    const email = "hanna@test.knooppunt.nl";
    const password = "wachtwoord-hanna-2026";
    const user = (await reply(v1(admin).admin.users.$post({ json: { name: "Test hanna", email, password } }))).body.user;
    await v1(admin).admin.schools[":id"].members[":userId"].$put({ param: { id: net.schoolA.id, userId: user.id }, json: { role: "member" } });
    const token = (await reply(v1().auth.login.$post({ json: { email, password } }))).body.token;
    const created = await clip(token, { url: "https://www.nt2.nl/overdracht/vertrek", title: "Warme overdracht bij vertrek", visibility: "school" });
    expect(created.body.item.mySave).toMatchObject({ visibility: "school", schoolId: net.schoolA.id });
    const id = created.body.item.id;
    const items = v1(token).items[":id"];

    // Hanna moves to another school; her save still points at the old one.
    await v1(admin).admin.schools[":id"].members[":userId"].$delete({ param: { id: net.schoolA.id, userId: user.id } });
    await v1(admin).admin.schools[":id"].members[":userId"].$put({ param: { id: net.schoolB.id, userId: user.id }, json: { role: "member" } });
    const edited = await reply(items.$patch({ param: { id }, json: { note: "Nog steeds bruikbaar" } }));
    expect(edited.status).toBe(200);
    expect(edited.body.item.mySave).toMatchObject({ note: "Nog steeds bruikbaar", visibility: "school", schoolId: net.schoolA.id });

    expect((await items.$patch({ param: { id }, json: { visibility: "school", schoolId: net.schoolA.id } })).status).toBe(403);
    // "School" again, without naming one: her school of today.
    const moved = await reply(items.$patch({ param: { id }, json: { visibility: "school" } }));
    expect(moved.status).toBe(200);
    expect(moved.body.item.mySave).toMatchObject({ visibility: "school", schoolId: net.schoolB.id });
  });
});
