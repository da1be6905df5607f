import { AWARENESS_RENEWAL_DELAY_MS } from "../../server/collab/awareness-relay";
import { startServer, type RunningServer } from "../support/server";
import { connectClient, sessionCookie, thisYear, waitFor, waitForSync, type Client } from "../support/collab-client";

let server: RunningServer;
const clients: Client[] = [];
const lagesbild = `lagesbild-skarholmen-${thisYear}`;
let chair: string;
let police: string;

beforeAll(async () => {
  server = await startServer();
  [chair, police] = await Promise.all([sessionCookie(server, "sdd.skarholmen@example.se"), sessionCookie(server, "lpo.skarholmen@example.se")]);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await server?.stop();
});

async function connected(cookie: string): Promise<Client> {
  const client = connectClient(server, lagesbild, cookie);
  clients.push(client);
  await waitForSync(client);
  return client;
}

/** How many awareness updates `watcher` applied that carried `clientId` (each is one message relayed by the server). */
function countUpdatesAbout(watcher: Client, clientId: number): { count: number } {
  const seen = { count: 0 };
  watcher.provider.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    if ([...added, ...updated, ...removed].includes(clientId)) seen.count++;
  });
  return seen;
}

const clockAt = (client: Client, clientId: number) => client.provider.awareness.meta.get(clientId)?.clock ?? -1;

describe("awareness relay", () => {
  it("relays renewals of an unchanged state together, with the newest clock, and a change at once with everything pending", async () => {
    const [writer, watcher] = await Promise.all([connected(chair), connected(police)]);
    const writerId = writer.doc.clientID;
    writer.provider.awareness.setLocalStateField("cursor", 1);
    await waitFor(() => (watcher.provider.awareness.getStates().get(writerId) as { cursor?: number } | undefined)?.cursor === 1, 10_000, "first state");

    // What the stock client does every 15 s, five times in a row: the same state under a newer clock.
    const updates = countUpdatesAbout(watcher, writerId);
    for (let i = 0; i < 5; i++) writer.provider.awareness.setLocalState(writer.provider.awareness.getLocalState());
    const renewed = clockAt(writer, writerId);
    await waitFor(() => clockAt(watcher, writerId) === renewed, AWARENESS_RENEWAL_DELAY_MS + 10_000, "renewed clock");
    // Relayed one by one, the watcher would have applied five messages (and sent each back).
    expect(updates.count).toBe(1);

    // Renewals waiting for company go out with the next change, which is not held back for them.
    for (let i = 0; i < 3; i++) writer.provider.awareness.setLocalState(writer.provider.awareness.getLocalState());
    writer.provider.awareness.setLocalStateField("cursor", 2);
    const changed = clockAt(writer, writerId);
    const before = updates.count;
    await waitFor(() => clockAt(watcher, writerId) === changed, 10_000, "changed state");
    expect((watcher.provider.awareness.getStates().get(writerId) as { cursor: number }).cursor).toBe(2);
    expect(updates.count - before).toBe(1);
  });

  it("relays the newest of quick changes and never an older one after it", async () => {
    const [writer, watcher] = await Promise.all([connected(chair), connected(police)]);
    const writerId = writer.doc.clientID;
    const cursors: number[] = [];
    watcher.provider.awareness.on("change", () => {
      const state = watcher.provider.awareness.getStates().get(writerId) as { cursor?: number } | undefined;
      if (state?.cursor !== undefined) cursors.push(state.cursor);
    });
    for (let cursor = 1; cursor <= 10; cursor++) writer.provider.awareness.setLocalStateField("cursor", cursor);
    await waitFor(() => cursors.at(-1) === 10, 10_000, "last caret");
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    // The first goes out at once, the rest within the next relay interval.
    expect(cursors.length).toBeLessThan(10);
  });

  it("relays a leaving client's removal to the others", async () => {
    const [leaver, watcher] = await Promise.all([connected(chair), connected(police)]);
    const leaverId = leaver.doc.clientID;
    leaver.provider.awareness.setLocalStateField("cursor", 1);
    await waitFor(() => watcher.provider.awareness.getStates().has(leaverId), 10_000, "leaver's state");
    leaver.destroy();
    await waitFor(() => !watcher.provider.awareness.getStates().has(leaverId), 10_000, "removal");
  });
});
