import { Agent, request } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";

const LIMIT_MS = 1_000;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ requestTimeoutMs: LIMIT_MS });
});
afterAll(() => server.stop());

/** Sends a clip's headers and then its 200-byte body one byte every 100 ms; what came back and when the server hung up. */
function trickle(token: string) {
  return new Promise<{ answer: string; bytesSent: number; closedAfterMs: number }>((resolve, reject) => {
    const { port } = new URL(server.url);
    const socket = connect(Number(port), "127.0.0.1");
    const started = Date.now();
    let answer = "";
    let bytesSent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on("connect", () => {
      socket.write(`POST /api/v1/items HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n`);
      timer = setInterval(() => {
        if (bytesSent < 200 && socket.writable) (socket.write(" "), bytesSent++);
      }, 100);
    });
    socket.on("data", (d) => (answer += d));
    socket.on("error", () => {}); // a reset after the answer is part of being cut off
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ answer, bytesSent, closedAfterMs: Date.now() - started });
    });
    setTimeout(() => (socket.destroy(), reject(new Error(`still open after 10 s; answer so far: ${JSON.stringify(answer)}`))), 10_000);
  });
}

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

describe("a request Node refuses before it reaches the API", () => {
  it("gets the contract's JSON error: a line that is not HTTP, and headers that are too large", { timeout: 15_000 }, async () => {
    const raw = (text: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(new URL(server.url).port), "127.0.0.1");
        let answer = "";
        socket.on("connect", () => socket.write(text));
        socket.on("data", (d) => (answer += d));
        socket.on("error", () => {});
        socket.on("close", () => resolve(answer));
        setTimeout(() => (socket.destroy(), reject(new Error("no answer"))), 10_000);
      });
    const garbage = await raw("HELLO\u0001 there\r\n\r\n");
    expect(garbage.split("\r\n")[0]).toBe("HTTP/1.1 400 Bad Request");
    expect(JSON.parse(garbage.slice(garbage.indexOf("\r\n\r\n") + 4))).toEqual({ error: { code: "malformed_request", message: "This is not a well-formed HTTP request." } });
    const huge = await raw(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${"a".repeat(20_000)}\r\n\r\n`);
    expect(huge.split("\r\n")[0]).toBe("HTTP/1.1 431 Request Header Fields Too Large");
    expect(JSON.parse(huge.slice(huge.indexOf("\r\n\r\n") + 4)).error.code).toBe("headers_too_large");
  });
});

describe("a request whose body trickles in", () => {
  it("is cut off with 408 once it takes longer than the request time limit, long before the body is complete", { timeout: 15_000 }, async () => {
    const cut = await trickle(server.adminToken);
    expect(cut.answer.split("\r\n")[0]).toBe("HTTP/1.1 408 Request Timeout");
    // The contract's error shape, as from every other refusal.
    expect(JSON.parse(cut.answer.slice(cut.answer.indexOf("\r\n\r\n") + 4))).toEqual({
      error: { code: "request_timeout", message: "The request did not arrive in full in time; send it again." },
    });
    expect(cut.closedAfterMs).toBeGreaterThanOrEqual(LIMIT_MS);
    expect(cut.closedAfterMs).toBeLessThan(LIMIT_MS + 1_000);
    expect(cut.bytesSent).toBeLessThan(30);
    // Nothing was stored from the half-sent clip, and the server serves the next request.
    expect((await server.api("GET", "/api/v1/items", { token: server.adminToken })).body.items).toEqual([]);
  });

  it("does not count the time a keep-alive connection lay idle between requests", { timeout: 15_000 }, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await healthOn(agent)).toEqual({ status: 200, reused: false });
      await new Promise((done) => setTimeout(done, 2 * LIMIT_MS + 500));
      expect(await healthOn(agent)).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });
});
