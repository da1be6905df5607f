import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { closeDatabase, getSqlite } from "../../db/client";
import { clearLoginFailures } from "../../db/queries/login-throttle";
import { groups, loginFailures, memberships, people, sessions } from "../../db/schema";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { loader as homeLoader } from "~/routes/_index";
import { loader as groupLoader } from "~/routes/grupper.$groupId";
import { loader as agreementLoader } from "~/routes/overenskommelser.$slug";
import { action as adminAction, loader as adminLoader } from "~/routes/admin._index";
import { action as adminPersonAction } from "~/routes/admin.personer.$personId";
import { action as newGroupAction } from "~/routes/admin.grupper.ny";
import { action as editGroupAction, loader as editGroupLoader } from "~/routes/admin.grupper.$groupId";
import { loader as auditLogLoader } from "~/routes/admin.handelselogg";
import { action as meetingAction, loader as meetingLoader } from "~/routes/moten.$meetingId";
import { AUDIT_PAGE_SIZE } from "../../db/queries/audit-listing";
import { parseDocumentName } from "../../db/domain/document-names";
import { documentAccess } from "../../db/queries/document-access";
import { meetings } from "../../db/schema";
import { viewerByEmail } from "../support/seeded-db";
import { openSeededDatabase } from "../support/seeded-db";
import { inProcessLogIn } from "../support/in-process-login";
import { createSession } from "../../db/queries/sessions";
import { sessionCookie } from "../../server/http/session-cookie";
import { loader as rootLoader } from "~/root";
import { demoPassword } from "../support/temp";

const base = "http://samverkan.test";
const context = { cspNonce: "test", clientAddress: "192.0.2.1" };
let db: Db;

beforeAll(async () => {
  process.env.SESSION_SECRET = "a-test-secret-that-is-long-enough-for-signing";
  db = await openSeededDatabase();
});
afterAll(() => closeDatabase());

/** A form post; a list value is sent as the same field repeated, as the form's rows send it. */
function post(path: string, fields: Record<string, string | string[]>, cookie?: string): Request {
  return new Request(`${base}${path}`, {
    method: "POST",
    body: new URLSearchParams(Object.entries(fields).flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => [key, v]))),
    headers: cookie ? { Cookie: cookie } : {},
  });
}

function get(path: string, cookie?: string): Request {
  return new Request(`${base}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

const logIn = (email: string, address = context.clientAddress, password = demoPassword) => inProcessLogIn(email, address, password);

async function thrown(fn: () => Promise<unknown>): Promise<Response> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

function groupId(name: string): number {
  return db.select().from(groups).where(eq(groups.name, name)).get()!.id;
}

describe("login", () => {
  it("starts a session with an HttpOnly, SameSite=Lax cookie and redirects to the requested page", async () => {
    const result = await loginAction({
      request: post("/login", { email: "SDD.Skarholmen@example.se ", password: demoPassword, redirectTo: "/grupper/1" }),
      params: {},
      context,
    });
    expect(result).toBeInstanceOf(Response);
    const response = result as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/grupper/1");
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("answers a wrong password and an unknown account with the same Swedish message", async () => {
    const wrong = await loginAction({ request: post("/login", { email: "lpo.skarholmen@example.se", password: "fel-lösenord" }), params: {}, context });
    const unknown = await loginAction({ request: post("/login", { email: "finns.inte@example.se", password: "fel-lösenord" }), params: {}, context });
    expect(wrong).toEqual({ fieldErrors: {}, formError: "Fel e-postadress eller lösenord." });
    expect(unknown).toEqual(wrong);
  });

  it("shows field errors in Swedish for a malformed e-mail and an empty password", async () => {
    const result = await loginAction({ request: post("/login", { email: "inte-en-adress", password: "" }), params: {}, context });
    expect(result).toMatchObject({
      fieldErrors: { email: expect.stringContaining("giltig e-postadress"), password: "Ange ditt lösenord." },
    });
  });

  it("never redirects to another site after login", async () => {
    const result = (await loginAction({
      request: post("/login", { email: "lpo.skarholmen@example.se", password: demoPassword, redirectTo: "//evil.example/x" }),
      params: {},
      context: { ...context, clientAddress: "192.0.2.50" },
    })) as Response;
    expect(result.headers.get("Location")).toBe("/");
  });

  it("slows an account down after repeated failures: even the right password from an unknown browser waits", async () => {
    const email = "kommunpolis.ostermalm@example.se";
    for (let i = 0; i < 5; i++) {
      await loginAction({ request: post("/login", { email, password: `fel-${i}` }), params: {}, context: { ...context, clientAddress: `198.51.100.${i}` } });
    }
    // Three more, as if the guesser had waited out each pause: the next attempt must wait 2^3 s, far longer than
    // this test takes on a loaded machine (after five the wait is one second, which one password check can use up).
    const at = new Date().toISOString();
    for (let i = 5; i < 8; i++)
      db.insert(loginFailures)
        .values({ email, address: `198.51.100.${i}`, at })
        .run();
    const result = await loginAction({
      request: post("/login", { email, password: demoPassword }),
      params: {},
      context: { ...context, clientAddress: "198.51.100.99" },
    });
    expect(result).toMatchObject({ formError: expect.stringContaining("För många") });
    clearLoginFailures(db, email);
  });

  it("does not lock out everyone behind an address after one person's 30 failures across accounts", async () => {
    const address = "203.0.113.7";
    for (let i = 0; i < 30; i++) {
      await loginAction({
        request: post("/login", { email: `person${i}@example.se`, password: "fel" }),
        params: {},
        context: { ...context, clientAddress: address },
      });
    }
    const result = await loginAction({
      request: post("/login", { email: "lpo.skarholmen@example.se", password: demoPassword }),
      params: {},
      context: { ...context, clientAddress: address },
    });
    expect(result).toBeInstanceOf(Response);
  });

  it("logging out deletes the session on the server, so the old cookie no longer works", async () => {
    const cookie = await logIn("sdd.skarholmen@example.se", "192.0.2.60");
    await homeLoader({ request: get("/", cookie), params: {}, context });
    await logoutAction({ request: post("/logout", {}, cookie), params: {}, context });
    const response = await thrown(() => homeLoader({ request: get("/", cookie), params: {}, context }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login");
  });
});

describe("pages require a session and membership", () => {
  it("sends a visitor without a session to the login page, remembering where they were going", async () => {
    const response = await thrown(() => groupLoader({ request: get("/grupper/1"), params: { groupId: "1" }, context }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fgrupper%2F1");
  });

  it("shows the Skärholmen chair their styrgrupp with its required functions", async () => {
    const cookie = await logIn("sdd.skarholmen@example.se");
    const home = await homeLoader({ request: get("/", cookie), params: {}, context });
    const styrgrupp = home.groups.find((g) => g.name === "Lokal styrgrupp Skärholmen")!;
    expect(styrgrupp.role).toBe("ordforande");
    const id = String(styrgrupp.groupId);
    const page = await groupLoader({ request: get(`/grupper/${id}`, cookie), params: { groupId: id }, context });
    expect(page.requiredFunctions.map((f) => f.name)).toEqual(expect.arrayContaining(["Stadsdelsdirektör", "Lokalpolisområdeschef"]));
  });

  it("answers 404 to an Östermalm member asking for a Skärholmen group, and for a malformed id", async () => {
    const ostermalmCookie = await logIn("kommunpolis.ostermalm@example.se", "192.0.2.70");
    const id = String(groupId("Lokal styrgrupp Skärholmen"));
    expect((await thrown(() => groupLoader({ request: get(`/grupper/${id}`, ostermalmCookie), params: { groupId: id }, context }))).status).toBe(404);
    expect((await thrown(() => groupLoader({ request: get("/grupper/abc", ostermalmCookie), params: { groupId: "abc" }, context }))).status).toBe(404);
    expect(
      (await thrown(() => agreementLoader({ request: get("/overenskommelser/skarholmen", ostermalmCookie), params: { slug: "skarholmen" }, context }))).status,
    ).toBe(404);
  });

  it("keeps the administration from people who are not administrators", async () => {
    const cookie = await logIn("lpo.skarholmen@example.se", "192.0.2.80");
    expect((await thrown(() => adminLoader({ request: get("/admin", cookie), params: {}, context }))).status).toBe(403);
    expect((await thrown(() => adminAction({ request: post("/admin", { name: "X" }, cookie), params: {}, context }))).status).toBe(403);
  });

  it("refuses an administrator's session from a login without a second factor (older sessions), saying to log in again with the code", async () => {
    const admin = viewerByEmail(db, "admin@example.se");
    const cookie = (await sessionCookie().serialize(createSession(db, admin.id, new Date(), null, "password"))).split(";")[0];
    for (const call of [
      () => adminLoader({ request: get("/admin", cookie), params: {}, context }),
      () => adminAction({ request: post("/admin", { name: "X" }, cookie), params: {}, context }),
    ]) {
      const refused = await thrown(call);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain("kräver inloggning med tvåstegsverifiering");
    }
    const root = await rootLoader({ request: get("/", cookie), params: {}, context });
    expect(root.viewer?.isAdmin).toBe(false);
  });
});

describe("administration", () => {
  const nilsPassword = "ett-långt-lösenord";
  it("creates a person, shows Swedish field errors for bad input, and refuses a duplicate e-mail", async () => {
    const cookie = await logIn("admin@example.se", "192.0.2.90");
    const invalid = await adminAction({ request: post("/admin", { name: "", email: "x", password: "kort" }, cookie), params: {}, context });
    expect(invalid).toMatchObject({
      fieldErrors: { name: "Ange ett namn.", email: expect.any(String), password: "Lösenordet måste ha minst 12 tecken." },
    });
    const created = await adminAction({
      request: post("/admin", { name: "Nils Ny", email: "nils.ny@example.se", password: nilsPassword }, cookie),
      params: {},
      context,
    });
    expect(created).toBeInstanceOf(Response);
    const duplicate = await adminAction({
      request: post("/admin", { name: "Nils Igen", email: "NILS.NY@example.se", password: nilsPassword }, cookie),
      params: {},
      context,
    });
    expect(duplicate).toEqual({ fieldErrors: { email: "Det finns redan en person med den e-postadressen." } });
  });

  it("adds and removes a membership with role and function", async () => {
    const cookie = await logIn("admin@example.se", "192.0.2.91");
    const nils = db.select().from(people).where(eq(people.email, "nils.ny@example.se")).get()!;
    const gid = groupId("Lokal styrgrupp Skärholmen");
    const params = { personId: String(nils.id) };
    const added = await adminPersonAction({
      request: post(
        `/admin/personer/${nils.id}`,
        { intent: "add-membership", groupId: String(gid), role: "ledamot", functionName: "Chef med mandat från fackförvaltning eller bolag" },
        cookie,
      ),
      params,
      context,
    });
    expect(added).toMatchObject({ message: "Medlemskapet är tillagt." });
    const nilsCookie = await logIn("nils.ny@example.se", "192.0.2.92", nilsPassword);
    const page = await groupLoader({ request: get(`/grupper/${gid}`, nilsCookie), params: { groupId: String(gid) }, context });
    expect(page.viewerRole).toBe("ledamot");
    const membership = db
      .select()
      .from(memberships)
      .where(and(eq(memberships.personId, nils.id), eq(memberships.groupId, gid)))
      .get()!;
    await adminPersonAction({
      request: post(`/admin/personer/${nils.id}`, { intent: "remove-membership", membershipId: String(membership.id) }, cookie),
      params,
      context,
    });
    expect((await thrown(() => groupLoader({ request: get(`/grupper/${gid}`, nilsCookie), params: { groupId: String(gid) }, context }))).status).toBe(404);
  });

  it("deactivating a person ends their sessions on the server at once", async () => {
    const admin = await logIn("admin@example.se", "192.0.2.93");
    const nils = db.select().from(people).where(eq(people.email, "nils.ny@example.se")).get()!;
    const nilsCookie = await logIn("nils.ny@example.se", "192.0.2.94", nilsPassword);
    expect(db.select().from(sessions).where(eq(sessions.personId, nils.id)).all().length).toBeGreaterThan(0);
    await adminPersonAction({ request: post(`/admin/personer/${nils.id}`, { intent: "deactivate" }, admin), params: { personId: String(nils.id) }, context });
    expect(db.select().from(sessions).where(eq(sessions.personId, nils.id)).all()).toEqual([]);
    expect((await thrown(() => homeLoader({ request: get("/", nilsCookie), params: {}, context }))).status).toBe(302);
    const again = await loginAction({
      request: post("/login", { email: "nils.ny@example.se", password: nilsPassword }),
      params: {},
      context: { ...context, clientAddress: "192.0.2.95" },
    });
    expect(again).toMatchObject({ formError: "Fel e-postadress eller lösenord." });
  });

  it("creates a time-limited working group only with an end date", async () => {
    const cookie = await logIn("admin@example.se", "192.0.2.96");
    const base = {
      agreementId: "1",
      name: "Arbetsgrupp Vårbergs centrum",
      kind: "arbetsgrupp",
      level: "local",
      focusArea: "Avgränsade platser",
      permanence: "temporary",
    };
    const missingDate = await newGroupAction({ request: post("/admin/grupper/ny", base, cookie), params: {}, context });
    expect(missingDate).toEqual({ fieldErrors: { endsOn: "En tidsbegränsad grupp behöver ett slutdatum." } });
    const badDate = await newGroupAction({ request: post("/admin/grupper/ny", { ...base, endsOn: "2027-02-30" }, cookie), params: {}, context });
    expect(badDate).toEqual({ fieldErrors: { endsOn: "Datumet finns inte." } });
    const created = await newGroupAction({
      request: post(
        "/admin/grupper/ny",
        { ...base, endsOn: "2027-06-30", functionName: ["Kommunpolis", "Trygghetssamordnare", ""], functionNote: ["", "Från stadsdelsförvaltningen", ""] },
        cookie,
      ),
      params: {},
      context,
    });
    expect(created).toBeInstanceOf(Response);
    const group = db.select().from(groups).where(eq(groups.name, "Arbetsgrupp Vårbergs centrum")).get()!;
    expect(group).toMatchObject({ permanence: "temporary", endsOn: "2027-06-30", focusArea: "Avgränsade platser", membersMayEditNotes: false });
    const shown = await editGroupLoader({ request: get(`/admin/grupper/${group.id}`, cookie), params: { groupId: String(group.id) }, context });
    expect(shown.group.requiredFunctions).toEqual([
      { name: "Kommunpolis", note: null },
      { name: "Trygghetssamordnare", note: "Från stadsdelsförvaltningen" },
    ]);
    const orphanNote = await newGroupAction({
      request: post("/admin/grupper/ny", { ...base, name: "Annan", endsOn: "2027-06-30", functionName: ["", ""], functionNote: ["Utan funktion", ""] }, cookie),
      params: {},
      context,
    });
    expect(orphanNote).toEqual({ fieldErrors: { requiredFunctions: "En formulering behöver en funktion: fyll i funktionens namn eller töm formuleringen." } });
  });

  it("changes a group's settings; with members' notes turned off a ledamot can only read the minutes", async () => {
    const cookie = await logIn("admin@example.se", "192.0.2.97");
    const id = groupId("Lokal styrgrupp Skärholmen");
    const meeting = db
      .select()
      .from(meetings)
      .where(and(eq(meetings.groupId, id), isNull(meetings.lockedAt)))
      .get()!;
    const minutes = parseDocumentName(`meeting-${meeting.id}-minutes`)!;
    const ledamot = viewerByEmail(db, "karl.ljung@example.se");
    expect(documentAccess(db, ledamot, minutes)).toMatchObject({ ok: true, mode: "edit" });

    const shown = await editGroupLoader({ request: get(`/admin/grupper/${id}`, cookie), params: { groupId: String(id) }, context });
    expect(shown.group).toMatchObject({ name: "Lokal styrgrupp Skärholmen", membersMayEditNotes: true });
    const form = {
      agreementId: String(shown.group.agreementId),
      name: "Lokal styrgrupp Skärholmen",
      kind: shown.group.kind,
      level: shown.group.level,
      permanence: "fixed",
      minMeetingsPerYear: "3",
      functionName: ["Stadsdelsdirektör", "Lokalpolisområdeschef", "Trygghetssamordnare", ""],
      functionNote: ["", "", "", ""],
      // membersMayEditNotes left out: the checkbox is unticked
    };
    const empty = await editGroupAction({ request: post(`/admin/grupper/${id}`, { ...form, name: " " }, cookie), params: { groupId: String(id) }, context });
    expect(empty).toEqual({ fieldErrors: { name: "Ange ett namn." } });
    expect(db.select().from(groups).where(eq(groups.id, id)).get()!.membersMayEditNotes).toBe(true);

    const saved = await editGroupAction({ request: post(`/admin/grupper/${id}`, form, cookie), params: { groupId: String(id) }, context });
    expect(saved).toBeInstanceOf(Response);
    expect((saved as Response).headers.get("Location")).toBe(`/grupper/${id}`);
    const reloaded = await editGroupLoader({ request: get(`/admin/grupper/${id}`, cookie), params: { groupId: String(id) }, context });
    expect(reloaded.group).toMatchObject({
      membersMayEditNotes: false,
      minMeetingsPerYear: 3,
      requiredFunctions: ["Stadsdelsdirektör", "Lokalpolisområdeschef", "Trygghetssamordnare"].map((name) => ({ name, note: null })),
    });
    expect(documentAccess(db, ledamot, minutes)).toMatchObject({ ok: true, mode: "read" });
    expect(documentAccess(db, viewerByEmail(db, "sdd.skarholmen@example.se"), minutes)).toMatchObject({ ok: true, mode: "edit" });

    const member = await logIn("karl.ljung@example.se", "192.0.2.98");
    expect(
      (await thrown(() => editGroupAction({ request: post(`/admin/grupper/${id}`, form, member), params: { groupId: String(id) }, context }))).status,
    ).toBe(403);
    expect((await thrown(() => editGroupLoader({ request: get("/admin/grupper/9999", cookie), params: { groupId: "9999" }, context }))).status).toBe(404);
  });
});

describe("the audit log page", () => {
  it("shows administrators the newest entries first with the actor and what they concern, a page at a time, and whether the chain holds", async () => {
    const cookie = await logIn("admin@example.se", "192.0.2.96");
    const load = (query = "") => auditLogLoader({ request: get(`/admin/handelselogg${query}`, cookie), params: {}, context });
    const first = await load();
    expect(first.chain).toMatchObject({ ok: true });
    expect(first.firstPage).toBe(true);
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    const ids = first.entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    // The demo seed's history: actor, meeting and decision looked up by name.
    const adoption = first.entries.find((e) => e.action === "decision.adopted");
    expect(adoption?.actorName).toEqual(expect.any(String));
    expect(adoption?.subject).toMatchObject({ kind: "decision", name: expect.stringMatching(/^§ \d+\/\d{4} /), meetingId: expect.any(Number) });
    const meetingEntry = first.entries.find((e) => e.subject.kind === "meeting");
    expect(meetingEntry?.subject).toMatchObject({ name: expect.stringMatching(/grupp/), startsAt: expect.any(String) });

    expect(first.olderBefore).toBe(ids[ids.length - 1]);
    const second = await load(`?before=${first.olderBefore}`);
    expect(second.firstPage).toBe(false);
    expect(second.entries.length).toBeGreaterThan(0);
    expect(Math.max(...second.entries.map((e) => e.id))).toBeLessThan(first.olderBefore!);

    // The person an attendance entry is about is named too (paging back until one shows up).
    let attendanceEntry: (typeof first.entries)[number] | undefined;
    for (let page = first; !attendanceEntry; page = await load(`?before=${page.olderBefore}`)) {
      attendanceEntry = page.entries.find((e) => e.action === "attendance.member");
      if (!attendanceEntry && page.olderBefore === null) break;
    }
    expect(attendanceEntry?.payload).toMatchObject({ personId: expect.any(Number) });
    expect(attendanceEntry?.personName).toEqual(expect.any(String));

    expect((await thrown(() => load("?before=abc"))).status).toBe(400);
    const member = await logIn("sdd.skarholmen@example.se", "192.0.2.97");
    expect((await thrown(() => auditLogLoader({ request: get("/admin/handelselogg", member), params: {}, context }))).status).toBe(403);
  });

  it("says so when an entry was changed afterwards", async () => {
    const cookie = await logIn("admin@example.se", "192.0.2.98");
    const sqlite = getSqlite();
    const victim = sqlite.prepare("select id, payload from audit_log order by id limit 1").get() as { id: number; payload: string };
    sqlite.prepare("update audit_log set payload = ? where id = ?").run('{"ändrad":true}', victim.id);
    try {
      const page = await auditLogLoader({ request: get("/admin/handelselogg", cookie), params: {}, context });
      expect(page.chain).toMatchObject({ ok: false, entryId: victim.id, reason: "content" });
    } finally {
      sqlite.prepare("update audit_log set payload = ? where id = ?").run(victim.payload, victim.id);
    }
  });
});

describe("Uppföljning av uppdrag on the meeting page", () => {
  it("lists the group's open uppdrag from earlier meetings; the chair marks one done there and it leaves the list", async () => {
    const chairCookie = await logIn("sdd.skarholmen@example.se", "192.0.2.110");
    const memberCookie = await logIn("karl.ljung@example.se", "192.0.2.111");
    const gid = groupId("Lokal styrgrupp Skärholmen");
    const next = db
      .select({ id: meetings.id })
      .from(meetings)
      .where(and(eq(meetings.groupId, gid), eq(meetings.status, "planerat"), isNull(meetings.lockedAt)))
      .get()!;
    const params = { meetingId: String(next.id) };
    const page = await meetingLoader({ request: get(`/moten/${next.id}`, chairCookie), params, context });
    const titles = page.followUp.map((item) => item.title);
    expect(titles.length).toBeGreaterThan(0);
    expect(page.followUp.every((item) => item.status === "ej_paborjad" || item.status === "pagar")).toBe(true);
    expect(page.followUp.every((item) => item.meetingId !== next.id)).toBe(true);
    // Earliest due date first.
    const dues = page.followUp.map((item) => item.dueOn ?? "9999");
    expect(dues).toEqual([...dues].sort());

    const target = page.followUp.find((item) => item.ownerName !== "Johan Bergström")!;
    // Neither owner nor chair or secretary: refused.
    const refused = await thrown(() =>
      meetingAction({
        request: post(`/moten/${next.id}`, { intent: "action-status", actionItemId: String(target.id), status: "klar" }, memberCookie),
        params,
        context,
      }),
    );
    expect(refused.status).toBe(403);
    const done = await meetingAction({
      request: post(`/moten/${next.id}`, { intent: "action-status", actionItemId: String(target.id), status: "klar" }, chairCookie),
      params,
      context,
    });
    expect(done).toMatchObject({ data: { ok: true, message: "Uppdraget är uppdaterat." }, init: { status: 200 } });
    const after = await meetingLoader({ request: get(`/moten/${next.id}`, chairCookie), params, context });
    expect(after.followUp.map((item) => item.title)).toEqual(titles.filter((title) => title !== target.title));
  });
});

describe("Mötesordförande on the meeting page", () => {
  it("shows who of the two chairs leads the meeting; a chair changes it, a ledamot is refused", async () => {
    const chairCookie = await logIn("sdd.skarholmen@example.se", "192.0.2.120");
    const memberCookie = await logIn("karl.ljung@example.se", "192.0.2.121");
    const gid = groupId("Lokal styrgrupp Skärholmen");
    const next = db
      .select({ id: meetings.id })
      .from(meetings)
      .where(and(eq(meetings.groupId, gid), eq(meetings.status, "planerat")))
      .get()!;
    const params = { meetingId: String(next.id) };
    const police = viewerByEmail(db, "lpo.skarholmen@example.se");
    const before = await meetingLoader({ request: get(`/moten/${next.id}`, chairCookie), params, context });
    expect(before.chairs.map((c) => c.name)).toEqual(["Sara Lindqvist", "Johan Bergström"]);
    expect(before.leadingChair).toBeNull();

    const choose = (personId: number, cookie: string) =>
      meetingAction({ request: post(`/moten/${next.id}`, { intent: "meeting-chair", chairedBy: String(personId) }, cookie), params, context });
    expect((await thrown(() => choose(police.id, memberCookie))).status).toBe(403);
    const notAChair = await choose(viewerByEmail(db, "karl.ljung@example.se").id, chairCookie);
    expect(notAChair).toMatchObject({ data: { ok: false, fieldErrors: { chairedBy: "Mötesordföranden måste vara en av gruppens ordförande." } } });
    const done = await choose(police.id, chairCookie);
    expect(done).toMatchObject({ data: { ok: true, message: "Mötesordföranden är ändrad." } });
    const after = await meetingLoader({ request: get(`/moten/${next.id}`, memberCookie), params, context });
    expect(after.leadingChair).toEqual({ personId: police.id, name: "Johan Bergström" });
  });
});
