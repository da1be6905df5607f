import { eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { ConflictError } from "../../db/queries/errors";
import { createGroup, getGroupForAdmin, updateGroup, type NewGroup } from "../../db/queries/groups";
import { auditLog, groupRequiredFunctions, groups } from "../../db/schema";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
beforeAll(async () => {
  db = await openSeededDatabase();
});
afterAll(() => closeDatabase());

const admin = () => viewerByEmail(db, "admin@example.se");

/** The group's settings as the edit form sends them back unchanged. */
function unchangedForm(groupId: number): NewGroup {
  const { requiredFunctions, agreementId, name, kind, level, focusArea, permanence, endsOn, minMeetingsPerYear, membersMayEditNotes } = getGroupForAdmin(
    db,
    admin(),
    groupId,
  )!;
  return { agreementId, name, kind, level, focusArea, permanence, endsOn, minMeetingsPerYear, membersMayEditNotes, requiredFunctions };
}

function storedNotes(groupId: number) {
  return db
    .select({ functionId: groupRequiredFunctions.functionId, note: groupRequiredFunctions.note })
    .from(groupRequiredFunctions)
    .where(eq(groupRequiredFunctions.groupId, groupId))
    .orderBy(groupRequiredFunctions.position)
    .all();
}

describe("a group's required functions and the agreement's wording of them", () => {
  it("keeps every wording when the form is saved unchanged, and saves an edited one", () => {
    const withNotes = db
      .select({ groupId: groupRequiredFunctions.groupId })
      .from(groupRequiredFunctions)
      .all()
      .find((row) => storedNotes(row.groupId).some((fn) => fn.note))!;
    const groupId = withNotes.groupId;
    const before = storedNotes(groupId);
    expect(before.filter((fn) => fn.note).length).toBeGreaterThan(0);

    const form = unchangedForm(groupId);
    expect(updateGroup(db, admin(), groupId, form)).toBe(true);
    expect(storedNotes(groupId)).toEqual(before);

    const edited = form.requiredFunctions!.map((fn, i) => (i === 0 ? { ...fn, note: "  Enligt bilaga 2, ny lydelse.  " } : fn));
    updateGroup(db, admin(), groupId, { ...form, requiredFunctions: edited });
    expect(storedNotes(groupId)).toEqual(before.map((fn, i) => (i === 0 ? { ...fn, note: "Enligt bilaga 2, ny lydelse." } : fn)));
  });

  it("creates a group under an agreement with its functions and their wording, audited; a function twice is refused", () => {
    const input: NewGroup = {
      agreementId: 1,
      name: "Arbetsgrupp trygghet i centrum",
      kind: "arbetsgrupp",
      level: "local",
      permanence: "fixed",
      requiredFunctions: [
        { name: "Kommunpolis", note: "Kommunpolisen i lokalpolisområdet" },
        { name: "Ny funktion i katalogen", note: null },
      ],
    };
    const id = createGroup(db, admin(), input);
    expect(getGroupForAdmin(db, admin(), id)!.requiredFunctions).toEqual(input.requiredFunctions);
    expect(
      db
        .select()
        .from(auditLog)
        .where(eq(auditLog.subject, `group:${id}`))
        .all()
        .map((e) => e.action),
    ).toEqual(["group.created"]);

    const twice = {
      ...input,
      name: "Dubbel",
      requiredFunctions: [
        { name: "Kommunpolis", note: null },
        { name: " Kommunpolis ", note: null },
      ],
    };
    expect(() => createGroup(db, admin(), twice)).toThrow(ConflictError);
    expect(db.select().from(groups).where(eq(groups.name, "Dubbel")).get()).toBeUndefined();
  });
});
