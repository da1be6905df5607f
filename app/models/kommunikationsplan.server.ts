import { getDb } from "../../db/client";
import * as plans from "../../db/queries/communication-plans";
import type { Viewer } from "../../db/queries/sessions";
export type { VersionActivity } from "../../db/queries/communication-plans";
import { parseForm, type FieldErrors } from "../utils/forms";
import { ActivityIdSchema, ActivitySchema, MoveActivitySchema } from "../utils/kommunikationsplan-validation";
import { refusalFrom } from "./domain-errors.server";

export type ActivityActionResult =
  { ok: true; intent: string; target: string; message: string } | { ok: false; intent: string; target: string; fieldErrors: FieldErrors; status: 200 | 404 };

export const activityIntents = ["add-activity", "edit-activity", "remove-activity", "move-activity"] as const;

/** Validates the form at the boundary, then runs the verb (which checks the viewer's rights); its message on success. */
function runActivityIntent(
  viewer: Viewer,
  planId: number,
  intent: string,
  form: FormData,
): { ok: true; message: string } | { ok: false; fieldErrors: FieldErrors } {
  const db = getDb();
  if (intent === "add-activity" || intent === "edit-activity") {
    const parsed = parseForm(ActivitySchema, form);
    if (!parsed.ok) return parsed;
    if (intent === "add-activity") {
      plans.addActivity(db, viewer, planId, parsed.data);
      return { ok: true, message: "Aktiviteten är tillagd." };
    }
    const id = parseForm(ActivityIdSchema, form);
    if (!id.ok) return id;
    plans.updateActivity(db, viewer, id.data.activityId, parsed.data);
    return { ok: true, message: "Aktiviteten är sparad." };
  }
  if (intent === "move-activity") {
    const parsed = parseForm(MoveActivitySchema, form);
    if (!parsed.ok) return parsed;
    plans.moveActivity(db, viewer, parsed.data.activityId, parsed.data.direction);
    return { ok: true, message: "Aktiviteten är flyttad." };
  }
  const parsed = parseForm(ActivityIdSchema, form);
  if (!parsed.ok) return parsed;
  plans.removeActivity(db, viewer, parsed.data.activityId);
  return { ok: true, message: "Aktiviteten är borttagen." };
}

/**
 * A form post about the plan's activities. `target` names the activity the form was about (or
 * "new"), so the answer's messages are shown next to that form only. Null for other intents.
 */
export function handleActivityAction(viewer: Viewer, planId: number, form: FormData): ActivityActionResult | null {
  const intent = String(form.get("intent") ?? "");
  if (!(activityIntents as readonly string[]).includes(intent)) return null;
  const target = String(form.get("activityId") ?? "new");
  try {
    const result = runActivityIntent(viewer, planId, intent, form);
    return result.ok ? { ok: true, intent, target, message: result.message } : { ok: false, intent, target, fieldErrors: result.fieldErrors, status: 200 };
  } catch (error) {
    const { fieldErrors, status } = refusalFrom(error);
    return { ok: false, intent, target, fieldErrors, status };
  }
}
