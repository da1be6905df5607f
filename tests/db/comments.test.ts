import { and, eq } from "drizzle-orm";
import * as Y from "yjs";
import { closeDatabase, type Db } from "../../db/client";
import { documentName } from "../../db/domain/document-names";
import { readDocumentText } from "../../db/documents/store";
import { addComment, listComments, replyToComment, setCommentResolved, MAX_ANCHOR_LENGTH } from "../../db/queries/comments";
import { ConflictError, ForbiddenError, NotFoundError } from "../../db/queries/errors";
import { ensureSituationPicture, listSections } from "../../db/queries/lagesbild";
import { insertMembership } from "../../db/queries/memberships";
import { insertPerson } from "../../db/queries/people";
import type { Viewer } from "../../db/queries/sessions";
import { agreements, auditLog, documentComments, groups } from "../../db/schema";
import { fixedNow, openSeededDatabase, viewerByEmail } from "../support/seeded-db";

let db: Db;
let sectionDoc: string;
let otherSectionDoc: string;
let member: Viewer;
let secondMember: Viewer;
let otherAgreementMember: Viewer;
let workingGroupMember: Viewer;
let reader: Viewer;
let admin: Viewer;

const agreementId = (slug: string) => db.select().from(agreements).where(eq(agreements.slug, slug)).get()!.id;
const groupId = (name: string) => db.select().from(groups).where(eq(groups.name, name)).get()!.id;

/** A person added for the test, with one membership. */
function personIn(group: string, role: "ledamot" | "lasare", email: string): Viewer {
  const id = insertPerson(db, { email, name: email.split("@")[0], passwordHash: null });
  insertMembership(db, { groupId: groupId(group), personId: id, role, functionId: null });
  return viewerByEmail(db, email);
}

/** An anchor as the editor makes it: two relative positions in a document's root fragment. */
function anchorJson(): string {
  const doc = new Y.Doc();
  const text = doc.getText("default");
  text.insert(0, "Otryggheten i centrum har ökat.");
  const json = (index: number) => Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
  const from = { ...json(3), tname: undefined, type: { client: 1, clock: 0 } };
  const to = json(10);
  doc.destroy();
  return JSON.stringify({ from: JSON.parse(JSON.stringify(from)), to });
}

beforeAll(async () => {
  db = await openSeededDatabase();
  const skarholmen = ensureSituationPicture(db, agreementId("skarholmen"), 2026, null, fixedNow);
  sectionDoc = documentName({ kind: "lagesbild_section", sectionId: listSections(db, skarholmen.id)[0].id });
  const other = db
    .select()
    .from(agreements)
    .where(and(eq(agreements.scope, "local")))
    .all()
    .find((a) => a.slug !== "skarholmen")!;
  const otherPicture = ensureSituationPicture(db, other.id, 2026, null, fixedNow);
  otherSectionDoc = documentName({ kind: "lagesbild_section", sectionId: listSections(db, otherPicture.id)[0].id });
  member = viewerByEmail(db, "sdd.skarholmen@example.se");
  secondMember = viewerByEmail(db, "lpo.skarholmen@example.se");
  otherAgreementMember = viewerByEmail(db, "kommunpolis.ostermalm@example.se");
  workingGroupMember = personIn("Arbetsgrupp avgränsade platser", "ledamot", "arbetsgrupp.kommentar@example.se");
  reader = personIn("Lokal styrgrupp Skärholmen", "lasare", "lasare.kommentar@example.se");
  admin = viewerByEmail(db, "admin@example.se");
});
afterAll(() => closeDatabase());

describe("comments on a selection of a live document", () => {
  it("a member who may edit comments, replies and resolves; the text is untouched and each step is in the audit log", () => {
    const before = readDocumentText(db, sectionDoc);
    const id = addComment(
      db,
      member,
      { documentName: sectionDoc, anchor: anchorJson(), quote: "  tryggheten\n i centrum ", body: "Källa saknas här." },
      fixedNow,
    );
    replyToComment(db, secondMember, { commentId: id, body: "Lägger till Trygghetsmätningen." }, fixedNow);
    const [comment] = listComments(db, secondMember, sectionDoc).comments.filter((c) => c.id === id);
    expect(comment).toMatchObject({ quote: "tryggheten i centrum", body: "Källa saknas här.", authorName: "Sara Lindqvist", resolvedAt: null });
    expect(comment.anchor?.from.type).toEqual({ client: 1, clock: 0 });
    expect(comment.replies.map((r) => [r.authorName, r.body])).toEqual([["Johan Bergström", "Lägger till Trygghetsmätningen."]]);

    setCommentResolved(db, secondMember, id, true, fixedNow);
    const resolved = listComments(db, member, sectionDoc).comments.find((c) => c.id === id)!;
    expect(resolved.resolvedByName).toBe("Johan Bergström");
    setCommentResolved(db, member, id, false, fixedNow);
    expect(listComments(db, member, sectionDoc).comments.find((c) => c.id === id)!.resolvedAt).toBeNull();

    expect(readDocumentText(db, sectionDoc)).toBe(before);
    const entries = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subject, `document:${sectionDoc}`))
      .all();
    expect(entries.map((e) => e.action)).toEqual(["comment.added", "comment.added", "comment.resolved", "comment.resolved"]);
    expect(JSON.parse(entries[0].payload)).toMatchObject({ title: "Lägesbild 2026: Underlag och källor", detail: "Källa saknas här." });
    expect(JSON.parse(entries[3].payload)).toMatchObject({ resolved: false });
  });

  it("lists open comments before resolved ones", () => {
    const first = addComment(db, member, { documentName: sectionDoc, anchor: anchorJson(), quote: "a", body: "Första" }, fixedNow);
    const second = addComment(db, member, { documentName: sectionDoc, anchor: anchorJson(), quote: "b", body: "Andra" }, fixedNow);
    setCommentResolved(db, member, first, true, fixedNow);
    const ids = listComments(db, member, sectionDoc).comments.map((c) => c.id);
    expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first));
  });

  it("readers see comments but may not comment: working-group members, läsare and administrators", () => {
    const id = addComment(db, member, { documentName: sectionDoc, anchor: anchorJson(), quote: "x", body: "Synlig för läsare" }, fixedNow);
    for (const viewer of [workingGroupMember, reader, admin]) {
      const listing = listComments(db, viewer, sectionDoc);
      expect(listing.canComment).toBe(false);
      expect(listing.comments.some((c) => c.id === id)).toBe(true);
      expect(() => addComment(db, viewer, { documentName: sectionDoc, anchor: anchorJson(), quote: "x", body: "Nej" })).toThrow(ForbiddenError);
      expect(() => replyToComment(db, viewer, { commentId: id, body: "Nej" })).toThrow(ForbiddenError);
      expect(() => setCommentResolved(db, viewer, id, true)).toThrow(ForbiddenError);
    }
    expect(listComments(db, member, sectionDoc).canComment).toBe(true);
  });

  it("a member of another agreement can neither see nor comment on nor resolve the comments (one answer for missing and not yours)", () => {
    const id = addComment(db, member, { documentName: sectionDoc, anchor: anchorJson(), quote: "x", body: "Intern" }, fixedNow);
    expect(() => listComments(db, otherAgreementMember, sectionDoc)).toThrow(NotFoundError);
    expect(() => addComment(db, otherAgreementMember, { documentName: sectionDoc, anchor: anchorJson(), quote: "x", body: "Nej" })).toThrow(NotFoundError);
    expect(() => setCommentResolved(db, otherAgreementMember, id, true)).toThrow(NotFoundError);
    expect(() => replyToComment(db, otherAgreementMember, { commentId: id, body: "Nej" })).toThrow(NotFoundError);
    // Nor may the Skärholmen member touch the other agreement's lägesbild.
    expect(() => listComments(db, member, otherSectionDoc)).toThrow(NotFoundError);
    expect(() => addComment(db, member, { documentName: otherSectionDoc, anchor: anchorJson(), quote: "x", body: "Nej" })).toThrow(NotFoundError);
    expect(db.select().from(documentComments).where(eq(documentComments.documentName, otherSectionDoc)).all()).toEqual([]);
  });

  it("refuses document names that are not live documents, or not there", () => {
    for (const name of ["avsnitt-999999", "nonsense", "version-1-0", `${sectionDoc}x`]) {
      expect(() => listComments(db, member, name)).toThrow(NotFoundError);
      expect(() => addComment(db, member, { documentName: name, anchor: anchorJson(), quote: "x", body: "Nej" })).toThrow(NotFoundError);
    }
    expect(() => setCommentResolved(db, member, 999_999, true)).toThrow(NotFoundError);
  });

  it("refuses a malformed or oversized anchor, an empty or overlong body, and resolving a reply", () => {
    const good = JSON.parse(anchorJson());
    const bad = [
      "not json",
      "[]",
      JSON.stringify({ from: good.from }),
      JSON.stringify({ ...good, extra: 1 }),
      JSON.stringify({ from: good.from, to: {} }),
      JSON.stringify({ from: good.from, to: { item: { client: -1, clock: 0 } } }),
      JSON.stringify({ from: good.from, to: { item: { client: 1, clock: 0.5 } } }),
      JSON.stringify({ from: good.from, to: { tname: "other" } }),
      JSON.stringify({ from: good.from, to: { item: { client: 1, clock: 2 }, assoc: 7 } }),
      JSON.stringify({ from: good.from, to: { item: { client: 1, clock: 2, x: 1 } } }),
      JSON.stringify({ ...good, pad: "x".repeat(MAX_ANCHOR_LENGTH) }),
      " ".repeat(MAX_ANCHOR_LENGTH + 1),
    ];
    for (const anchor of bad) {
      expect(() => addComment(db, member, { documentName: sectionDoc, anchor, quote: "x", body: "Kommentar" }), anchor.slice(0, 60)).toThrow(ConflictError);
    }
    expect(() => addComment(db, member, { documentName: sectionDoc, anchor: anchorJson(), quote: "x", body: "   " })).toThrow("Skriv en kommentar.");
    expect(() => addComment(db, member, { documentName: sectionDoc, anchor: anchorJson(), quote: "x", body: "x".repeat(2001) })).toThrow(ConflictError);
    const id = addComment(db, member, { documentName: sectionDoc, anchor: anchorJson(), quote: "x".repeat(1000), body: "Lång markering" }, fixedNow);
    expect(listComments(db, member, sectionDoc).comments.find((c) => c.id === id)!.quote.length).toBeLessThanOrEqual(300);
    const reply = replyToComment(db, member, { commentId: id, body: "Svar" });
    expect(() => setCommentResolved(db, member, reply, true)).toThrow(NotFoundError);
    expect(() => replyToComment(db, member, { commentId: reply, body: "Svar på svar" })).toThrow(NotFoundError);
  });
});
