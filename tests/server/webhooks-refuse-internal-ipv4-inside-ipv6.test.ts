import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNetwork, reply, startTestServer, type TestServer } from "../support/server";

/**
 * IPv6 addresses that carry an IPv4 address reach that IPv4 host through a translator or a tunnel, so
 * a webhook to one of them could reach the server's own network. Registration only checks the address
 * (nothing here is connected to), so every range can be tried with a literal.
 */
describe("webhook addresses that carry an IPv4 address", () => {
  let server: TestServer;
  let net: Awaited<ReturnType<typeof buildNetwork>>;
  const hooks = () => server.client(net.people.bram.token).api.v1.schools[":id"].webhooks;
  const register = (url: string) => reply(hooks().$post({ param: { id: net.schoolA.id }, json: { url, format: "json" } }));

  beforeAll(async () => {
    // Nothing allow-listed: the loopback receiver tests use must not be an exception here.
    server = await startTestServer({ webhookAllowHosts: [] });
    net = await buildNetwork(server);
  });
  afterAll(() => server.stop());

  it.each([
    // IPv4-compatible ::/96 (deprecated): refused whatever it carries, the URL parser writes it in hex.
    ["https://[::127.0.0.1]/hook", "::7f00:1 is a IPv4-compatible (deprecated, carrying 127.0.0.1) address"],
    ["https://[::10.0.0.5]/hook", "::a00:5 is a IPv4-compatible (deprecated, carrying 10.0.0.5) address"],
    ["https://[::8.8.8.8]/hook", "::808:808 is a IPv4-compatible (deprecated, carrying 8.8.8.8) address"],
    // IPv4-mapped ::ffff:0:0/96: judged as the IPv4 address it maps.
    ["https://[::ffff:127.0.0.1]/hook", "::ffff:7f00:1 is a loopback address"],
    ["https://[::ffff:169.254.169.254]/hook", "::ffff:a9fe:a9fe is a link-local (this includes cloud metadata services) address"],
    // IPv4-translated ::ffff:0:0:0/96.
    ["https://[::ffff:0:127.0.0.1]/hook", "::ffff:0:7f00:1 is a IPv4-translated IPv6 address"],
    ["https://[::ffff:0:8.8.8.8]/hook", "::ffff:0:808:808 is a IPv4-translated IPv6 address"],
    // NAT64 64:ff9b::/96 around an internal address, and the local-use 64:ff9b:1::/48.
    ["https://[64:ff9b::127.0.0.1]/hook", "64:ff9b::7f00:1 is a NAT64 (carrying the loopback address 127.0.0.1) address"],
    ["https://[64:ff9b::192.168.1.1]/hook", "64:ff9b::c0a8:101 is a NAT64 (carrying the private address 192.168.1.1) address"],
    ["https://[64:ff9b:1::10.0.0.5]/hook", "64:ff9b:1::a00:5 is a local-use NAT64 address"],
    ["https://[64:ff9b:1::8.8.8.8]/hook", "64:ff9b:1::808:808 is a local-use NAT64 address"],
    // 6to4 2002::/16 (here around 127.0.0.1 and 10.0.0.5) and Teredo 2001::/32 (client 127.0.0.1, XOR-ed).
    ["https://[2002:7f00:1::1]/hook", "2002:7f00:1::1 is a 6to4 (IPv4 tunnelled in IPv6) address"],
    ["https://[2002:a00:5::1]/hook", "2002:a00:5::1 is a 6to4 (IPv4 tunnelled in IPv6) address"],
    ["https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook", "2001:0:4136:e378:8000:63bf:80ff:fffe is a Teredo (IPv4 tunnelled in IPv6) address"],
  ])("refuses %s", async (url, message) => {
    const res = await register(url);
    expect(res.status).toBe(400);
    expect(res.error).toEqual({
      code: "webhook_url_refused",
      message: `${message}; webhooks may only go to public internet addresses.`,
      issues: [{ path: ["url"], message: `${message}; webhooks may only go to public internet addresses.`, code: "internal_address" }],
    });
  });

  it.each([
    // A public IPv6 address, and NAT64 around a public IPv4 address (what DNS64 gives an IPv6-only server).
    "https://[2001:4860:4860::8888]/hook",
    "https://[64:ff9b::8.8.8.8]/hook",
    "https://[::ffff:8.8.8.8]/hook",
  ])("accepts %s", async (url) => {
    const res = await register(url);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const removed = await hooks()[":hookId"].$delete({ param: { id: net.schoolA.id, hookId: res.body.webhook.id } });
    expect(removed.status).toBe(204);
  });
});
