/**
 * The real server and a real SMTP server: "Skicka kallelse" queues one e-mail per member; the server is
 * killed (SIGKILL) before anything was sent (no SMTP configured yet), and after a restart with SMTP_URL
 * each member gets the kallelse exactly once, also across a further restart.
 */
import { sessionCookie } from "../support/collab-client";
import { postForm } from "../support/form-posts";
import { styrgruppMinutes } from "../support/rights-fixture";
import { queryServerDatabase, startServer, type RunningServer } from "../support/server";
import { startSmtpCapture, type CapturedSmtp } from "../support/smtp";

let server: RunningServer | undefined;
let smtp: CapturedSmtp;

beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await server?.stop();
  await smtp.close();
});

const withSmtp = () => ({ SMTP_URL: smtp.url, MAIL_FROM: "Samverkan <noreply@samverkan.example.se>", MAIL_POLL_INTERVAL_MS: "200" });

it("sends the kallelse exactly once after the server was killed between queueing and sending", async () => {
  server = await startServer();
  const chairCookie = await sessionCookie(server, "sdd.skarholmen@example.se");
  const { groupId } = styrgruppMinutes(server);
  const created = await fetch(`${server.url}/grupper/${groupId}`, {
    method: "POST",
    body: new URLSearchParams({ title: "Kallat möte", date: "2027-02-10", startTime: "09:00", endTime: "10:00", location: "Bredängen", videoLink: "" }),
    headers: { Origin: server.url, Cookie: chairCookie },
    redirect: "manual",
  });
  const meetingId = Number(created.headers.get("location")!.split("/").pop());
  const answer = await postForm(server, `/moten/${meetingId}`, chairCookie, { intent: "send-kallelse" });
  expect(answer.status).toBe(200);
  const members = queryServerDatabase<{ email: string }>(
    server,
    "select p.email from memberships m join people p on p.id = m.person_id where m.group_id = ?",
    groupId,
  ).map((r) => r.email);
  const queued = queryServerDatabase<{ status: string }>(server, "select status from mail_outbox where subject like 'Kallelse: Kallat möte%'");
  expect(queued.map((r) => r.status)).toEqual(members.map(() => "queued"));

  server.process.kill("SIGKILL");
  await new Promise((resolve) => server!.process.once("exit", resolve));
  const databasePath = server.databasePath;

  server = await startServer({ DATABASE_PATH: databasePath, ...withSmtp() });
  const kallelser = () => smtp.messages.filter((m) => m.subject?.startsWith("Kallelse: Kallat möte"));
  const deadline = Date.now() + 30_000;
  while (kallelser().length < members.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  // Several poll rounds and one more restart later, still one each.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await server.stop();
  server = await startServer({ DATABASE_PATH: databasePath, ...withSmtp() });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const to = kallelser().map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0].address);
  expect(to.sort()).toEqual([...members].sort());
  const rows = queryServerDatabase<{ status: string; attempts: number }>(
    server,
    "select status, attempts from mail_outbox where subject like 'Kallelse: Kallat möte%'",
  );
  expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  // The link in the mail is the server's own address, through the login page.
  expect(kallelser()[0].text).toContain(`/login?redirectTo=%2Fmoten%2F${meetingId}`);
});
