import * as Y from "yjs";
import type { Db } from "../../db/client";
import { readPlanRows } from "../../db/queries/action-plan-schema";
import type { DocumentRef } from "../../db/domain/document-names";
import { mirrorPlanRows, referenceProblem } from "../../db/queries/action-plan-rows";

export type ContentVerdict = { ok: true; afterCommit?: () => void } | { ok: false; problem: string };

/**
 * What a kind of live document must hold beyond being valid Yjs. The collab server applies each
 * incoming update to a copy of the document and asks the rule about the result (`candidate`) before
 * touching the real one; a refusal closes the sender's connection (4422) and nothing is applied.
 * `afterCommit` runs once the update is stored, in commit order: it may mirror the content into SQL,
 * which then never claims content that is not committed. Problems go to the server log only.
 */
export interface ContentRule {
  check(current: Y.Doc, candidate: Y.Doc): ContentVerdict;
  /** The document as loaded (its stored, hence committed, state). */
  loaded?(doc: Y.Doc): void;
}

/** The rule of a document, or null when its kind has none. */
export type ContentRules = (ref: DocumentRef) => ContentRule | null;

export function contentRules(db: Db): ContentRules {
  return (ref) => (ref.kind === "atgardsplan" ? planRowsRule(db, ref.planId) : null);
}

/**
 * An åtgärdsplan's rows: the row schema, references to this agreement only, and the SQL mirror.
 * The mirror runs on the main thread after the writer thread's commit (the writer thread only
 * appends Yjs updates; the rows it would need are already read here, and the main connection owns
 * every other domain write).
 */
function planRowsRule(db: Db, planId: number): ContentRule {
  return {
    check(current, candidate) {
      const after = readPlanRows(candidate);
      if (!after.ok) return after;
      const before = readPlanRows(current);
      const problem = referenceProblem(db, planId, before.ok ? before.rows : [], after.rows);
      if (problem) return { ok: false, problem };
      return { ok: true, afterCommit: () => mirrorPlanRows(db, planId, after.rows) };
    },
    loaded(doc) {
      // Catches up a mirror that missed the last commit (a crash between the commit and the mirror).
      const rows = readPlanRows(doc);
      if (rows.ok) mirrorPlanRows(db, planId, rows.rows);
      else console.error(`collab: stored plan ${planId} is outside the row schema: ${rows.problem}`);
    },
  };
}

/** The document as it would be after `update`: a copy, so the live one is untouched until the verdict. */
export function candidateAfter(doc: Y.Doc, update: Uint8Array): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  Y.applyUpdate(copy, update);
  return copy;
}
