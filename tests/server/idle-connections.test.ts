import { Agent, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/** GET /healthz on the agent's connection; whether that connection had carried a request before. */
const healthOn = (agent: Agent) =>
  new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
    const req = request(`${server.url}/healthz`, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
    });
    req.on("error", reject);
    req.end();
  });

describe("an idle keep-alive connection", () => {
  it("stays open longer than a client keeps it (Node's own 5 s would race the client's 4 s under load)", { timeout: 20_000 }, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await healthOn(agent)).toEqual({ status: 200, reused: false });
      await new Promise((done) => setTimeout(done, 6_000));
      expect(await healthOn(agent)).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });
});
