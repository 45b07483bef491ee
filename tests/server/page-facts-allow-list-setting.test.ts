import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config";

describe("PAGE_FETCH_ALLOW_HOSTS", () => {
  it("names the hosts the server may read pages from inside the network, trimmed and in lower case", () => {
    expect(loadConfig({ PAGE_FETCH_ALLOW_HOSTS: " Intranet.School.NL, 10.0.0.5,,wiki.lan " }).pageFetchAllowHosts).toEqual(["intranet.school.nl", "10.0.0.5", "wiki.lan"]);
  });

  it("allows none when unset, and is apart from the webhooks' list", () => {
    const config = loadConfig({ WEBHOOK_ALLOW_HOSTS: "teams.lan" });
    expect([config.pageFetchAllowHosts, config.webhookAllowHosts]).toEqual([[], ["teams.lan"]]);
  });
});
