import { eq } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { ConflictError, ForbiddenError } from "../../db/queries/errors";
import { IMPORT_MAX_ROWS, importPeople, parsePeopleCsv, previewPeopleImport } from "../../db/queries/people-import";
import { auditLog, people } from "../../db/schema";
import { openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
beforeAll(async () => {
  db = await openSeededDatabase();
});
afterAll(() => closeDatabase());

const admin = () => viewerByEmail(db, "admin@example.se");

function fileError(text: string): string {
  try {
    parsePeopleCsv(text);
  } catch (error) {
    if (error instanceof ConflictError && error.field === "file") return error.message;
    throw error;
  }
  throw new Error("expected the file to be refused");
}

describe("reading a people CSV", () => {
  it("reads Excel's semicolons with a BOM and CRLF, a comma file, quoted fields and headers in any case and order", () => {
    const excel = "\uFEFFNamn;E-post;Titel;Organisation\r\nAnna Ek;Anna.Ek@example.se ;Trygghetssamordnare;Skärholmens stadsdelsförvaltning\r\n;;;\r\n";
    expect(parsePeopleCsv(excel)).toEqual([
      { line: 2, fields: { name: "Anna Ek", email: "Anna.Ek@example.se", title: "Trygghetssamordnare", organisation: "Skärholmens stadsdelsförvaltning" } },
    ]);
    const comma = 'e-post,namn\nbo@example.se,"Lind, Bo"\n';
    expect(parsePeopleCsv(comma)).toEqual([{ line: 2, fields: { name: "Lind, Bo", email: "bo@example.se", title: "", organisation: "" } }]);
  });

  it("refuses a file without the header, with an unknown column, empty, unreadable or too long", () => {
    expect(fileError("Anna Ek;anna@example.se\n")).toMatch(/Okänd kolumn/);
    expect(fileError("namn;titel\nAnna;x\n")).toMatch(/namn och e-post måste finnas/);
    expect(fileError("namn;e-post;telefon\nA;a@example.se;1\n")).toMatch(/Okänd kolumn ”telefon”/);
    expect(fileError("")).toMatch(/tom/);
    expect(fileError("namn;e-post\n")).toMatch(/inga personer/);
    expect(fileError('namn;e-post\n"Anna;a@example.se\n')).toMatch(/går inte att läsa/);
    const tooMany = ["namn;e-post", ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => `P ${i};p${i}@example.se`)].join("\n");
    expect(fileError(tooMany)).toMatch(/Högst 1000 personer/);
    expect(fileError(`namn;e-post\n${"x".repeat(600 * 1024)};a@example.se`)).toMatch(/för stor/);
  });
});

describe("importing people", () => {
  const csv = [
    "namn;e-post;titel;organisation",
    "Anna Ek;anna.ek@example.se;Trygghetssamordnare;skärholmens stadsdelsförvaltning",
    "Bo Lind;BO.LIND@example.se;;",
    ";utan.namn@example.se;;",
    "Cecilia Berg;inte-en-adress;;",
    "Dan Ek;sdd.skarholmen@example.se;;",
    "Bo Lind igen;bo.lind@example.se;;",
    "Eva Ny;eva.ny@example.se;;Finns inte AB",
  ].join("\n");

  it("previews every row with its errors and writes nothing", () => {
    const before = db.select().from(people).all().length;
    const rows = previewPeopleImport(db, admin(), csv);
    expect(rows.map((r) => [r.line, r.errors])).toEqual([
      [2, []],
      [3, []],
      [4, ["Namn saknas."]],
      [5, ["Ogiltig e-postadress."]],
      [6, ["Det finns redan en person med den e-postadressen."]],
      [7, ["Samma e-postadress som på rad 3."]],
      [8, ["Det finns ingen organisation som heter ”Finns inte AB”."]],
    ]);
    expect(rows[0].organisationId).not.toBeNull();
    expect(db.select().from(people).all().length).toBe(before);
  });

  it("creates only the valid rows, without passwords, one audit entry each, checking the database again", () => {
    // Someone else added Bo Lind between the preview and the import.
    db.insert(people).values({ email: "bo.lind@example.se", name: "Bo Lind", createdAt: new Date().toISOString() }).run();
    const auditBefore = db.select().from(auditLog).all().length;
    const rows = importPeople(db, admin(), csv);
    expect(rows.filter((r) => r.errors.length === 0).map((r) => r.email)).toEqual(["anna.ek@example.se"]);
    expect(rows[1].errors).toEqual(["Det finns redan en person med den e-postadressen."]);
    const anna = db.select().from(people).where(eq(people.email, "anna.ek@example.se")).get()!;
    expect(anna).toMatchObject({ name: "Anna Ek", title: "Trygghetssamordnare", passwordHash: null, active: true });
    const entries = db.select().from(auditLog).all().slice(auditBefore);
    expect(entries.map((e) => [e.action, e.subject])).toEqual([["person.created", `person:${anna.id}`]]);
    expect(JSON.parse(entries[0].payload)).toEqual({ name: "Anna Ek", email: "anna.ek@example.se", imported: true });
  });

  it("is for administrators only", () => {
    const member = viewerByEmail(db, "sdd.skarholmen@example.se");
    expect(() => previewPeopleImport(db, member, csv)).toThrow(ForbiddenError);
    expect(() => importPeople(db, member, csv)).toThrow(ForbiddenError);
  });
});
