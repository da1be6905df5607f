import type { WebSocket } from "ws";
import type { CollabCloseCode } from "../../db/domain/close-codes";

/** Short ASCII close reasons (a close reason is at most 123 bytes); the editor shows its own Swedish text per code. */
const closeReasons: Record<CollabCloseCode, string> = {
  4400: "bad request",
  4401: "not authenticated",
  4403: "forbidden",
  4404: "not found",
  4409: "client id in use",
  4413: "too large",
  4421: "document served by another process",
  4422: "invalid content",
  4423: "document locked",
  4429: "too many messages",
  1013: "try again later",
  4503: "document unavailable",
};

/** Closes with one of our codes and its fixed reason: no internal or client-supplied text reaches the client. */
export function closeWith(ws: WebSocket, code: CollabCloseCode): void {
  ws.close(code, closeReasons[code]);
}
