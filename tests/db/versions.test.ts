import { and, eq } from "drizzle-orm";
import * as Y from "yjs";
import { closeDatabase, type Db } from "../../db/client";
import { editLiveDocument } from "../../db/documents/server-edits";
import { readDocumentText } from "../../db/documents/store";
import { documentName } from "../../db/domain/document-names";
import { ConflictError, ForbiddenError, NotFoundError } from "../../db/queries/errors";
import { listSections } from "../../db/queries/lagesbild";
import type { Viewer } from "../../db/queries/sessions";
import {
  createDailyVersions,
  getVersion,
  lagesbildVersionsPage,
  listVersions,
  liveAuthorship,
  restoreVersion,
  saveNamedVersion,
  versionAuthorship,
  type VersionSubjectRef,
} from "../../db/queries/versions";
import { agreements, auditLog, documentUpdates } from "../../db/schema";
import { parseEnv } from "../../server/env";
import { startDailyVersionSweep } from "../../server/versions/daily-sweep";
import { waitFor } from "../support/collab-client";
import { addMemberOnly, fixedNow, openSeededDatabase, viewerByEmail } from "../support/seeded-db";

/**
 * Named and daily versions, restore and "vem skrev vad" of the Skärholmen lägesbild, through the
 * verbs (no collaboration server runs here, so server edits go straight into the store).
 */
let db: Db;
let chair: Viewer;
let coChair: Viewer;
let subject: VersionSubjectRef;
let firstSection: string;

/** Replaces a section's text as `personId` would by typing it (one edit under a fresh client id). */
function write(name: string, personId: number, ...paragraphs: string[]) {
  return editLiveDocument(db, {
    name,
    kind: "lagesbild_section",
    owner: {},
    personId,
    edit: (doc) => {
      const fragment = doc.getXmlFragment("default");
      fragment.delete(0, fragment.length);
      fragment.insert(
        0,
        paragraphs.map((text) => {
          const p = new Y.XmlElement("paragraph");
          p.insert(0, [new Y.XmlText(text)]);
          return p;
        }),
      );
    },
  });
}

beforeAll(async () => {
  db = await openSeededDatabase();
  chair = viewerByEmail(db, "sdd.skarholmen@example.se");
  coChair = viewerByEmail(db, "lpo.skarholmen@example.se");
  const page = lagesbildVersionsPage(db, chair, "skarholmen", 2026, fixedNow)!;
  subject = page.subject;
  firstSection = documentName({ kind: "lagesbild_section", sectionId: listSections(db, subject.subjectId)[0].id });
});
afterAll(() => closeDatabase());

describe("named versions", () => {
  it("are saved by a member of the styrgrupp with a trimmed name, and listed with who made them", async () => {
    await write(firstSection, chair.id, "Tryggheten har ökat i centrum.");
    const version = saveNamedVersion(db, chair, subject, "  Inför   styrgruppen ", fixedNow);
    expect(version).toMatchObject({ kind: "namngiven", label: "Inför styrgruppen", createdBy: chair.id });
    expect(version.sha256).toMatch(/^[0-9a-f]{64}$/);
    const listed = lagesbildVersionsPage(db, chair, "skarholmen", 2026, fixedNow)!.versions[0];
    expect(listed).toMatchObject({ id: version.id, createdByName: chair.name });
    expect(getVersion(db, chair, version.id).parts[0].plainText).toBe("Tryggheten har ökat i centrum.");
  });

  it("refuse an empty or over-long name next to the field", () => {
    expect(() => saveNamedVersion(db, chair, subject, "   ")).toThrow(ConflictError);
    expect(() => saveNamedVersion(db, chair, subject, "x".repeat(121))).toThrow(/högst 120/);
  });

  it("are refused to a member of another agreement, an arbetsgrupp member and a läsare", () => {
    const outsider = viewerByEmail(db, "kommunpolis.ostermalm@example.se");
    expect(() => saveNamedVersion(db, outsider, subject, "Utifrån")).toThrow(NotFoundError);
    expect(lagesbildVersionsPage(db, outsider, "skarholmen", 2026, fixedNow)).toBeNull();

    const worker = addMemberOnly(db, "Arbetsgrupp avgränsade platser", "ledamot", "arbetsgrupp.only@example.se");
    expect(() => saveNamedVersion(db, worker, subject, "Arbetsgruppen")).toThrow(ForbiddenError);
    // …who may still read the versions.
    expect(lagesbildVersionsPage(db, worker, "skarholmen", 2026, fixedNow)!.mayEdit).toBe(false);

    const reader = addMemberOnly(db, "Lokal beredningsgrupp Skärholmen", "lasare", "lasare.only@example.se");
    expect(lagesbildVersionsPage(db, reader, "skarholmen", 2026, fixedNow)!.mayEdit).toBe(false);
    expect(() => saveNamedVersion(db, reader, subject, "Läsaren")).toThrow(ForbiddenError);
  });

  it("are not shown for the city-wide agreement, which has no lägesbild of its own", () => {
    const cityWide = db.select().from(agreements).where(eq(agreements.scope, "city_wide")).get()!;
    expect(lagesbildVersionsPage(db, chair, cityWide.slug, 2026, fixedNow)).toBeNull();
  });
});

describe("restoring a version", () => {
  it("writes the version's text back as one new edit by the restoring person, keeps the history and records the restore", async () => {
    const [version] = lagesbildVersionsPage(db, chair, "skarholmen", 2026, fixedNow)!.versions;
    await write(firstSection, coChair.id, "Något helt annat.");
    const logBefore = db.select().from(documentUpdates).where(eq(documentUpdates.documentName, firstSection)).all();

    const restored = await restoreVersion(db, coChair, version.id, fixedNow);
    expect(readDocumentText(db, firstSection)).toBe("Tryggheten har ökat i centrum.");
    const logAfter = db.select().from(documentUpdates).where(eq(documentUpdates.documentName, firstSection)).all();
    // Earlier updates untouched, one more by the restoring person.
    expect(logAfter.slice(0, logBefore.length)).toEqual(logBefore);
    expect(logAfter.slice(logBefore.length).map((u) => u.personId)).toEqual([coChair.id]);
    expect(restored).toMatchObject({ kind: "aterstalld", label: "Återställd från ”Inför styrgruppen”", createdBy: coChair.id });
    // Same content as the version restored, so the same hash.
    expect(restored.sha256).toBe(getVersion(db, chair, version.id).version.sha256);
    const audit = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "version.restored"), eq(auditLog.actorId, coChair.id)))
      .all();
    expect(audit).toHaveLength(1);
  });

  it("is refused to someone who may only read", async () => {
    const [version] = lagesbildVersionsPage(db, chair, "skarholmen", 2026, fixedNow)!.versions;
    const admin = viewerByEmail(db, "admin@example.se");
    await expect(restoreVersion(db, admin, version.id)).rejects.toThrow(ForbiddenError);
  });
});

describe("who wrote what", () => {
  it("names the person of each run, in the version and in the live text", async () => {
    await write(firstSection, chair.id, "Sara skrev detta.");
    // The co-chair adds a word inside her sentence, under a client id of his own.
    await editLiveDocument(db, {
      name: firstSection,
      kind: "lagesbild_section",
      owner: {},
      personId: coChair.id,
      edit: (doc) => ((doc.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(4, " och Johan"),
    });
    const live = liveAuthorship(db, chair, subject);
    expect(live.parts[0].blocks[0]).toEqual([
      { text: "Sara", personId: chair.id },
      { text: " och Johan", personId: coChair.id },
      { text: " skrev detta.", personId: chair.id },
    ]);
    expect(live.authors.map((a) => a.name)).toEqual([chair.name, coChair.name]);

    const version = saveNamedVersion(db, chair, subject, "Med två författare", fixedNow);
    expect(versionAuthorship(db, chair, version.id).parts[0].blocks[0].map((r) => r.personId)).toEqual([chair.id, coChair.id, chair.id]);
  });
});

describe("daily versions", () => {
  const day = 24 * 3600_000;
  const mine = (made: { subjectKind: string; subjectId: number }[]) => made.filter((v) => v.subjectKind === "lagesbild" && v.subjectId === subject.subjectId);
  let first: Date;

  it("are made for a subject changed since its latest version, once per Stockholm day", async () => {
    await write(firstSection, chair.id, "Ändrat under dagen.");
    first = new Date();
    const made = mine(createDailyVersions(db, first));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ kind: "daglig", createdBy: null });
    await write(firstSection, chair.id, "Ändrat igen samma dag.");
    expect(mine(createDailyVersions(db, new Date(first.getTime() + 1000)))).toHaveLength(0);
  });

  it("are not made for a subject unchanged since its latest version", async () => {
    const nextDay = new Date(first.getTime() + day);
    // "Ändrat igen samma dag." came after the daily version: the next day gets one, then nothing is new.
    expect(mine(createDailyVersions(db, nextDay))).toHaveLength(1);
    expect(mine(createDailyVersions(db, new Date(nextDay.getTime() + day)))).toHaveLength(0);
  });

  it("are made by the server's sweep, started with its interval and clock", async () => {
    // Another lägesbild, whose versions are not in the future of the tests above.
    const ostermalm = lagesbildVersionsPage(db, viewerByEmail(db, "kommunpolis.ostermalm@example.se"), "ostermalm", 2026)!.subject;
    const part = documentName({ kind: "lagesbild_section", sectionId: listSections(db, ostermalm.subjectId)[0].id });
    await write(part, viewerByEmail(db, "kommunpolis.ostermalm@example.se").id, "Östermalm i dag.");
    const clock = new Date(Date.now() + 1000);
    const sweep = startDailyVersionSweep(db, 60_000, () => clock);
    try {
      await waitFor(() => listVersions(db, ostermalm).some((v) => v.kind === "daglig" && v.createdAt === clock.toISOString()), 5000, "the daily version");
    } finally {
      sweep.stop();
    }
  });

  it("take their interval from DAILY_VERSION_INTERVAL_MS, validated", () => {
    expect(parseEnv({ NODE_ENV: "test", DAILY_VERSION_INTERVAL_MS: "60000" })).toMatchObject({ ok: true, env: { DAILY_VERSION_INTERVAL_MS: 60_000 } });
    const refused = parseEnv({ NODE_ENV: "test", DAILY_VERSION_INTERVAL_MS: "soon" });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toContain("DAILY_VERSION_INTERVAL_MS");
  });
});
