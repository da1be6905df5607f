import WebSocket from "ws";
import * as Y from "yjs";
import { startServer, type RunningServer } from "../support/server";
import { appendParagraph, connectClient, sessionCookie, thisYear, waitFor, waitForSync, type Client } from "../support/collab-client";
import { encodeAwarenessFor, encodeUpdateMessage } from "../support/raw-frames";

const documentName = `lagesbild-skarholmen-${thisYear}`;
let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  server = await startServer();
  cookie = await sessionCookie(server, "linnea.holmberg@example.se");
});
afterAll(async () => {
  await server?.stop();
});

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A valid update and awareness message to mutate, as a real editor would send them. */
function sampleFrames(): Uint8Array[] {
  const doc = new Y.Doc();
  appendParagraph(doc, "en helt vanlig mening");
  const update = Y.encodeStateAsUpdate(doc);
  return [encodeUpdateMessage(update), encodeAwarenessFor(424242, 1, { user: { name: "x", color: "#123456" } })];
}

function hostileFrames(count: number, seed: number): Uint8Array[] {
  const rand = random(seed);
  const samples = sampleFrames();
  const frames: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    if (kind === 0) {
      frames.push(Uint8Array.from({ length: 1 + Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)));
    } else if (kind === 1 || kind === 2) {
      const frame = Uint8Array.from(samples[kind - 1]);
      const flips = 1 + Math.floor(rand() * 4);
      for (let f = 0; f < flips; f++) frame[Math.floor(rand() * frame.length)] = Math.floor(rand() * 256);
      frames.push(frame);
    } else {
      const sample = samples[Math.floor(rand() * samples.length)];
      frames.push(sample.slice(0, Math.floor(rand() * sample.length)));
    }
  }
  return frames;
}

/** Sends frames over as many connections as it takes: the server closes a connection at its first bad frame. */
async function bombard(frames: Uint8Array[]): Promise<{ closes: number }> {
  let index = 0;
  let closes = 0;
  while (index < frames.length) {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/collab/${documentName}`, { headers: { origin: server.url, cookie } });
    await new Promise<void>((resolve) => {
      ws.on("open", () => {
        // Send a batch; whatever follows a bad frame is discarded with the connection.
        for (let n = 0; n < 25 && index < frames.length; n++) ws.send(frames[index++]);
        setTimeout(() => ws.close(), 20);
      });
      ws.on("close", () => {
        closes++;
        resolve();
      });
      ws.on("error", () => undefined);
    });
  }
  return { closes };
}

describe("hostile input", () => {
  it("survives thousands of random, mutated and truncated frames while others keep editing", async () => {
    const editors: Client[] = [
      connectClient(server, documentName, await sessionCookie(server, "sdd.skarholmen@example.se")),
      connectClient(server, documentName, await sessionCookie(server, "lpo.skarholmen@example.se")),
    ];
    await Promise.all(editors.map((c) => waitForSync(c)));

    let typing = true;
    const written: string[] = [];
    const typists = editors.map(async (client, i) => {
      for (let n = 0; typing; n++) {
        const line = `legitim rad ${i}-${n}`;
        appendParagraph(client.doc, line);
        written.push(line);
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    });
    const { closes } = await bombard(hostileFrames(4000, 7));
    typing = false;
    await Promise.all(typists);

    expect(closes).toBeGreaterThan(10);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await waitFor(() => written.every((line) => editors[0].text().includes(line) && editors[1].text().includes(line)), 15_000, "editors converge");
    expect(editors[0].text()).toBe(editors[1].text());

    // What is stored loads again, with every legitimate line.
    const fresh = connectClient(server, documentName, cookie);
    await waitForSync(fresh);
    for (const line of written) expect(fresh.text()).toContain(line);
    for (const client of [...editors, fresh]) client.destroy();
  });

  it("refuses a message over the size limit with 4413 and keeps the document", async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/collab/${documentName}`, { headers: { origin: server.url, cookie } });
    await new Promise((resolve) => ws.once("open", resolve));
    const code = await new Promise<number>((resolve) => {
      ws.once("close", (c) => resolve(c));
      ws.send(new Uint8Array(3 * 1024 * 1024));
    });
    expect(code).toBe(4413);
    const client = connectClient(server, documentName, cookie);
    await waitForSync(client);
    expect(client.text()).toContain("Underlag och källor");
    client.destroy();
  });

  it("closes a connection that sends text frames, leaving others connected", async () => {
    const bystander = connectClient(server, documentName, cookie);
    await waitForSync(bystander);
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/collab/${documentName}`, { headers: { origin: server.url, cookie } });
    await new Promise((resolve) => ws.once("open", resolve));
    const code = await new Promise<number>((resolve) => {
      ws.once("close", (c) => resolve(c));
      ws.send("hej");
    });
    expect(code).toBe(4400);
    expect(bystander.provider.wsconnected).toBe(true);
    bystander.destroy();
  });
});
