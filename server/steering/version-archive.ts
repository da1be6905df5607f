import { createHash } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { type Db, writeTransaction } from "../../db/client";
import { documentVersions } from "../../db/schema";
import { renderVersionOffThread } from "../protocol/render-pool";
import { versionDocument } from "./version-data";

/**
 * Renders a decided version to PDF/A once and stores it with its SHA-256 on the version, like the
 * protocol at justering (archive.ts). Called after the adoption that decided it; a version whose PDF
 * could not be rendered then (render pool busy or failing) is archived when it is first downloaded.
 * Only the first stored PDF counts: a second call racing it changes nothing.
 */
export async function archiveVersionPdf(db: Db, versionId: number): Promise<void> {
  const data = versionDocument(db, versionId);
  if (!data?.decided) return;
  const pdf = await renderVersionOffThread(data, { archival: true });
  const pdfSha256 = createHash("sha256").update(pdf).digest("hex");
  writeTransaction(db, (tx) => {
    tx.update(documentVersions)
      .set({ pdf, pdfSha256 })
      .where(and(eq(documentVersions.id, versionId), isNull(documentVersions.pdf)))
      .run();
  });
}

/**
 * A version's PDF: the stored bytes of a decided version (archived now if that failed at adoption),
 * served as they are; any other version rendered on demand. Null when there is no such version.
 */
export async function versionPdf(db: Db, versionId: number): Promise<Buffer | null> {
  const stored = () =>
    db.select({ pdf: documentVersions.pdf, decisionId: documentVersions.decisionId }).from(documentVersions).where(eq(documentVersions.id, versionId)).get();
  const row = stored();
  if (!row) return null;
  if (row.pdf) return row.pdf;
  if (row.decisionId !== null) {
    await archiveVersionPdf(db, versionId);
    return stored()!.pdf;
  }
  const data = versionDocument(db, versionId);
  return data ? renderVersionOffThread(data) : null;
}
