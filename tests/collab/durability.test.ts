import * as Y from "yjs";
import { startServer, type RunningServer } from "../support/server";
import { appendParagraph, connectClient, sessionCookie, thisYear, waitFor, waitForSync, type Client } from "../support/collab-client";

const documentName = `lagesbild-skarholmen-${thisYear}`;
const editors = ["sdd.skarholmen@example.se", "lpo.skarholmen@example.se", "linnea.holmberg@example.se", "daniel.lund@example.se", "ahmed.yusuf@example.se"];

/** Every update a client received from the server, i.e. that the server had relayed. */
function recordReceived(client: Client): Uint8Array[] {
  const received: Uint8Array[] = [];
  client.doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin === client.provider) received.push(update);
  });
  return received;
}

/** True when `doc` already contains everything in `update`. */
function contains(doc: Y.Doc, update: Uint8Array): boolean {
  const missing = Y.decodeUpdate(Y.diffUpdate(update, Y.encodeStateVector(doc)));
  return missing.structs.length === 0;
}

describe.each(["process", "full"])("durability (COLLAB_DURABILITY=%s)", (durability) => {
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it("loses no relayed update when the server is killed with SIGKILL mid-stream", async () => {
    server = await startServer({ COLLAB_DURABILITY: durability });
    const cookies = await Promise.all(editors.map((email) => sessionCookie(server!, email)));
    const clients = cookies.map((cookie) => connectClient(server!, documentName, cookie));
    await Promise.all(clients.map((c) => waitForSync(c)));
    const received = clients.map(recordReceived);

    let running = true;
    const typing = clients.map(async (client, i) => {
      for (let n = 0; running; n++) {
        // Long paragraphs make each commit (and its fsync) take longer, widening
        // the window in which a server that relayed before committing would lose data.
        appendParagraph(client.doc, `skribent ${i} rad ${n} ${"text ".repeat(2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 2 + i));
      }
    });
    await waitFor(() => received.every((r) => r.length > 50), 20_000, "a stream of relayed updates");
    server.process.kill("SIGKILL");
    await new Promise((resolve) => server!.process.once("exit", resolve));
    running = false;
    await Promise.all(typing);
    // The clients must not reconnect and resend: only what the server stored counts.
    for (const client of clients) client.destroy();
    const relayed = received.flat();
    expect(relayed.length).toBeGreaterThan(250);

    const databasePath = server.databasePath;
    server = await startServer({ DATABASE_PATH: databasePath, COLLAB_DURABILITY: durability });
    const checker = connectClient(server, documentName, await sessionCookie(server, editors[0]));
    await waitForSync(checker);
    const lost = relayed.filter((update) => !contains(checker.doc, update));
    checker.destroy();
    expect(lost.length).toBe(0);
  });
});
