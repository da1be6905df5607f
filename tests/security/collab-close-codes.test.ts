/**
 * Issue 10, findings 15 (close-code half) and 18: a refused connection does
 * not say whether a document exists, and no close reason or log line carries
 * internal error text or text a client sent.
 */
import WebSocket from "ws";
import { startServer, type RunningServer } from "../support/server";
import { sessionCookie, thisYear } from "../support/collab-client";
import { closeCodeWithin, openRawSocket } from "../support/raw-socket";

let server: RunningServer;
let outsider: string;
let chair: string;

beforeAll(async () => {
  server = await startServer();
  [outsider, chair] = await Promise.all([sessionCookie(server, "kommunpolis.ostermalm@example.se"), sessionCookie(server, "sdd.skarholmen@example.se")]);
});
afterAll(async () => {
  await server?.stop();
});

/** How the server answers a connection: close code and reason. */
function closeOf(path: string, cookie: string): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers: { origin: server.url, cookie } });
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on("error", () => undefined);
  });
}

describe("refusals do not tell which documents exist (issue 10, finding 15)", () => {
  it("answers a document that does not exist and one the person may not open alike", async () => {
    const existingButForbidden = await closeOf(`/collab/lagesbild-skarholmen-${thisYear}`, outsider);
    const missing = await closeOf("/collab/lagesbild-finns-inte-2026", outsider);
    const missingMeeting = await closeOf("/collab/meeting-999999-minutes", outsider);
    expect(existingButForbidden).toEqual({ code: 4404, reason: "not found" });
    expect(missing).toEqual(existingButForbidden);
    expect(missingMeeting).toEqual(existingButForbidden);
    // The operator still sees the difference.
    expect(server.output()).toMatch(/refused person \d+ for lagesbild-skarholmen-\d{4} \(forbidden\)/);
    expect(server.output()).toMatch(/refused person \d+ for lagesbild-finns-inte-2026 \(missing\)/);
  });
});

describe("close reasons and logs (issue 10, finding 18)", () => {
  it("closes a malformed message with a fixed reason and logs none of what the client sent", async () => {
    const marker = "HEMLIG-MARKÖR-<script>";
    const socket = await openRawSocket(server, `lagesbild-skarholmen-${thisYear}`, chair);
    // An awareness message whose state is not JSON: JSON.parse's error quotes the input.
    const encoder = await import("lib0/encoding");
    const inner = encoder.createEncoder();
    encoder.writeVarUint(inner, 1);
    encoder.writeVarUint(inner, 12345);
    encoder.writeVarUint(inner, 1);
    encoder.writeVarString(inner, `${marker} not json`);
    const outer = encoder.createEncoder();
    encoder.writeVarUint(outer, 1);
    encoder.writeVarUint8Array(outer, encoder.toUint8Array(inner));
    socket.send(encoder.toUint8Array(outer));
    const closed = await socket.closed;
    expect(closed).toEqual({ code: 4400, reason: "bad request" });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.output()).not.toContain("HEMLIG");
    expect(server.output()).toContain("malformed message (SyntaxError)");
  });

  it("closes an update that cannot be decoded with a fixed reason", async () => {
    const socket = await openRawSocket(server, `lagesbild-skarholmen-${thisYear}`, chair);
    socket.send(Uint8Array.from([0, 2, 5, 200, 201, 202, 203, 204]));
    expect(await socket.closed).toEqual({ code: 4400, reason: "bad request" });
    expect(await closeCodeWithin(socket, 0)).toBe(4400);
  });
});
