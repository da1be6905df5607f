import { data } from "@remix-run/node";
import { z } from "zod";
import { actionRowStatuses, ragMarks } from "../../db/domain/enums";
import { MAX_REPORT_COMMENT_LENGTH } from "../../db/queries/action-plan-rows";
import { parseForm } from "../utils/forms";
import { IdSchema } from "../utils/validation";
import { actionPlansQueries, db, type Viewer } from "./db.server";
import { refusalFrom } from "./domain-errors.server";

/** A follow-up report of an åtgärd: status, RAG mark (or none) and comment in one submit. */
export const RowReportSchema = z.object({
  intent: z.literal("report"),
  rowId: IdSchema,
  status: z.enum(actionRowStatuses, { error: "Välj status." }),
  rag: z.preprocess(
    (value) => (value === "" || value === undefined ? null : value),
    z.enum(ragMarks, { error: "Välj grönt, gult, rött eller ingen bedömning." }).nullable(),
  ),
  comment: z
    .string()
    .trim()
    .max(MAX_REPORT_COMMENT_LENGTH, { error: `Kommentaren får vara högst ${MAX_REPORT_COMMENT_LENGTH} tecken.` })
    .default(""),
});

/** The report form's post, from the plan page or "Mina åtgärder": `{ ok }`, with field errors when refused. */
export async function handleRowReport(viewer: Viewer, request: Request) {
  const parsed = parseForm(RowReportSchema, await request.formData());
  if (!parsed.ok) return data({ ok: false as const, fieldErrors: parsed.fieldErrors }, { status: 400 });
  const { rowId, status, rag, comment } = parsed.data;
  try {
    actionPlansQueries.reportActionRow(db(), viewer, rowId, { status, rag, comment });
    return { ok: true as const, rowId };
  } catch (error) {
    const { fieldErrors, status: httpStatus } = refusalFrom(error);
    return data({ ok: false as const, fieldErrors, rowId }, { status: httpStatus });
  }
}
