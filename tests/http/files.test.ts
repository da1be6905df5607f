/**
 * Issue 14, handlingar over real HTTP: an upload posted as multipart to an ärende of a meeting, refused when
 * too large or of a type not allowed, and downloaded with exact headers by those who may see the meeting only.
 */
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { sessionCookie } from "../support/collab-client";
import { styrgruppMinutes } from "../support/rights-fixture";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";
import { sampleExe, samplePdf } from "../support/sample-files";

let server: RunningServer;
let chair: string;
let outsider: string;
let meetingId: number;
let itemId: number;

beforeAll(async () => {
  server = await startServer();
  ({ meetingId } = styrgruppMinutes(server));
  itemId = queryServerDatabase<{ id: number }>(server, "select id from agenda_items where meeting_id = ? order by position limit 1", meetingId)[0]!.id;
  chair = await sessionCookie(server, "sdd.skarholmen@example.se");
  // A demo person with no membership in Lokal styrgrupp Skärholmen.
  const [other] = queryServerDatabase<{ email: string }>(
    server,
    `select p.email from people p where p.is_admin = 0 and p.email like '%@example.se' and not exists (
       select 1 from memberships m join groups g on g.id = m.group_id where m.person_id = p.id and g.name = 'Lokal styrgrupp Skärholmen') limit 1`,
  );
  outsider = await sessionCookie(server, other!.email);
});
afterAll(async () => {
  await server?.stop();
});

function uploadForm(fileName: string, bytes: Buffer, title = ""): FormData {
  const form = new FormData();
  form.set("owner", `arende-${itemId}`);
  form.set("title", title);
  form.set("file", new File([new Uint8Array(bytes)], fileName, { type: "application/octet-stream" }));
  return form;
}

/** A post as the browser sends the form: without JavaScript (a document request) or through the page's fetcher (`.data`). */
function postUpload(form: FormData, cookie: string, asPage: boolean): Promise<Response> {
  return fetch(`${server.url}/moten/${meetingId}/handlingar${asPage ? "" : ".data"}`, {
    method: "POST",
    body: form,
    headers: { Cookie: cookie, Origin: server.url, Accept: asPage ? "text/html" : "*/*" },
    redirect: "manual",
  });
}

describe("uploading a handling to an ärende", () => {
  let fileId: number;
  const pdf = samplePdf();
  const fileName = "Bilaga § 2 – trygghetsvandring.pdf";

  it("stores a PDF posted as multipart and sends a page without JavaScript back to the meeting", async () => {
    const response = await postUpload(uploadForm(fileName, pdf, "Trygghetsvandring"), chair, true);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/moten/${meetingId}`);
    const [row] = queryServerDatabase<{ id: number; media_type: string; sha256: string; size: number; file_name: string }>(
      server,
      "select id, media_type, sha256, size, file_name from stored_files where agenda_item_id = ?",
      itemId,
    );
    expect(row).toMatchObject({ media_type: "application/pdf", size: pdf.length, file_name: fileName, sha256: createHash("sha256").update(pdf).digest("hex") });
    fileId = row!.id;
    const page = await (await fetch(`${server.url}/moten/${meetingId}`, { headers: { Cookie: chair } })).text();
    expect(page).toContain("Trygghetsvandring");
    expect(page).toContain(`/filer/${fileId}`);
  });

  it("refuses a renamed program with the Swedish message for the form", async () => {
    const response = await postUpload(uploadForm("protokoll.pdf", sampleExe()), chair, false);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Filtypen är inte tillåten");
  });

  it("refuses a 30 MB upload before reading it", async () => {
    const response = await postUpload(uploadForm("stor.pdf", Buffer.concat([pdf, Buffer.alloc(30 * 1024 * 1024)])), chair, false);
    expect(response.status).toBe(413);
    expect(queryServerDatabase(server, "select id from stored_files where file_name = 'stor.pdf'")).toEqual([]);
  });

  it("takes the form's ordinary 1 MB limit everywhere else on the meeting page", async () => {
    const response = await fetch(`${server.url}/moten/${meetingId}`, {
      method: "POST",
      body: uploadForm("stor.pdf", Buffer.alloc(2 * 1024 * 1024)),
      headers: { Cookie: chair, Origin: server.url },
    });
    expect(response.status).toBe(413);
  });

  it("refuses a file to a justerat meeting's ärende", async () => {
    const [locked] = queryServerDatabase<{ meetingId: number; itemId: number }>(
      server,
      `select m.id as meetingId, a.id as itemId from meetings m join agenda_items a on a.meeting_id = m.id join groups g on g.id = m.group_id
       where g.name = 'Lokal styrgrupp Skärholmen' and m.locked_at is not null limit 1`,
    );
    const form = uploadForm("sent.pdf", pdf);
    form.set("owner", `arende-${locked!.itemId}`);
    const response = await fetch(`${server.url}/moten/${locked!.meetingId}/handlingar.data`, {
      method: "POST",
      body: form,
      headers: { Cookie: chair, Origin: server.url },
    });
    expect(await response.text()).toContain("Protokollet är justerat och låst");
    expect(queryServerDatabase(server, "select id from stored_files where file_name = 'sent.pdf'")).toEqual([]);
  });

  it("refuses an upload from someone outside the group with the one 404", async () => {
    const response = await postUpload(uploadForm("egen.pdf", pdf), outsider, true);
    expect(response.status).toBe(404);
  });

  it("downloads the file as an attachment with its sniffed type, exact length and nosniff", async () => {
    const response = await fetch(`${server.url}/filer/${fileId}`, { headers: { Cookie: chair } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="Bilaga 2 - trygghetsvandring.pdf"; filename*=UTF-8''Bilaga%20%C2%A7%202%20%E2%80%93%20trygghetsvandring.pdf`,
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-length")).toBe(String(pdf.length));
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it("answers a non-member and an unknown id with the same 404, and sends the logged out to log in", async () => {
    const forOutsider = await fetch(`${server.url}/filer/${fileId}`, { headers: { Cookie: outsider } });
    const unknown = await fetch(`${server.url}/filer/999999`, { headers: { Cookie: chair } });
    expect(forOutsider.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await forOutsider.text()).toBe(await unknown.text());
    const loggedOut = await fetch(`${server.url}/filer/${fileId}`, { redirect: "manual" });
    expect(loggedOut.status).toBe(302);
    expect(loggedOut.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(`/filer/${fileId}`)}`);
  });
});

describe("uploading a bilaga to an agreement", () => {
  let slug: string;
  let agreementId: number;
  let fileId: number;

  beforeAll(() => {
    [{ id: agreementId, slug }] = queryServerDatabase<{ id: number; slug: string }>(
      server,
      "select a.id, a.slug from agreements a join groups g on g.agreement_id = a.id where g.name = 'Lokal styrgrupp Skärholmen'",
    );
  });

  /** A signed original posted by `cookie` as the agreement page's form sends it without JavaScript. */
  function postAgreementUpload(cookie: string, owner = `overenskommelse-${agreementId}`): Promise<Response> {
    const form = new FormData();
    form.set("owner", owner);
    form.set("category", "signerat_original");
    form.set("file", new File([new Uint8Array(samplePdf())], "Undertecknad överenskommelse.pdf"));
    return fetch(`${server.url}/overenskommelser/${slug}/handlingar`, {
      method: "POST",
      body: form,
      headers: { Cookie: cookie, Origin: server.url, Accept: "text/html" },
      redirect: "manual",
    });
  }

  it("takes a signed original from an administrator and lists it on the agreement page for the group's members", async () => {
    const response = await postAgreementUpload(await sessionCookie(server, "admin@example.se"));
    expect(response.status).toBe(302);
    [{ id: fileId }] = queryServerDatabase<{ id: number }>(
      server,
      "select id from stored_files where agreement_id = ? and category = 'signerat_original'",
      agreementId,
    );
    const page = await (await fetch(`${server.url}/overenskommelser/${slug}`, { headers: { Cookie: chair } })).text();
    expect(page).toContain("Undertecknad överenskommelse.pdf");
    expect((await fetch(`${server.url}/filer/${fileId}`, { headers: { Cookie: chair } })).status).toBe(200);
    expect((await fetch(`${server.url}/filer/${fileId}`, { headers: { Cookie: outsider } })).status).toBe(404);
  });

  it("refuses, through one agreement's page, a file for another agreement's amendment", async () => {
    const sqlite = new Database(server.databasePath);
    const { lastInsertRowid } = sqlite
      .prepare(
        "insert into agreement_amendments (agreement_id, title, dated_on, created_at, created_by) values ((select id from agreements where slug = 'ostermalm'), 'Annat tillägg', '2026-04-01', '2026-04-01T00:00:00Z', 0)",
      )
      .run();
    sqlite.close();
    const response = await postAgreementUpload(await sessionCookie(server, "admin@example.se"), `andring-${lastInsertRowid}`);
    // Named like an owner that is not there: the one 404.
    expect(response.status).toBe(404);
    expect(queryServerDatabase(server, "select id from stored_files where amendment_id = ?", Number(lastInsertRowid))).toEqual([]);
  });

  it("refuses an upload from a member who is not an administrator", async () => {
    const response = await postAgreementUpload(chair);
    expect(response.status).toBe(403);
  });
});
