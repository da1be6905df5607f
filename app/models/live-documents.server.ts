import { getDb } from "../../db/client";
import { documentName, type DocumentRef } from "../../db/domain/document-names";
import { documentAccess } from "../../db/queries/document-access";
import type { Viewer } from "../../db/queries/sessions";
import { colourFor } from "../../db/domain/colours";

export interface EditorProps {
  documentName: string;
  editable: boolean;
  locked: boolean;
}

/**
 * What a page needs to render a live editor for a document: its name and
 * whether this viewer may edit it (the collab server enforces the same rule).
 * Null when the viewer may not open it.
 */
export function editorFor(viewer: Viewer, ref: DocumentRef): EditorProps | null {
  const access = documentAccess(getDb(), viewer, ref);
  if (!access.ok) return null;
  return { documentName: documentName(ref), editable: access.mode === "edit", locked: access.locked };
}

/** The name and caret colour a person has in every live document. */
export function editorUser(viewer: Viewer) {
  return { name: viewer.name, color: colourFor(viewer.id) };
}
