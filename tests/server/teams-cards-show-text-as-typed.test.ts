import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookBody } from "../../server/services/webhooks/payloads";
import { startReceiver, type Receiver } from "../support/receiver";
import { buildNetwork, offerKey, reply, startTestServer, type TestServer } from "../support/server";

/**
 * The links an Adaptive Card TextBlock's markdown makes of a text: `[label](target)` and `<scheme:…>`,
 * where neither bracket is escaped with a backslash.
 */
function linksIn(text: string): { label: string; target: string }[] {
  const links: { label: string; target: string }[] = [];
  const unescaped = (at: number) => {
    let slashes = 0;
    for (let i = at - 1; i >= 0 && text[i] === "\\"; i--) slashes++;
    return slashes % 2 === 0;
  };
  const closing = (from: number, char: string) => {
    for (let i = from; i < text.length; i++) if (text[i] === char && unescaped(i)) return i;
    return -1;
  };
  for (let i = 0; i < text.length; i++) {
    if (!unescaped(i)) continue;
    if (text[i] === "<" && /^<[a-z][a-z0-9+.-]*:/i.test(text.slice(i))) {
      const end = closing(i + 1, ">");
      if (end > 0) links.push({ label: "", target: text.slice(i + 1, end) });
    }
    if (text[i] !== "[") continue;
    const labelEnd = closing(i + 1, "]");
    if (labelEnd < 0 || text[labelEnd + 1] !== "(") continue;
    const targetEnd = closing(labelEnd + 2, ")");
    if (targetEnd < 0) continue;
    links.push({ label: text.slice(i + 1, labelEnd), target: text.slice(labelEnd + 2, targetEnd) });
    i = targetEnd;
  }
  return links;
}

const HOSTILE_TITLE = "[klik](https://evil.example) **vet** _x_ `code` <https://evil.example> ~~weg~~";
const ESCAPED_TITLE = "\\[klik\\]\\(https://evil.example\\) \\*\\*vet\\*\\* \\_x\\_ \\`code\\` \\<https://evil.example\\> \\~\\~weg\\~\\~";

describe("Teams cards show what people wrote as typed", () => {
  let server: TestServer;
  let net: Awaited<ReturnType<typeof buildNetwork>>;
  let receiver: Receiver;
  const v1 = (token: string) => server.client(token).api.v1;
  /** The card of the first request to `path`, once it has arrived. */
  const cardOn = async (path: string) => {
    const until = Date.now() + 8000;
    let request = receiver.requests.find((r) => r.path === path);
    for (; !request; request = receiver.requests.find((r) => r.path === path)) {
      if (Date.now() > until) throw new Error(`no request to ${path}`);
      await new Promise((r) => setTimeout(r, 40));
    }
    return request.json.attachments[0].content as { body: { text: string }[]; actions: { type: string; title: string; url: string }[] };
  };
  const share = async (json: { url: string; title: string; note?: string; meta?: { siteName?: string; author?: string } }) => {
    const res = await reply(v1(net.people.anna.token).items.$post({ json: { ...json, themes: ["nt2"], visibility: "network" } }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.item;
  };

  beforeAll(async () => {
    server = await startTestServer();
    net = await buildNetwork(server);
    receiver = await startReceiver();
    await v1(net.people.bram.token).schools[":id"].subscriptions.$put({ param: { id: net.schoolA.id }, json: { themes: ["nt2"] } });
  });
  afterAll(async () => {
    await server.stop();
    await receiver.close();
  });

  it("an item's title, notes, site and author are text, and the only way out is the item's own button", async () => {
    const hooks = v1(net.people.bram.token).schools[":id"].webhooks;
    const hook = await reply(hooks.$post({ param: { id: net.schoolA.id }, json: { url: `${receiver.url}/item`, format: "teams", events: ["item.published"] } }));
    expect(hook.status).toBe(201);
    const item = await share({
      url: "https://voorbeeld.nl/artikel",
      title: `${HOSTILE_TITLE}\n# kop`,
      note: "1. een\n- twee\n+ drie\n> citaat\n    ingesprongen\n=====\n[a](javascript:alert(1)) \\*",
      meta: { siteName: "*site*", author: "# Auteur" },
    });
    const card = await cardOn("/item");
    expect(card.body.map((b) => b.text)).toEqual([
      "Nieuw in de thema's van De Regenboog",
      `${ESCAPED_TITLE} # kop`,
      "1\\. een\n\\- twee\n\\+ drie\n\\> citaat\ningesprongen\n\\=====\n\\[a\\]\\(javascript:alert\\(1\\)\\) \\\\\\*",
      "\\*site\\* · \\# Auteur",
    ]);
    expect(card.body.flatMap((b) => linksIn(b.text))).toEqual([]);
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Openen", url: item.url }]);
    await hooks[":hookId"].$delete({ param: { id: net.schoolA.id, hookId: hook.body.webhook.id } });
  });

  it("a bundle's texts and the broker's message are text; its items link to their own pages only", async () => {
    const hooks = v1(net.people.bram.token).schools[":id"].webhooks;
    const hook = await reply(hooks.$post({ param: { id: net.schoolA.id }, json: { url: `${receiver.url}/aanbod`, format: "teams", events: ["offer.created"] } }));
    expect(hook.status).toBe(201);
    const first = await share({ url: "https://voorbeeld.nl/pad)[klik](https://evil.example)", title: "[klik](https://evil.example)" });
    const second = await share({ url: "https://voorbeeld.nl/gewoon", title: "**vet** en _schuin_" });
    const dewi = v1(net.people.dewi.token);
    const draft = await reply(
      dewi.bundles.$post({ json: { title: "_Bundel_ [x](https://evil.example)", about: "- een\n## kop", use: "**los**\n1. stap", themes: ["nt2"], audience: "network" } }),
    );
    const param = { id: draft.body.bundle.id };
    await dewi.bundles[":id"].items.$put({ param, json: { version: draft.body.bundle.version, items: [{ itemId: first.id, note: "" }, { itemId: second.id, note: "" }] } });
    const published = await reply(dewi.bundles[":id"].publish.$post({ param, json: {} }));
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const offered = await reply(
      dewi.bundles[":id"].offers.$post({ param, json: { schoolIds: [net.schoolA.id], message: "Kijk [hier](https://evil.example)\n> echt" } }),
    );
    expect(offered.status, JSON.stringify(offered.body)).toBe(201);

    const card = await cardOn("/aanbod");
    // The first item's address keeps its brackets (the site may need them), percent-encoded inside the link.
    expect(first.url).toBe("https://voorbeeld.nl/pad)[klik](https://evil.example)");
    const firstTarget = "https://voorbeeld.nl/pad%29%5Bklik%5D%28https://evil.example%29";
    expect(card.body.map((b) => b.text)).toEqual([
      "Nieuw aanbod voor De Regenboog",
      "\\_Bundel\\_ \\[x\\]\\(https://evil.example\\)",
      "\\- een\n\\## kop",
      "**Wat kan ik ermee?** \\*\\*los\\*\\*\n1\\. stap",
      "Bericht van de makelaar: Kijk \\[hier\\]\\(https://evil.example\\)\n\\> echt",
      "**In deze bundel (2)**",
      `- [\\[klik\\]\\(https://evil.example\\)](${firstTarget})\n- [\\*\\*vet\\*\\* en \\_schuin\\_](https://voorbeeld.nl/gewoon)`,
    ]);
    expect(card.body.flatMap((b) => linksIn(b.text))).toEqual([
      { label: "\\[klik\\]\\(https://evil.example\\)", target: firstTarget },
      { label: "\\*\\*vet\\*\\* en \\_schuin\\_", target: "https://voorbeeld.nl/gewoon" },
    ]);
    const offerId = offered.body.offers[0]!.id;
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Open de bundel", url: `${server.url}/b/${published.body.bundle.slug}?key=${offerKey(server, offerId)}` }]);
  });

  it("a link or button to anything but a web page is never made", () => {
    // The server only stores http(s) addresses; the card does not rely on that.
    const body = webhookBody("teams", {
      deliveryId: "d",
      occurredAt: "2026-11-24T09:00:00.000Z",
      school: { id: "s", name: "School" },
      subject: {
        event: "offer.created",
        url: "javascript:alert(1)",
        offer: { id: "o", status: "offered", message: "", offeredAt: "2026-11-24T09:00:00.000Z", respondedAt: null },
        bundle: {
          id: "b",
          title: "Bundel",
          about: "",
          use: "",
          themes: [],
          audience: "network",
          url: "javascript:alert(1)",
          items: [
            { id: "i1", title: "Script", url: "javascript:alert(1)", kind: "artikel", note: "" },
            { id: "i2", title: "Data", url: "data:text/html,<script>alert(1)</script>", kind: "artikel", note: "" },
          ],
        },
      },
    });
    const card = JSON.parse(body).attachments[0].content;
    expect(card.body.at(-1).text).toBe("- Script\n- Data");
    expect(card.actions).toEqual([]);
  });
});
