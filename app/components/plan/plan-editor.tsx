import type { Editor } from "@tiptap/core";
import { useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import { newRowUid, type DecidedPromise, type PlanRow } from "../../../db/domain/action-plan-rows";
import { connectionTexts } from "~/components/editor/connection-texts";
import type { CollabUser } from "~/components/editor/extensions";
import { useCollabSession } from "~/components/editor/use-collab-session";
import { addPlanRow, movePlanRow, planRowsOf, rowsMap } from "./plan-doc";
import { PlanRowView, type PlanChoices } from "./plan-row";
import type { RowFollowUpData } from "./row-follow-up";

interface Props {
  documentName: string;
  planId: number;
  editable: boolean;
  user: CollabUser;
  viewerId: number;
  choices: PlanChoices;
  decided: Record<string, DecidedPromise> | null;
  /** What SQL holds per row (its id, reports, uppdrag), by uid; rows added since the page loaded lack it. */
  rowsByUid: Record<string, (RowFollowUpData & { responsiblePersonId: number | null }) | undefined>;
}

/**
 * The rows of an åtgärdsplan, live: the page's Y.Doc over y-websocket (the editor's session
 * handling), each row's fields bound to its Y.Map. Awareness says which field each person is in,
 * so a same-field conflict can name who else changed it.
 */
export function PlanEditor({ documentName, planId, editable, user, viewerId, choices, decided, rowsByUid }: Props) {
  const noEditor = useRef<Editor | null>(null);
  const { session, connection, hasSynced, refusal, notice, people } = useCollabSession(documentName, user, noEditor);
  const rows = usePlanRows(session?.ydoc ?? null);
  const canWrite = editable && hasSynced && !refusal;
  const lastEditors = useLastEditors(session?.provider.awareness ?? null);
  const revalidator = useRevalidator();
  const [focusUid, setFocusUid] = useState<string | null>(null);
  // Rows added on this page open at once (others' new rows stay closed).
  const [addedHere] = useState(() => new Set<string>());

  // A row added (here or by someone else) has no reports or SQL id in this page's data yet: fetch them once it is mirrored.
  const missing = rows.filter((row) => !rowsByUid[row.uid]).length;
  useEffect(() => {
    if (missing === 0 || revalidator.state !== "idle") return;
    const timer = setTimeout(() => revalidator.revalidate(), 1500);
    return () => clearTimeout(timer);
  }, [missing]);

  useEffect(() => {
    if (!focusUid) return;
    document.querySelector<HTMLElement>(`[data-row-uid="${focusUid}"] textarea`)?.focus();
    setFocusUid(null);
  }, [focusUid, rows]);

  const doc = session?.ydoc ?? null;
  const order = rows.map((row) => row.uid).join(",");
  const move = useCallback((uid: string, step: -1 | 1) => doc && movePlanRow(doc, order.split(","), uid, step), [doc, order]);
  const otherEditor = useCallback((key: string) => lastEditors.current.get(key) ?? null, [lastEditors]);
  const setEditing = useCallback((key: string | null) => session?.provider.awareness.setLocalStateField("editing", key), [session]);

  const add = () => {
    if (!doc) return;
    const uid = newRowUid();
    addedHere.add(uid);
    addPlanRow(doc, uid);
    setFocusUid(uid);
  };

  return (
    <div className="plan-editor" data-plan-doc={documentName} data-plan-connection={connection} data-plan-rows={hasSynced ? rows.length : undefined}>
      <div className="live-editor__statusbar">
        <div role="status" className="live-editor__status">
          <span className={`live-editor__connection live-editor__connection--${connection}`}>{connectionTexts[connection]}</span>
          {notice && !refusal ? <span className="live-editor__notice"> {notice.message}</span> : null}
        </div>
        {people.length > 1 ? <p className="plan-editor__people">Här nu: {people.map((p) => (p.isMe ? `${p.name} (du)` : p.name)).join(", ")}</p> : null}
      </div>
      <div role="alert">{refusal ? <p className="notice notice--error">{refusal.message}</p> : null}</div>
      {!hasSynced ? (
        <p className="live-editor__loading">Laddar åtgärdsplanen…</p>
      ) : rows.length === 0 ? (
        <p>Planen har inga åtgärder än.</p>
      ) : (
        <ol className="plan-rows">
          {rows.map((row, index) => {
            const stored = rowsByUid[row.uid];
            return (
              <PlanRowView
                key={row.uid}
                doc={doc!}
                row={row}
                number={index + 1}
                count={rows.length}
                planId={planId}
                editable={canWrite}
                choices={choices}
                decided={decided}
                followUp={stored ?? null}
                mayReport={editable || stored?.responsiblePersonId === viewerId}
                user={user}
                move={move}
                initiallyOpen={addedHere.has(row.uid)}
                otherEditor={otherEditor}
                setEditing={setEditing}
              />
            );
          })}
        </ol>
      )}
      {canWrite ? (
        <button type="button" className="button" onClick={add}>
          Lägg till åtgärd
        </button>
      ) : null}
    </div>
  );
}

/**
 * The plan's rows as the Y.Doc holds them, re-read on every change. A row whose fields did not
 * change keeps its object, so only changed rows render again.
 */
function usePlanRows(doc: Y.Doc | null): PlanRow[] {
  const [rows, setRows] = useState<PlanRow[]>([]);
  useEffect(() => {
    if (!doc) return;
    let previous = new Map<string, { json: string; row: PlanRow }>();
    const read = () => {
      const next = new Map<string, { json: string; row: PlanRow }>();
      const list = planRowsOf(doc).map((row) => {
        const json = JSON.stringify(row);
        const kept = previous.get(row.uid);
        const same = kept && kept.json === json ? kept.row : row;
        next.set(row.uid, { json, row: same });
        return same;
      });
      previous = next;
      setRows(list);
    };
    read();
    const map = rowsMap(doc);
    const order = doc.getArray("order");
    map.observeDeep(read);
    order.observe(read);
    return () => {
      map.unobserveDeep(read);
      order.unobserve(read);
    };
  }, [doc]);
  return rows;
}

type Awareness = NonNullable<ReturnType<typeof useCollabSession>["session"]>["provider"]["awareness"];

/** Per field ("uid:field"), the name of the last other person seen editing it. */
function useLastEditors(awareness: Awareness | null) {
  const editors = useRef(new Map<string, string>());
  useEffect(() => {
    if (!awareness) return;
    const onChange = () => {
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue;
        const editing = (state as { editing?: unknown }).editing;
        const name = (state as { user?: { name?: unknown } }).user?.name;
        if (typeof editing === "string" && typeof name === "string") editors.current.set(editing, name);
      }
    };
    awareness.on("change", onChange);
    return () => awareness.off("change", onChange);
  }, [awareness]);
  return editors;
}
