/**
 * Issue 16 over real HTTP and the stock y-websocket client: a styrgrupp's chair shares a meeting with its
 * beredningsgrupp ("Dela med beredningsgruppen"). The beredningsgrupp's members then read it (the page,
 * the kallelse PDF and ICS, a handling, the protocol PDF, the live documents read-only) and cannot write
 * it; revoking ends it at once, also for an open live connection and the page's event stream. An Östermalm
 * member and an arbetsgrupp member of the same agreement get the one 404; a crafted share by a ledamot, by
 * the chair of another group or to another group stores nothing.
 */
import { appendParagraph, connectClient, sessionCookie, waitFor, waitForSync, type Client } from "../support/collab-client";
import { openEventStream } from "../support/event-stream";
import { getPath, postForm } from "../support/form-posts";
import { readPdf } from "../support/pdf-text";
import { samplePdf } from "../support/sample-files";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.stop();
});

const groupIdOf = (name: string) => queryServerDatabase<{ id: number }>(server, "select id from groups where name = ?", name)[0]!.id;
const nextMeetingOf = (groupName: string) =>
  queryServerDatabase<{ id: number }>(
    server,
    "select m.id from meetings m join groups g on g.id = m.group_id where g.name = ? and m.status = 'planerat' order by m.starts_at limit 1",
    groupName,
  )[0]!.id;
const sharesOf = (meetingId: number) =>
  queryServerDatabase<{ revoked_at: string | null }>(server, "select revoked_at from meeting_shares where meeting_id = ?", meetingId);

/** The meeting page's form post with the confirmation the dialog adds. */
const share = (cookie: string, meetingId: number, groupId: number) =>
  postForm(server, `/moten/${meetingId}`, cookie, { intent: "share-meeting", groupId: String(groupId), confirm: "ja" });

function uploadHandling(cookie: string, meetingId: number): Promise<Response> {
  const itemId = queryServerDatabase<{ id: number }>(server, "select id from agenda_items where meeting_id = ? order by position limit 1", meetingId)[0]!.id;
  const form = new FormData();
  form.set("owner", `arende-${itemId}`);
  form.set("title", "Underlag till styrgruppen");
  form.set("file", new File([new Uint8Array(samplePdf())], "underlag.pdf", { type: "application/pdf" }));
  return fetch(`${server.url}/moten/${meetingId}/handlingar`, {
    method: "POST",
    body: form,
    headers: { Cookie: cookie, Origin: server.url, Accept: "text/html" },
    redirect: "manual",
  });
}

describe("a styrgrupp meeting shared with its beredningsgrupp", () => {
  it("is read by the beredningsgrupp's member, who cannot write it, and closed again at once when the share is revoked", async () => {
    const meetingId = nextMeetingOf("Lokal styrgrupp Skärholmen");
    const beredningId = groupIdOf("Lokal beredningsgrupp Skärholmen");
    const [chair, preparer] = await Promise.all([sessionCookie(server, "sdd.skarholmen@example.se"), sessionCookie(server, "daniel.lund@example.se")]);
    expect((await uploadHandling(chair, meetingId)).status).toBe(302);
    const fileId = queryServerDatabase<{ id: number }>(server, "select id from stored_files where title = 'Underlag till styrgruppen'")[0]!.id;
    const readPaths = [
      `/moten/${meetingId}`,
      `/moten/${meetingId}/kallelse.pdf`,
      `/moten/${meetingId}/kallelse.ics`,
      `/moten/${meetingId}/protokoll.pdf`,
      `/filer/${fileId}`,
    ];
    // Before the share: the beredningsgrupp sees the styrgrupp's decisions, not its meetings.
    for (const path of readPaths) expect((await getPath(server, path, preparer)).status, path).toBe(404);

    const shared = await share(chair, meetingId, beredningId);
    expect(shared.status).toBe(200);
    expect(shared.body).toContain("Mötet är delat med beredningsgruppen.");
    expect(shared.body).toContain('data-meeting-shared-with="Lokal beredningsgrupp Skärholmen"');
    for (const path of readPaths) expect((await getPath(server, path, preparer)).status, path).toBe(200);
    const page = await getPath(server, `/moten/${meetingId}`, preparer);
    expect(page.body).toContain("data-read-through-share");
    expect(page.body).not.toContain("Lägg till ärende");
    expect(page.body).not.toContain("Dela med beredningsgruppen");
    expect((await getPath(server, `/grupper/${beredningId}`, preparer)).body).toContain(`data-shared-meeting="${meetingId}"`);

    // Writing is refused: a meeting page action, a share of their own, and the live document.
    const items = () => queryServerDatabase(server, "select id from agenda_items where meeting_id = ?", meetingId).length;
    const itemsBefore = items();
    expect((await postForm(server, `/moten/${meetingId}`, preparer, { intent: "add-item", title: "Från beredningen", kind: "information" })).status).toBe(403);
    expect((await share(preparer, meetingId, beredningId)).status).toBe(403);
    expect(items()).toBe(itemsBefore);
    const minutes = `meeting-${meetingId}-minutes`;
    const chairClient = connectClient(server, minutes, chair);
    const reader = connectClient(server, minutes, preparer);
    clients.push(chairClient, reader);
    await Promise.all([waitForSync(chairClient), waitForSync(reader)]);
    appendParagraph(reader.doc, "Skrivet av beredningsgruppen.");
    appendParagraph(chairClient.doc, "Skrivet av ordföranden.");
    await waitFor(() => reader.text().includes("Skrivet av ordföranden."), 10_000, "the reader receives the chair's text");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(chairClient.text()).not.toContain("Skrivet av beredningsgruppen.");
    const readerId = queryServerDatabase<{ id: number }>(server, "select id from people where email = 'daniel.lund@example.se'")[0]!.id;
    expect(queryServerDatabase(server, "select id from document_updates where document_name = ? and person_id = ?", minutes, readerId)).toEqual([]);

    // Revoked: the open connection closes (4403), the event stream ends, and every path answers 404 again.
    const events = await openEventStream(server, meetingId, preparer);
    const revoked = await postForm(server, `/moten/${meetingId}`, chair, { intent: "revoke-share", groupId: String(beredningId) });
    expect(revoked.body).toContain("Mötet delas inte längre med beredningsgruppen.");
    await waitFor(() => reader.closeEvents.some((e) => e.code === 4403), 5_000, "4403 for the beredningsgrupp's open connection");
    await events.ended;
    expect(chairClient.closeEvents).toEqual([]);
    for (const path of readPaths) expect((await getPath(server, path, preparer)).status, path).toBe(404);
    expect((await getPath(server, `/grupper/${beredningId}`, preparer)).body).not.toContain(`data-shared-meeting="${meetingId}"`);
    expect(sharesOf(meetingId)).toEqual([{ revoked_at: expect.any(String) }]);
    const audit = queryServerDatabase<{ action: string }>(
      server,
      "select action from audit_log where subject = ? and action like 'meeting.share%' order by id",
      `meeting:${meetingId}`,
    );
    expect(audit.map((a) => a.action)).toEqual(["meeting.shared", "meeting.share_revoked"]);
  });

  it("stays closed to an arbetsgrupp member of the same agreement and to Östermalm while shared", async () => {
    const meetingId = nextMeetingOf("Lokal styrgrupp Hässelby-Vällingby");
    const beredningId = groupIdOf("Lokal beredningsgrupp Hässelby-Vällingby");
    expect((await share(await sessionCookie(server, "birgitta.soderberg@example.se"), meetingId, beredningId)).status).toBe(200);
    const preparer = await sessionCookie(server, "sanna.wiklund@example.se");
    expect((await getPath(server, `/moten/${meetingId}`, preparer)).status).toBe(200);
    // A justerat meeting shared: the archived protocol, as the styrgrupp's members get it.
    const [justerat] = queryServerDatabase<{ id: number }>(
      server,
      "select m.id from meetings m join groups g on g.id = m.group_id where g.name = 'Lokal styrgrupp Hässelby-Vällingby' and m.status = 'justerat' order by m.starts_at desc limit 1",
    );
    expect((await getPath(server, `/moten/${justerat!.id}/protokoll.pdf`, preparer)).status).toBe(404);
    expect((await share(await sessionCookie(server, "malin.eklund@example.se"), justerat!.id, beredningId)).status).toBe(200);
    const protocol = await fetch(`${server.url}/moten/${justerat!.id}/protokoll.pdf`, { headers: { Cookie: preparer } });
    expect(protocol.status).toBe(200);
    const { text } = await readPdf(new Uint8Array(await protocol.arrayBuffer()));
    expect(text).toContain("Lokal styrgrupp Hässelby-Vällingby");
    expect(text).not.toContain("UTKAST");
    // Filip Åkesson is only in Arbetsgrupp barn och unga (Hässelby-Vällingby); the kommunpolis only in Östermalm's beredningsgrupp.
    for (const email of ["filip.akesson@example.se", "kommunpolis.ostermalm@example.se"]) {
      const cookie = await sessionCookie(server, email);
      for (const path of [`/moten/${meetingId}`, `/moten/${meetingId}/protokoll.pdf`, `/moten/${meetingId}/kallelse.ics`]) {
        expect((await getPath(server, path, cookie)).status, `${email} ${path}`).toBe(404);
      }
      expect(
        await new Promise((resolve) => {
          const client = connectClient(server, `meeting-${meetingId}-minutes`, cookie, { shouldReconnect: () => false });
          clients.push(client);
          const check = setInterval(() => {
            if (client.closeEvents.length > 0) {
              clearInterval(check);
              resolve(client.closeEvents[0]!.code);
            }
          }, 20);
        }),
      ).toBe(4404);
    }
  });

  it("refuses a crafted share by a ledamot, by the chair of another group and to another group, with nothing stored", async () => {
    const meetingId = nextMeetingOf("Lokal styrgrupp Skärholmen");
    const before = sharesOf(meetingId).length;
    const beredningId = groupIdOf("Lokal beredningsgrupp Skärholmen");
    expect((await share(await sessionCookie(server, "karl.ljung@example.se"), meetingId, beredningId)).status).toBe(403);
    expect((await share(await sessionCookie(server, "cecilia.wahlberg@example.se"), meetingId, beredningId)).status).toBe(404);
    const chair = await sessionCookie(server, "sdd.skarholmen@example.se");
    const toOstermalm = await share(chair, meetingId, groupIdOf("Lokal beredningsgrupp Östermalm"));
    expect(toOstermalm.body).toContain("Ett styrgruppsmöte kan bara delas med styrgruppens egen beredningsgrupp.");
    expect((await share(chair, meetingId, groupIdOf("Arbetsgrupp avgränsade platser"))).body).toContain("styrgruppens egen beredningsgrupp");
    // Without the confirmation the page asks first and stores nothing.
    const unconfirmed = await postForm(server, `/moten/${meetingId}`, chair, { intent: "share-meeting", groupId: String(beredningId) });
    expect(unconfirmed.body).toContain("Ja, dela mötet");
    expect(sharesOf(meetingId)).toHaveLength(before);
    // Logged out: to the login page, nothing stored.
    const loggedOut = await fetch(`${server.url}/moten/${meetingId}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "share-meeting", groupId: String(beredningId), confirm: "ja" }),
      headers: { Origin: server.url },
      redirect: "manual",
    });
    expect([302, 303]).toContain(loggedOut.status);
    expect(sharesOf(meetingId)).toHaveLength(before);
  });
});

describe("a city-wide protocol delivered to the lokal styrgrupper", () => {
  it("tells every member of every lokal styrgrupp once at the justering, and nobody only in an arbetsgrupp", async () => {
    const meetingId = queryServerDatabase<{ id: number }>(
      server,
      "select m.id from meetings m join groups g on g.id = m.group_id where g.name = 'Stadsövergripande styrgrupp' and m.status = 'avslutat'",
    )[0]!.id;
    const pending = queryServerDatabase<{ email: string }>(
      server,
      "select p.email from minutes_approvers a join people p on p.id = a.person_id where a.meeting_id = ? and a.approved_at is null",
      meetingId,
    );
    expect(pending.length).toBeGreaterThan(0);
    const noticesOf = () =>
      queryServerDatabase<{ email: string; n: number; link: string }>(
        server,
        `select p.email, count(*) as n, min(n.link) as link from notifications n join people p on p.id = n.person_id
         where n.kind = 'protocol_delivered' and n.dedupe_key like ? group by p.email`,
        `delivered:${meetingId}:%`,
      );
    expect(noticesOf()).toEqual([]);
    for (const { email } of pending) {
      const answer = await postForm(server, `/moten/${meetingId}`, await sessionCookie(server, email), { intent: "approve-minutes", confirm: "ja" });
      expect(answer.status).toBe(200);
    }
    expect(queryServerDatabase<{ status: string }>(server, "select status from meetings where id = ?", meetingId)[0]!.status).toBe("justerat");

    const told = noticesOf();
    const membersOf = (group: string) =>
      queryServerDatabase<{ email: string }>(
        server,
        "select p.email from memberships m join people p on p.id = m.person_id join groups g on g.id = m.group_id where g.name = ?",
        group,
      ).map((m) => m.email);
    const expected = new Set(["Lokal styrgrupp Skärholmen", "Lokal styrgrupp Östermalm", "Lokal styrgrupp Hässelby-Vällingby"].flatMap(membersOf));
    expect(new Set(told.map((t) => t.email))).toEqual(expected);
    for (const email of ["karl.ljung@example.se", "jonas.hedberg@example.se", "annika.berglund@example.se"]) expect(told.map((t) => t.email)).toContain(email);
    // Once per protocol, also for a member of two lokal styrgrupper (Annika Berglund).
    expect(told.every((t) => t.n === 1)).toBe(true);
    expect(told.find((t) => t.email === "karl.ljung@example.se")?.link).toBe(`/grupper/${groupIdOf("Lokal styrgrupp Skärholmen")}#stadsprotokoll`);
    for (const email of ["filip.akesson@example.se", "ida.gustafsson@example.se", "daniel.lund@example.se"]) {
      expect(told.map((t) => t.email)).not.toContain(email);
    }
    // By their notice settings: e-mail by default, queued once per person as well.
    const mails = queryServerDatabase<{ n: number }>(
      server,
      "select count(*) as n from mail_outbox where kind = 'protocol_delivered' and dedupe_key like ?",
      `delivered:${meetingId}:%`,
    );
    expect(mails[0]!.n).toBe(expected.size);
  });
});
