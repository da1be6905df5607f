/**
 * Issue 14: the agreement administration pages' guard and posts, called as Remix calls them. A member who
 * is not an administrator gets 403 on every page and post; a revision posted without its confirmation
 * (a page without JavaScript) only asks; an earlier version is 404 to someone who cannot see the agreement.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { closeDatabase } from "../../db/client";
import { agreements, agreementVersions } from "../../db/schema";
import { inProcessLogIn } from "../support/in-process-login";
import { loader as listLoader } from "~/routes/admin.overenskommelser._index";
import { action as newAction, loader as newLoader } from "~/routes/admin.overenskommelser.ny";
import { action as agreementAction, loader as agreementLoader } from "~/routes/admin.overenskommelser.$agreementId";
import { loader as versionLoader } from "~/routes/overenskommelser.$slug_.version.$version";
import { openSeededDatabase } from "../support/seeded-db";

const base = "http://samverkan.test";
const context = { cspNonce: "test", clientAddress: "192.0.2.1" };
let db: Db;
let skarholmenId: number;

beforeAll(async () => {
  process.env.SESSION_SECRET = "a-test-secret-that-is-long-enough-for-signing";
  db = await openSeededDatabase();
  skarholmenId = db.select().from(agreements).where(eq(agreements.slug, "skarholmen")).get()!.id;
});
afterAll(() => closeDatabase());

const post = (path: string, fields: Record<string, string>, cookie: string) =>
  new Request(`${base}${path}`, { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: cookie } });
const get = (path: string, cookie: string) => new Request(`${base}${path}`, { headers: { Cookie: cookie } });

const logIn = (email: string, address: string) => inProcessLogIn(email, address);

async function status(fn: () => Promise<unknown>): Promise<number> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
  return 200;
}

describe("the agreement administration pages", () => {
  it("answer 403 to a member who is not an administrator, on every page and post", async () => {
    const cookie = await logIn("sdd.skarholmen@example.se", "192.0.2.31");
    const params = { agreementId: String(skarholmenId) };
    expect(await status(() => listLoader({ request: get("/admin/overenskommelser", cookie), params: {}, context }))).toBe(403);
    expect(await status(() => newLoader({ request: get("/admin/overenskommelser/ny", cookie), params: {}, context }))).toBe(403);
    expect(await status(() => newAction({ request: post("/admin/overenskommelser/ny", { title: "X" }, cookie), params: {}, context }))).toBe(403);
    expect(await status(() => agreementLoader({ request: get(`/admin/overenskommelser/${skarholmenId}`, cookie), params, context }))).toBe(403);
    const revise = { intent: "revise", revisedOn: "2026-03-01", reason: "X", confirm: "ja" };
    expect(await status(() => agreementAction({ request: post(`/admin/overenskommelser/${skarholmenId}`, revise, cookie), params, context }))).toBe(403);
  });

  it("ask before revising when the confirmation is missing, show field errors next to the form's fields, and revise when confirmed", async () => {
    const cookie = await logIn("admin@example.se", "192.0.2.32");
    const params = { agreementId: String(skarholmenId) };
    const path = `/admin/overenskommelser/${skarholmenId}`;
    const asked = await agreementAction({
      request: post(path, { intent: "revise", revisedOn: "2026-03-01", reason: "Ny lägesbild" }, cookie),
      params,
      context,
    });
    expect(asked).toMatchObject({ ok: false, intent: "revise", fieldErrors: { confirm: "Bekräfta revideringen." } });
    const noReason = await agreementAction({
      request: post(path, { intent: "revise", revisedOn: "2026-03-01", reason: " ", confirm: "ja" }, cookie),
      params,
      context,
    });
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { reason: "Ange varför överenskommelsen revideras." } });
    expect(db.select().from(agreementVersions).where(eq(agreementVersions.agreementId, skarholmenId)).all()).toEqual([]);

    const badRow = await agreementAction({ request: post(path, { intent: "add-row", list: "priority_area", name: "Unga" }, cookie), params, context });
    expect(badRow).toMatchObject({ ok: false, intent: "add-row", list: "priority_area", rowId: null, fieldErrors: { name: expect.stringContaining("ärver") } });

    const revised = await agreementAction({
      request: post(path, { intent: "revise", revisedOn: "2026-03-01", reason: "Ny lägesbild", confirm: "ja" }, cookie),
      params,
      context,
    });
    expect(revised).toMatchObject({ ok: true, message: expect.stringContaining("version 2") });
    const page = await versionLoader({ request: get("/overenskommelser/skarholmen/version/1", cookie), params: { slug: "skarholmen", version: "1" }, context });
    expect(page.snapshot.agreement.title).toBe("Lokal samverkansöverenskommelse Skärholmen");

    const ostermalm = await logIn("kommunpolis.ostermalm@example.se", "192.0.2.33");
    expect(
      await status(() =>
        versionLoader({ request: get("/overenskommelser/skarholmen/version/1", ostermalm), params: { slug: "skarholmen", version: "1" }, context }),
      ),
    ).toBe(404);
  });
});
