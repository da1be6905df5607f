import { eq } from "drizzle-orm";
import * as Y from "yjs";
import { closeDatabase, type Db } from "../../db/client";
import { documentName } from "../../db/domain/document-names";
import { addComment, listComments, parseCommentAnchor, replyToComment, resolveComment } from "../../db/queries/comments";
import { ConflictError, ForbiddenError, NotFoundError } from "../../db/queries/errors";
import { listSections } from "../../db/queries/lagesbild";
import type { Viewer } from "../../db/queries/sessions";
import { lagesbildVersionsPage } from "../../db/queries/versions";
import { auditLog } from "../../db/schema";
import { addMemberOnly, fixedNow, openSeededDatabase, viewerByEmail } from "../support/seeded-db";

/** Review comments on a selection of a lägesbild section: who may write them, and what an anchor may be. */
let db: Db;
let chair: Viewer;
let section: string;

/** A selection of characters 2–7 of a paragraph, as the editor sends it (Yjs relative positions as JSON). */
function selection(): string {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText("Tryggheten har ökat.");
  paragraph.insert(0, [text]);
  doc.getXmlFragment("default").insert(0, [paragraph]);
  const at = (index: number) => Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
  return JSON.stringify({ anchor: at(2), head: at(7) });
}

beforeAll(async () => {
  db = await openSeededDatabase();
  chair = viewerByEmail(db, "sdd.skarholmen@example.se");
  const page = lagesbildVersionsPage(db, chair, "skarholmen", 2026, fixedNow)!;
  section = documentName({ kind: "lagesbild_section", sectionId: listSections(db, page.subject.subjectId)[1].id });
});
afterAll(() => closeDatabase());

describe("comments", () => {
  it("are written, answered and resolved by members who may edit, and audited with the section's title", () => {
    const comment = addComment(db, chair, section, { anchor: selection(), quote: "ygghe", body: "  Källa?  " });
    expect(comment).toMatchObject({ body: "Källa?", quote: "ygghe", authorId: chair.id, parentId: null });
    const coChair = viewerByEmail(db, "lpo.skarholmen@example.se");
    replyToComment(db, coChair, comment.id, "Polisens statistik 2025.");
    expect(() => replyToComment(db, chair, comment.id + 1, "Svar på ett svar")).toThrow(NotFoundError);
    resolveComment(db, coChair, comment.id);
    expect(() => resolveComment(db, chair, comment.id)).toThrow(/redan löst/);
    const [listed] = listComments(db, chair, section);
    expect(listed).toMatchObject({ id: comment.id, authorName: chair.name, resolvedBy: coChair.id });
    expect(listed.replies.map((r) => r.body)).toEqual(["Polisens statistik 2025."]);
    const audit = db.select().from(auditLog).where(eq(auditLog.action, "comment.added")).all();
    expect(JSON.parse(audit[0].payload)).toMatchObject({ title: "Lägesbild 2026: Kommunens analys", detail: "Källa?" });
  });

  it("are refused to a member of another agreement, an arbetsgrupp member and a läsare (who may still read them)", () => {
    const input = { anchor: selection(), quote: "", body: "Utifrån" };
    expect(() => addComment(db, viewerByEmail(db, "kommunpolis.ostermalm@example.se"), section, input)).toThrow(NotFoundError);
    expect(() => listComments(db, viewerByEmail(db, "kommunpolis.ostermalm@example.se"), section)).toThrow(NotFoundError);
    const worker = addMemberOnly(db, "Arbetsgrupp avgränsade platser", "ledamot", "arbetsgrupp.kommentar@example.se");
    expect(() => addComment(db, worker, section, input)).toThrow(ForbiddenError);
    const reader = addMemberOnly(db, "Lokal beredningsgrupp Skärholmen", "lasare", "lasare.kommentar@example.se");
    expect(() => addComment(db, reader, section, input)).toThrow(ForbiddenError);
    expect(listComments(db, reader, section)).toHaveLength(1);
  });

  it("refuse a malformed anchor, an empty body and documents that take no comments", () => {
    for (const anchor of [
      "",
      "not json",
      "{}",
      '{"anchor":{"item":{"client":-1,"clock":0}},"head":{"tname":"default"}}',
      '{"anchor":{"x":1},"head":{"tname":"default"}}',
      JSON.stringify({ anchor: { tname: "default" }, head: { tname: "default" }, extra: 1 }),
      "x".repeat(3000),
    ]) {
      expect(() => parseCommentAnchor(anchor), anchor.slice(0, 40)).toThrow(ConflictError);
    }
    expect(() => addComment(db, chair, section, { anchor: selection(), quote: "", body: "   " })).toThrow(/Skriv en kommentar/);
    expect(() => addComment(db, chair, "meeting-1-minutes", { anchor: selection(), quote: "", body: "Hej" })).toThrow(NotFoundError);
    expect(() => addComment(db, chair, "version-1-0", { anchor: selection(), quote: "", body: "Hej" })).toThrow(NotFoundError);
  });
});
