/**
 * Issue 16 over real HTTP: the events page and its form posts, the kontaktuppgifter and their vCard,
 * the own phone. A member of another agreement (Östermalm) gets the one 404 and stores nothing, a
 * logged-out tab is sent to the login page, and the vCard is what an address book reads.
 */
import Database from "better-sqlite3";
import { sessionCookie } from "../support/collab-client";
import { getPath, postAction, postForm } from "../support/form-posts";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let police: string;
let cityChair: string;
let ostermalm: string;
const eventsPath = "/overenskommelser/skarholmen/vasentliga-handelser";

beforeAll(async () => {
  server = await startServer();
  [police, cityChair, ostermalm] = await Promise.all([
    sessionCookie(server, "karl.ljung@example.se"),
    sessionCookie(server, "sdd.skarholmen@example.se"),
    sessionCookie(server, "kommunpolis.ostermalm@example.se"),
  ]);
});
afterAll(async () => {
  await server?.stop();
});

const eventCount = () => queryServerDatabase<{ n: number }>(server, "select count(*) as n from significant_events")[0].n;
const today = () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());

const fields = (title: string) => ({
  intent: "record",
  title,
  description: "Beskrivning av händelsen.",
  occurredOn: today(),
  occurredTime: "",
  place: "",
  confidentiality: "ej_sekretess",
  confidentialityNote: "",
});

describe("the events page over HTTP", () => {
  it("records an event from a form post without JavaScript and lists it on the page", async () => {
    const before = eventCount();
    const answer = await postForm(server, eventsPath, police, fields("Händelse via formulär"));
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("Sara Lindqvist har underrättats");
    expect(eventCount()).toBe(before + 1);
    const page = await getPath(server, eventsPath, cityChair);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Händelse via formulär");
    expect(page.body).toContain("ej kvitterad");
  });

  it("answers a crafted post from an Östermalm member with the one 404, storing nothing", async () => {
    const before = eventCount();
    for (const post of [postForm, postAction]) {
      const answer = await post(server, eventsPath, ostermalm, fields("Smugglad händelse"));
      expect(answer.status).toBe(404);
      expect(answer.body).not.toContain("Planerad insats");
    }
    const [demoEvent] = queryServerDatabase<{ id: number }>(server, "select id from significant_events order by id limit 1");
    expect((await postForm(server, eventsPath, ostermalm, { intent: "acknowledge", eventId: String(demoEvent.id) })).status).toBe(404);
    expect(eventCount()).toBe(before);
    // Its page, the kontaktuppgifter and their vCard too: the same 404 as an agreement that does not exist (the CSP nonce aside).
    const withoutNonce = (answer: { status: number; body: string }) => ({ ...answer, body: answer.body.replace(/nonce="[^"]*"|nonce=\\"[^"\\]*\\"/g, "") });
    for (const page of ["vasentliga-handelser", "kontakter", "kontakter.vcf"]) {
      const answer = await getPath(server, `/overenskommelser/skarholmen/${page}`, ostermalm);
      expect(answer.status, page).toBe(404);
      expect(withoutNonce(answer), page).toEqual(withoutNonce(await getPath(server, `/overenskommelser/finns-inte/${page}`, ostermalm)));
    }
  });

  it("sends a logged-out tab to the login page, for a look and for a post, storing nothing", async () => {
    const before = eventCount();
    for (const path of [eventsPath, "/overenskommelser/skarholmen/kontakter", "/overenskommelser/skarholmen/kontakter.vcf", "/mitt-konto/telefon"]) {
      const response = await fetch(`${server.url}${path}`, { redirect: "manual" });
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
    expect((await postForm(server, eventsPath, "", fields("Utloggad händelse"))).status).toBe(302);
    expect(eventCount()).toBe(before);
  });

  it("refuses an acknowledgement from someone who was not told (403), and a second one at the form", async () => {
    const [{ id }] = queryServerDatabase<{ id: number }>(server, "select id from significant_events order by id desc limit 1");
    expect((await postForm(server, eventsPath, police, { intent: "acknowledge", eventId: String(id) })).status).toBe(403);
    const first = await postAction(server, eventsPath, cityChair, { intent: "acknowledge", eventId: String(id) });
    expect(first.body).toContain("Du har kvitterat händelsen.");
    const second = await postAction(server, eventsPath, cityChair, { intent: "acknowledge", eventId: String(id) });
    expect(second.body).toContain("Du har redan kvitterat händelsen.");
    const acknowledged = queryServerDatabase<{ n: number }>(
      server,
      "select count(*) as n from audit_log where action = 'significant_event.acknowledged' and json_extract(payload, '$.eventId') = ?",
      id,
    );
    expect(acknowledged[0].n).toBe(1);
  });

  it("shows the form's refusals at their fields, storing nothing", async () => {
    const before = eventCount();
    const answer = await postAction(server, eventsPath, police, { ...fields(""), confidentiality: "sekretess", occurredOn: "2026-02-30" });
    expect(answer.status).toBe(200);
    for (const message of ["Ange vad som har hänt", "Datumet finns inte", "Ange sekretessgrunden"]) expect(answer.body).toContain(message);
    expect(eventCount()).toBe(before);
  });
});

/** The content lines of a vCard stream, unfolded (RFC 6350 3.2), each card as a map of property to values. */
function parseVCards(text: string): Map<string, string[]>[] {
  expect(text.endsWith("\r\n")).toBe(true);
  expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  for (const line of text.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  const cards: Map<string, string[]>[] = [];
  let card: Map<string, string[]> | null = null;
  for (const line of text.replace(/\r\n /g, "").split("\r\n").slice(0, -1)) {
    if (line === "BEGIN:VCARD") card = new Map();
    else if (line === "END:VCARD") {
      cards.push(card!);
      card = null;
    } else {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon);
      card!.set(name, [...(card!.get(name) ?? []), line.slice(colon + 1)]);
    }
  }
  return cards;
}

/** A text value as written, undoing RFC 6350's escapes. */
const unescape = (value: string) => value.replace(/\\([\\,;nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));

describe("kontaktuppgifter over HTTP", () => {
  it("lists the other party's people with mailto and tel links", async () => {
    const page = await getPath(server, "/overenskommelser/skarholmen/kontakter", cityChair);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Johan Bergström");
    expect(page.body).toContain('href="mailto:lpo.skarholmen@example.se"');
    expect(page.body).toContain('href="tel:0700000002"');
    expect(page.body).toContain("Polisregion Stockholm");
  });

  it("exports vCard 4.0 with the agreement's slug in the file name, a name with a comma escaped", async () => {
    const writable = new Database(server.databasePath);
    try {
      writable.prepare("update people set name = ? where email = ?").run("Bergström, Johan; t.f.", "lpo.skarholmen@example.se");
    } finally {
      writable.close();
    }
    const response = await fetch(`${server.url}/overenskommelser/skarholmen/kontakter.vcf`, { headers: { Cookie: cityChair } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/vcard; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain('filename="kontakter-skarholmen.vcf"');
    const raw = await response.text();
    expect(raw).toContain("FN:Bergström\\, Johan\\; t.f.\r\n");
    const cards = parseVCards(raw);
    const johan = cards.find((c) => c.get("EMAIL;TYPE=work")?.[0] === "lpo.skarholmen@example.se")!;
    expect(johan.get("VERSION")).toEqual(["4.0"]);
    expect(johan.get("FN")!.map(unescape)).toEqual(["Bergström, Johan; t.f."]);
    expect(johan.get("N")).toEqual(["Bergström;Johan\\; t.f.;;;"]);
    expect(johan.get("ORG")![0].split(";")).toEqual(["Polisregion Stockholm", "Lokalpolisområde Skärholmen"]);
    expect(johan.get("TITLE")).toEqual(["Lokalpolisområdeschef"]);
    expect(johan.get("TEL;TYPE=work")).toEqual(["070-000 00 02"]);
    expect(unescape(johan.get("NOTE")![0])).toContain("Ordförande, Lokal styrgrupp Skärholmen (Lokalpolisområdeschef)");
    // One card per person: everyone in the agreement's groups once.
    const emails = cards.map((c) => c.get("EMAIL;TYPE=work")![0]);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails).toContain("sdd.skarholmen@example.se");
    expect(emails).not.toContain("kommunpolis.ostermalm@example.se");
  });
});

describe("the own phone", () => {
  it("is saved from Mitt konto's form without JavaScript, and refused at its field when not a number", async () => {
    const bad = await postForm(server, "/mitt-konto/telefon", police, { phone: "ring mig" });
    expect(bad.status).toBe(200);
    expect(bad.body).toContain("Använd siffror");
    const good = await postForm(server, "/mitt-konto/telefon", police, { phone: "08-000 00 00" });
    expect(good.body).toContain("Telefonnumret 08-000 00 00 är sparat.");
    expect(queryServerDatabase<{ phone: string }>(server, "select phone from people where email = 'karl.ljung@example.se'")[0].phone).toBe("08-000 00 00");
    const account = await getPath(server, "/mitt-konto", police);
    expect(account.body).toContain('value="08-000 00 00"');
  });

  it("is set by an administrator on the person's page; a member posting there gets 403 and changes nothing", async () => {
    const [{ id }] = queryServerDatabase<{ id: number }>(server, "select id from people where email = 'patrik.sjodin@example.se'");
    const admin = await sessionCookie(server, "admin@example.se");
    expect((await postForm(server, `/admin/personer/${id}`, cityChair, { intent: "set-phone", phone: "070-000 00 98" })).status).toBe(403);
    const answer = await postForm(server, `/admin/personer/${id}`, admin, { intent: "set-phone", phone: "070-000 00 99" });
    expect(answer.body).toContain("Telefonnumret 070-000 00 99 är sparat.");
    expect(queryServerDatabase<{ phone: string }>(server, "select phone from people where id = ?", id)[0].phone).toBe("070-000 00 99");
    const refused = await postForm(server, `/admin/personer/${id}`, admin, { intent: "set-phone", phone: "x".repeat(40) });
    expect(refused.body).toContain("Högst 30 tecken.");
  });
});
