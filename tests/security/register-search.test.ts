import Database from "better-sqlite3";
import { sessionCookie } from "../support/collab-client";
import { startServer, type RunningServer } from "../support/server";

/**
 * Finding 17: the decision register's text search is a LIKE; what the person
 * types must be searched for literally. `5%` finds "5%", not "50 kr"; `_` is
 * an underscore, not any one character; a backslash is a backslash.
 */

const YEAR = 2031; // no demo decisions: the register shows only these
const texts: Record<number, string> = {
  1: "Budgeten höjs med 5% nästa år.",
  2: "Avgiften är 50 kr per deltagare.",
  3: "Kontot heter a_b i systemet.",
  4: "Kontot heter ab i systemet.",
  5: "Kontot heter aXb i systemet.",
  6: "Sökvägen är c\\d på servern.",
  7: "Sökvägen är cd på servern.",
};

let server: RunningServer;
let member: string;
let groupId: number;

beforeAll(async () => {
  server = await startServer();
  const db = new Database(server.databasePath);
  try {
    const meeting = db
      .prepare("select m.id, m.group_id as groupId from meetings m join groups g on g.id = m.group_id where g.name = 'Lokal styrgrupp Skärholmen' limit 1")
      .get() as { id: number; groupId: number };
    const chair = db.prepare("select id from people where email = 'sdd.skarholmen@example.se'").get() as { id: number };
    groupId = meeting.groupId;
    const insert = db.prepare(
      "insert into decisions (group_id, year, number, meeting_id, kind, title, text, adopted_at, recorded_by) values (?, ?, ?, ?, 'atgardsplan', ?, ?, ?, ?)",
    );
    for (const [number, text] of Object.entries(texts)) {
      insert.run(groupId, YEAR, Number(number), meeting.id, `Sökprov ${number}`, text, `${YEAR}-03-0${number}T10:00:00.000Z`, chair.id);
    }
  } finally {
    db.close();
  }
  member = await sessionCookie(server, "lpo.skarholmen@example.se");
});
afterAll(async () => {
  await server?.stop();
});

/** The § numbers the register page lists for a search, as a member sees them. */
async function search(q: string): Promise<number[]> {
  const params = new URLSearchParams({ groupId: String(groupId), year: String(YEAR), q });
  const response = await fetch(`${server.url}/beslut?${params}`, { headers: { Cookie: member } });
  expect(response.status).toBe(200);
  const html = await response.text();
  return [...html.matchAll(/data-paragraph="§ (\d+)\/\d+"/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
}

describe("searching the decision register", () => {
  it("takes % literally: 5% finds the 5% decision, not 50 kr", async () => {
    expect(await search("5%")).toEqual([1]);
    expect(await search("%")).toEqual([1]);
  });

  it("takes _ literally: a_b finds a_b, not ab or aXb", async () => {
    expect(await search("a_b")).toEqual([3]);
    expect(await search("_")).toEqual([3]);
  });

  it("takes the escape character itself literally", async () => {
    expect(await search("c\\d")).toEqual([6]);
    expect(await search("\\")).toEqual([6]);
  });

  it("still finds plain text anywhere, without regard to ASCII case", async () => {
    expect(await search("kontot HETER")).toEqual([3, 4, 5]);
    expect(await search("50 kr")).toEqual([2]);
  });
});
