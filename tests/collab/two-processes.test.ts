/**
 * Issue 17, beyond one machine: two server processes on one database. A live document is held by
 * one process at a time (a lease in `document_leases`); a client reaching the other process is
 * refused with 4421 and retries, and gets the document (with everything written on the first
 * process) once the first has let it go. No silent split brain: never two in-memory copies.
 */
import { shouldReconnectAfterClose } from "../../app/components/editor/close-codes";
import { startServer, type RunningServer } from "../support/server";
import { appendParagraph, connectClient, sessionCookie, thisYear, waitFor, waitForSync, type Client } from "../support/collab-client";

const documentName = `lagesbild-skarholmen-${thisYear}`;
let first: RunningServer;
let second: RunningServer;
const clients: Client[] = [];

beforeAll(async () => {
  first = await startServer({ COLLAB_UNLOAD_GRACE_MS: "100" });
  second = await startServer({ DATABASE_PATH: first.databasePath, COLLAB_UNLOAD_GRACE_MS: "100" });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await Promise.all([first?.stop(), second?.stop()]);
});

it("refuses a document held by the other process, then serves it with everything written there", async () => {
  const onFirst = connectClient(first, documentName, await sessionCookie(first, "sdd.skarholmen@example.se"));
  clients.push(onFirst);
  await waitForSync(onFirst);
  appendParagraph(onFirst.doc, "Skrivet i den första processen.");

  const onSecond = connectClient(second, documentName, await sessionCookie(second, "lpo.skarholmen@example.se"), {
    shouldReconnect: shouldReconnectAfterClose,
  });
  clients.push(onSecond);
  await waitFor(() => onSecond.closeEvents.some((e) => e.code === 4421), 10_000, "the second process refusing with 4421");
  expect(onSecond.provider.synced).toBe(false);
  // Still refused while the first process holds it: the client retries and is refused again.
  await waitFor(() => onSecond.closeEvents.filter((e) => e.code === 4421).length >= 2, 10_000, "a second refusal");
  appendParagraph(onFirst.doc, "Och en rad till.");
  await new Promise((resolve) => setTimeout(resolve, 200));

  // The first process lets the document go once its last client left and its writes are committed.
  onFirst.destroy();
  await waitForSync(onSecond, 15_000);
  await waitFor(
    () => onSecond.text().includes("Skrivet i den första processen.") && onSecond.text().includes("Och en rad till."),
    10_000,
    "everything written on the first process",
  );

  // Now the first process refuses: the document lives in the second.
  const late = connectClient(first, documentName, await sessionCookie(first, "sdd.skarholmen@example.se"));
  clients.push(late);
  await waitFor(() => late.closeEvents.some((e) => e.code === 4421), 10_000, "the first process refusing now");
});

it("takes over at once the documents of a process on this host that died, without waiting for its leases to expire", async () => {
  const holder = connectClient(second, documentName, await sessionCookie(second, "lpo.skarholmen@example.se"));
  clients.push(holder);
  await waitForSync(holder);
  second.process.kill("SIGKILL");
  await new Promise((resolve) => second.process.once("exit", resolve));

  // The stock client treats 4421 as final: it syncs only if the dead holder's lease is not waited out.
  const onFirst = connectClient(first, documentName, await sessionCookie(first, "sdd.skarholmen@example.se"));
  clients.push(onFirst);
  await waitForSync(onFirst);
  expect(onFirst.closeEvents.filter((e) => e.code === 4421)).toEqual([]);
});
