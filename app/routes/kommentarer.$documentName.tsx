import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { refusalFrom } from "~/models/domain-errors.server";
import { commentsQueries, db } from "~/models/db.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { notFound } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";
import { IdSchema } from "~/utils/validation";

/**
 * The review comments of one live document, as a resource route (no page of its own) so that any
 * page with a live editor can show them: GET lists them for the viewer, POST adds, answers,
 * resolves or reopens one. The verbs decide who may; this route only parses and answers.
 */

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  try {
    return commentsQueries.listComments(db(), viewer, params.documentName ?? "");
  } catch (error) {
    throw refusalFrom(error).status === 404 ? notFound() : error;
  }
}

const text = (max: number) => z.string().max(max * 2, { error: "Texten är för lång." });
const CommentFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), anchor: text(1000), quote: text(300), body: text(2000) }),
  z.object({ intent: z.literal("reply"), commentId: IdSchema, body: text(2000) }),
  z.object({ intent: z.enum(["resolve", "reopen"]), commentId: IdSchema }),
]);

export type CommentActionData = { ok: true; intent: string; commentId: number } | { ok: false; fieldErrors: FieldErrors };

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const documentName = params.documentName ?? "";
  const parsed = parseForm(CommentFormSchema, await request.formData());
  if (!parsed.ok) return data<CommentActionData>({ ok: false, fieldErrors: parsed.fieldErrors }, { status: 400 });
  const form = parsed.data;
  try {
    let commentId: number;
    if (form.intent === "add") {
      commentId = commentsQueries.addComment(db(), viewer, { documentName, anchor: form.anchor, quote: form.quote, body: form.body });
    } else if (form.intent === "reply") {
      commentsQueries.replyToComment(db(), viewer, { commentId: form.commentId, body: form.body });
      commentId = form.commentId;
    } else {
      commentsQueries.setCommentResolved(db(), viewer, form.commentId, form.intent === "resolve");
      commentId = form.commentId;
    }
    return data<CommentActionData>({ ok: true, intent: form.intent, commentId });
  } catch (error) {
    const { fieldErrors, status } = refusalFrom(error);
    return data<CommentActionData>({ ok: false, fieldErrors }, { status });
  }
}
