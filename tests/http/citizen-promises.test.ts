/**
 * Issue 16 over real HTTP: the medborgarlöften register. A member of another agreement (Östermalm) gets the
 * one 404 on Skärholmen's register and a crafted post stores nothing; a ledamot of a group under the
 * agreement reads it but may not change it (403); a bad year is a 404; a logged-out tab goes to the login page.
 */
import { sessionCookie } from "../support/collab-client";
import { getPath, postAction, postForm } from "../support/form-posts";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let chair: string;
let ostermalm: string;
const registerPath = "/overenskommelser/skarholmen/medborgarloften";

beforeAll(async () => {
  server = await startServer();
  [chair, ostermalm] = await Promise.all([sessionCookie(server, "lpo.skarholmen@example.se"), sessionCookie(server, "kommunpolis.ostermalm@example.se")]);
});
afterAll(async () => {
  await server?.stop();
});

const count = (table: string) => queryServerDatabase<{ n: number }>(server, `select count(*) as n from ${table}`)[0].n;
const stored = () => ({ activities: count("citizen_promise_activities"), followUps: count("citizen_promise_follow_ups") });
const promise = () =>
  queryServerDatabase<{ id: number; year: number }>(server, "select id, year from decisions where kind = 'medborgarlofte' order by id limit 1")[0];
const firstActivity = () => queryServerDatabase<{ id: number }>(server, "select id from citizen_promise_activities order by id limit 1")[0];

describe("the register over HTTP", () => {
  it("shows the demo's löfte, its activities and the follow-up to the styrgrupp's chair, and adds an activity from a form post", async () => {
    const { id, year } = promise();
    const page = await getPath(server, `${registerPath}?ar=${year}`, chair);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Gemensamma trygghetsvandringar på plats A och plats B");
    expect(page.body).toMatch(/Mål: (<!-- -->)?gult/);
    const before = stored();
    const answer = await postForm(server, `${registerPath}?ar=${year}`, chair, {
      intent: "add-activity",
      decisionId: String(id),
      title: "Aktivitet via formulär",
      responsiblePersonId: "",
      startsOn: "",
      endsOn: "",
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("Aktiviteten är tillagd.");
    expect(answer.body).toContain("Aktivitet via formulär");
    expect(stored().activities).toBe(before.activities + 1);
  });

  it("answers an Östermalm member's look and crafted posts with the one 404, storing nothing", async () => {
    const { id, year } = promise();
    const before = stored();
    const withoutNonce = (answer: { status: number; body: string }) => ({ ...answer, body: answer.body.replace(/nonce="[^"]*"|nonce=\\"[^"\\]*\\"/g, "") });
    const look = await getPath(server, `${registerPath}?ar=${year}`, ostermalm);
    expect(look.status).toBe(404);
    expect(withoutNonce(look)).toEqual(withoutNonce(await getPath(server, `/overenskommelser/finns-inte/medborgarloften?ar=${year}`, ostermalm)));
    for (const post of [postForm, postAction]) {
      const add = await post(server, registerPath, ostermalm, { intent: "add-activity", decisionId: String(id), title: "Smugglad", startsOn: "", endsOn: "" });
      expect(add.status).toBe(404);
      const report = await post(server, registerPath, ostermalm, {
        intent: "report",
        activityId: String(firstActivity().id),
        status: "stoppad",
        rag: "rott",
        comment: "",
      });
      expect(report.status).toBe(404);
    }
    // Posted to the Östermalm register they may read, the Skärholmen activity is still not theirs.
    const elsewhere = await postForm(server, "/overenskommelser/ostermalm/medborgarloften", ostermalm, {
      intent: "report",
      activityId: String(firstActivity().id),
      status: "stoppad",
      rag: "rott",
      comment: "",
    });
    expect(elsewhere.status).toBe(404);
    expect(stored()).toEqual(before);
  });

  it("lets a reader of the register see it but not change it (403)", async () => {
    const cityChair = await sessionCookie(server, "sdd.skarholmen@example.se");
    const police = await sessionCookie(server, "karl.ljung@example.se");
    const { id, year } = promise();
    expect((await getPath(server, `${registerPath}?ar=${year}`, police)).status).toBe(200);
    const before = stored();
    // karl.ljung is in the agreement's groups, not the styrgrupp's chair or secretary.
    const refused = await postForm(server, registerPath, police, {
      intent: "add-activity",
      decisionId: String(id),
      title: "Inte min",
      startsOn: "",
      endsOn: "",
    });
    expect(refused.status).toBe(403);
    expect(stored()).toEqual(before);
    expect((await getPath(server, `${registerPath}?ar=${year}`, cityChair)).body).toContain("Lägg till aktiviteten");
  });

  it("refuses a crafted follow-up post on a meeting page: another district's meeting 404, a justerat meeting's record stays closed", async () => {
    const before = stored();
    const fields = { intent: "promise-follow-up", activityId: String(firstActivity().id), status: "stoppad", rag: "rott", comment: "" };
    const [ostermalmMeeting] = queryServerDatabase<{ id: number }>(
      server,
      "select m.id from meetings m join groups g on g.id = m.group_id where g.name = 'Lokal styrgrupp Östermalm' and m.status = 'planerat' order by m.starts_at desc limit 1",
    );
    expect((await postForm(server, `/moten/${ostermalmMeeting.id}`, ostermalm, fields)).status).toBe(404);
    const [locked] = queryServerDatabase<{ id: number }>(
      server,
      "select m.id from meetings m join decisions d on d.meeting_id = m.id where d.kind = 'medborgarlofte' and m.locked_at is not null limit 1",
    );
    const refused = await postForm(server, `/moten/${locked.id}`, chair, fields);
    expect(refused.body).toContain("Protokollet är justerat och låst.");
    expect(stored()).toEqual(before);
  });

  it("answers a year that is not one with 404", async () => {
    for (const ar of ["abc", "1999", "20266", "3000"]) expect((await getPath(server, `${registerPath}?ar=${ar}`, chair)).status, ar).toBe(404);
  });

  it("sends a logged-out tab to the login page, for a look and for a post, storing nothing", async () => {
    const before = stored();
    const response = await fetch(`${server.url}${registerPath}`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(registerPath)}`);
    expect((await postForm(server, registerPath, "", { intent: "add-activity", decisionId: String(promise().id), title: "Utloggad" })).status).toBe(302);
    expect(stored()).toEqual(before);
  });
});
