/**
 * Issue 11, over real HTTP as the page's forms post without JavaScript: a
 * planned meeting can be moved or cancelled (inställt) by the chair or
 * secretary, cancelling is confirmed first, a cancelled meeting goes to
 * calendars as cancelled, and starting a meeting more than a day before its
 * date asks first.
 */
import Database from "better-sqlite3";
import { appendParagraph, connectClient, sessionCookie, waitForSync } from "../support/collab-client";
import { getPath, postForm } from "../support/form-posts";
import { styrgruppMinutes } from "../support/rights-fixture";
import { startServer, type RunningServer } from "../support/server";

const CHAIR = "sdd.skarholmen@example.se";
const MEMBER = "karl.ljung@example.se";
const OUTSIDER = "kommunpolis.ostermalm@example.se";

let server: RunningServer;
let chair: string;
let member: string;
let outsider: string;
let groupId: number;

function meeting(id: number) {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db
      .prepare(
        "select status, starts_at as startsAt, ends_at as endsAt, location, video_link as videoLink, started_at as startedAt, cancelled_at as cancelledAt, cancel_reason as cancelReason from meetings where id = ?",
      )
      .get(id) as Record<string, string | null>;
  } finally {
    db.close();
  }
}

/** Today's date in Stockholm, as the meeting form takes it. */
const today = () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());

/** A new meeting of the styrgrupp, made as the chair makes one on the group page. */
async function newMeeting(date: string, startTime = "09:00"): Promise<number> {
  const answer = await postForm(server, `/grupper/${groupId}`, chair, {
    title: "Extra styrgruppsmöte",
    date,
    startTime,
    endTime: "",
    location: "Bredängen",
    videoLink: "",
  });
  expect(answer.status, answer.body).toBe(302);
  return lastCreated();
}

/** The newest meeting: the tests in this file run one after another, so it is the one just made. */
function lastCreated(): number {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return (db.prepare("select max(id) as id from meetings").get() as { id: number }).id;
  } finally {
    db.close();
  }
}

const post = (cookie: string, id: number, fields: Record<string, string>) => postForm(server, `/moten/${id}`, cookie, fields);

beforeAll(async () => {
  server = await startServer();
  [chair, member, outsider] = await Promise.all([sessionCookie(server, CHAIR), sessionCookie(server, MEMBER), sessionCookie(server, OUTSIDER)]);
  groupId = styrgruppMinutes(server).groupId;
});
afterAll(async () => {
  await server?.stop();
});

describe("editing a planned meeting", () => {
  const edit = {
    intent: "edit-meeting",
    date: "2027-05-06",
    startTime: "13:00",
    endTime: "14:30",
    location: "Skärholmens medborgarkontor",
    videoLink: "https://video.example.se/styrgrupp",
  };

  it("saves the chair's new time, place and link", async () => {
    const id = await newMeeting("2027-05-04");
    const answer = await post(chair, id, edit);
    expect(answer.body).toContain("Mötets tid och plats är sparade.");
    expect(meeting(id)).toMatchObject({
      startsAt: "2027-05-06T11:00:00.000Z",
      endsAt: "2027-05-06T12:30:00.000Z",
      location: "Skärholmens medborgarkontor",
      videoLink: "https://video.example.se/styrgrupp",
    });
    expect((await getPath(server, `/moten/${id}`, chair)).body).toContain("Ändra tid, plats eller videolänk");
  });

  it("refuses a member (403) and answers an outsider 404, changing nothing", async () => {
    const id = await newMeeting("2027-05-04");
    expect((await post(member, id, edit)).status).toBe(403);
    expect((await post(outsider, id, edit)).status).toBe(404);
    expect(meeting(id).location).toBe("Bredängen");
    expect((await getPath(server, `/moten/${id}`, member)).body).not.toContain("Ändra tid, plats eller videolänk");
  });

  it("is refused once the meeting has started", async () => {
    const id = await newMeeting(today(), "00:00");
    await post(chair, id, { intent: "status", to: "pagar" });
    const answer = await post(chair, id, edit);
    expect(answer.body).toContain("Mötet har redan startat; tid och plats kan inte längre ändras.");
    expect(meeting(id).location).toBe("Bredängen");
  });
});

describe("cancelling a meeting", () => {
  it("asks first; confirmed with a reason, the meeting is inställt, shown so, and sent to calendars as cancelled", async () => {
    const id = await newMeeting("2027-05-11");
    const unconfirmed = await post(chair, id, { intent: "cancel-meeting" });
    expect(unconfirmed.status).toBe(200);
    expect(unconfirmed.body).toContain("Ställa in mötet?");
    expect(unconfirmed.body).toContain("Skäl till att mötet ställs in");
    expect(meeting(id).status).toBe("planerat");

    expect((await post(member, id, { intent: "cancel-meeting", confirm: "ja", reason: "x" })).status).toBe(403);
    // Without the confirmation too: a member is refused, not asked.
    expect((await post(member, id, { intent: "cancel-meeting" })).status).toBe(403);
    expect(meeting(id).status).toBe("planerat");

    const confirmed = await post(chair, id, { intent: "cancel-meeting", confirm: "ja", reason: "Krockar med Skärholmsdagen" });
    expect(confirmed.body).toContain("Mötet är inställt.");
    expect(meeting(id)).toMatchObject({ status: "installt", cancelReason: "Krockar med Skärholmsdagen" });
    expect(meeting(id).cancelledAt).not.toBeNull();

    const page = (await getPath(server, `/moten/${id}`, member)).body;
    expect(page).toContain("Mötet är inställt och räknas inte som hållet. Skäl: Krockar med Skärholmsdagen");
    expect(page).not.toContain("Starta mötet");

    const ics = (await getPath(server, `/moten/${id}/kallelse.ics`, member)).body;
    expect(ics).toContain("STATUS:CANCELLED");
    expect(ics).not.toContain("STATUS:CONFIRMED");
    expect(ics).toContain("SUMMARY:INSTÄLLT: Extra styrgruppsmöte");

    // The group page lists it as inställt.
    const groupPage = (await getPath(server, `/grupper/${groupId}`, member)).body;
    const item = groupPage.slice(groupPage.indexOf(`href="/moten/${id}"`));
    expect(item.slice(0, item.indexOf("</li>"))).toContain('<span class="badge badge--neutral">Inställt</span>');
  });

  it("keeps a cancelled meeting's agenda and notes as they were: no new ärende, its documents read-only", async () => {
    const id = await newMeeting("2027-05-13");
    expect((await post(chair, id, { intent: "cancel-meeting", confirm: "ja", reason: "Inget att behandla" })).body).toContain("Mötet är inställt.");
    const refused = await post(chair, id, { intent: "add-item", title: "Sent tillagt ärende", kind: "information", presenterId: "" });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain("Mötet är inställt och kan inte ändras.");
    const db = new Database(server.databasePath, { readonly: true });
    try {
      expect(db.prepare("select count(*) as n from agenda_items where meeting_id = ? and title = 'Sent tillagt ärende'").get(id)).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    // The stock client: an edit to the cancelled meeting's agenda reaches nobody and is not stored.
    const writer = connectClient(server, `meeting-${id}-agenda`, chair);
    try {
      await waitForSync(writer);
      appendParagraph(writer.doc, "Skrivet efter att mötet ställdes in.");
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      writer.destroy();
    }
    const reader = connectClient(server, `meeting-${id}-agenda`, member);
    try {
      await waitForSync(reader);
      expect(reader.text()).not.toContain("Skrivet efter att mötet ställdes in.");
    } finally {
      reader.destroy();
    }
  });

  it("needs a reason", async () => {
    const id = await newMeeting("2027-05-12");
    const answer = await post(chair, id, { intent: "cancel-meeting", confirm: "ja", reason: " " });
    expect(answer.body).toContain("Ange varför mötet ställs in.");
    expect(meeting(id).status).toBe("planerat");
  });
});

describe("starting a meeting", () => {
  it("asks first when the meeting is planned more than a day later; confirmed, it starts and records the moment", async () => {
    const id = await newMeeting("2027-05-18");
    const unconfirmed = await post(chair, id, { intent: "status", to: "pagar" });
    expect(unconfirmed.body).toContain("Starta mötet redan nu?");
    expect(meeting(id)).toMatchObject({ status: "planerat", startedAt: null });
    expect((await post(member, id, { intent: "status", to: "pagar" })).status).toBe(403);

    const before = Date.now();
    const confirmed = await post(chair, id, { intent: "status", to: "pagar", confirm: "ja" });
    expect(confirmed.body).toContain("Mötet har startat.");
    expect(meeting(id).status).toBe("pagar");
    expect(new Date(meeting(id).startedAt!).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("starts a meeting of today at once, without asking", async () => {
    const id = await newMeeting(today(), "23:59");
    expect((await post(chair, id, { intent: "status", to: "pagar" })).body).toContain("Mötet har startat.");
    expect(meeting(id).status).toBe("pagar");
  });
});
