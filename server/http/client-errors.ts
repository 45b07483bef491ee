/**
 * Requests Node refuses before Hono sees them (a body that trickles in past the request time limit,
 * headers that are too large, a line that is not HTTP) get the contract's JSON error too, not Node's
 * bare status line: a client reads one error shape from every answer.
 */
import { STATUS_CODES, type Server } from "node:http";
import type { Duplex } from "node:stream";

const REFUSALS: Record<string, [status: number, code: string, message: string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, "request_timeout", "The request did not arrive in full in time; send it again."],
  HPE_HEADER_OVERFLOW: [431, "headers_too_large", "The request's headers are too large."],
};
const MALFORMED: [number, string, string] = [400, "malformed_request", "This is not a well-formed HTTP request."];

export function answerClientErrors(server: Server) {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex & { _httpMessage?: { headersSent?: boolean } }) => {
    // A connection the client already dropped, or one whose answer has begun, can only be closed.
    if (error.code === "ECONNRESET" || !socket.writable || socket._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    const [status, code, message] = REFUSALS[error.code ?? ""] ?? MALFORMED;
    const body = JSON.stringify({ error: { code, message } });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
