/**
 * Versions through the collaboration server, with stock y-websocket clients: a version's part opens
 * read-only under version-<id>-<part> (its edit refused, nothing stored, others unaffected), and
 * restoring a version reaches every open editor as one new edit, the log growing, nothing rewritten.
 */
import { appendParagraph, connectClient, sessionCookie, waitFor, waitForSync, type Client } from "../support/collab-client";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let chairCookie: string;
let coChairCookie: string;
let section: string;
// The demo decided 2026's lägesbild; 2025's starts empty from the template.
const year = 2025;
const page = () => `${server.url}/overenskommelser/skarholmen/lagesbild/${year}/versioner`;
const clients: Client[] = [];

const query = <T>(sql: string, ...params: unknown[]) => queryServerDatabase<T>(server, sql, ...params);

function connect(name: string, cookie: string): Client {
  const client = connectClient(server, name, cookie);
  clients.push(client);
  return client;
}

async function post(url: string, fields: Record<string, string>, cookie = chairCookie): Promise<Response> {
  return fetch(url, { method: "POST", body: new URLSearchParams(fields), headers: { Origin: server.url, Cookie: cookie } });
}

/** Saves a named version on the versions page and returns its id. */
async function saveVersion(label: string): Promise<number> {
  expect((await post(page(), { intent: "save-version", label })).status).toBe(200);
  return query<{ id: number }>("select id from document_versions where label = ?", label)[0].id;
}

beforeAll(async () => {
  server = await startServer();
  [chairCookie, coChairCookie] = await Promise.all([sessionCookie(server, "sdd.skarholmen@example.se"), sessionCookie(server, "lpo.skarholmen@example.se")]);
  // The versions page creates the year's lägesbild with its sections, as the lägesbild page does.
  expect((await fetch(page(), { headers: { Cookie: chairCookie } })).status).toBe(200);
  const [first] = query<{ id: number }>(
    "select s.id from situation_sections s join situation_pictures p on p.id = s.picture_id join agreements a on a.id = p.agreement_id where a.slug = 'skarholmen' and p.year = ? order by s.position",
    year,
  );
  section = `avsnitt-${first.id}`;
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.stop();
});

describe("a version's part, live", () => {
  it("syncs the frozen text to a reader, refuses an edit (nothing stored, the other reader unaffected) and never becomes a live document", async () => {
    const writer = connect(section, chairCookie);
    await waitForSync(writer);
    appendParagraph(writer.doc, "Fryst text i versionen.");
    await waitFor(() => query("select 1 from document_updates where document_name = ?", section).length > 0, 10_000, "the edit stored");
    const versionId = await saveVersion("Version att läsa");
    // The live text moves on; the version does not.
    appendParagraph(writer.doc, "Skrivet efteråt.");

    const name = `version-${versionId}-0`;
    const reader = connect(name, coChairCookie);
    const witness = connect(name, chairCookie);
    await Promise.all([waitForSync(reader), waitForSync(witness)]);
    expect(reader.text()).toBe("Fryst text i versionen.");

    appendParagraph(reader.doc, "Ett försök att ändra versionen.");
    await waitFor(() => reader.closeEvents.length > 0, 10_000, "the edit refused");
    expect(reader.closeEvents[0].code).toBe(4423);
    // The other reader stays connected and sees the version as it was.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(witness.provider.wsconnected).toBe(true);
    expect(witness.text()).toBe("Fryst text i versionen.");
    const fresh = connect(name, chairCookie);
    await waitForSync(fresh);
    expect(fresh.text()).toBe("Fryst text i versionen.");
    expect(query("select 1 from documents where name = ?", name)).toEqual([]);
    expect(query("select 1 from document_updates where document_name = ?", name)).toEqual([]);
  });

  it("is not opened for someone who may not read the lägesbild", async () => {
    const [version] = query<{ id: number }>("select id from document_versions where label = 'Version att läsa'");
    const outsider = connect(`version-${version.id}-0`, await sessionCookie(server, "kommunpolis.ostermalm@example.se"));
    await waitFor(() => outsider.closeEvents.length > 0, 10_000, "refusal");
    expect(outsider.closeEvents[0].code).toBe(4404);
  });
});

describe("restoring a version", () => {
  it("reaches two open editors as one new edit by the restoring person; the earlier log rows stay", async () => {
    const first = connect(section, chairCookie);
    const second = connect(section, coChairCookie);
    await Promise.all([waitForSync(first), waitForSync(second)]);
    const fragment = first.doc.getXmlFragment("default");
    first.doc.transact(() => fragment.delete(0, fragment.length));
    appendParagraph(first.doc, "Helt ny text som ska bort.");
    await waitFor(() => second.text() === "Helt ny text som ska bort.", 10_000, "the new text relayed");
    const [version] = query<{ id: number }>("select id from document_versions where label = 'Version att läsa'");
    const before = query<{ id: number }>("select id from document_updates where document_name = ? order by id", section);

    const response = await post(`${page()}/${version.id}`, { intent: "restore", confirm: "ja" }, coChairCookie);
    expect(response.status).toBe(200);
    await waitFor(() => first.text() === "Fryst text i versionen." && second.text() === "Fryst text i versionen.", 10_000, "the restored text in both");

    const after = query<{ id: number; person_id: number }>("select id, person_id from document_updates where document_name = ? order by id", section);
    expect(after.slice(0, before.length).map((r) => r.id)).toEqual(before.map((r) => r.id));
    const added = after.slice(before.length);
    const coChairId = query<{ id: number }>("select id from people where email = 'lpo.skarholmen@example.se'")[0].id;
    expect(added.map((r) => r.person_id)).toEqual([coChairId]);
    const restored = query<{ kind: string; label: string }>("select kind, label from document_versions order by id desc limit 1")[0];
    expect(restored).toEqual({ kind: "aterstalld", label: "Återställd från ”Version att läsa”" });
    // Both editors keep working on the restored text.
    appendParagraph(second.doc, "Vidare efter återställningen.");
    await waitFor(() => first.text().endsWith("Vidare efter återställningen."), 10_000, "a later edit relayed");
  });

  it("asks first: without the confirmation nothing is restored", async () => {
    const [version] = query<{ id: number }>("select id from document_versions where label = 'Version att läsa'");
    const count = query("select 1 from document_versions").length;
    expect((await post(`${page()}/${version.id}`, { intent: "restore" })).status).toBe(200);
    expect(query("select 1 from document_versions").length).toBe(count);
  });
});
