import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { commentsQueries, db, type CommentView } from "~/models/db.server";
import { commentRefusal } from "~/models/comments.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { getViewer } from "~/utils/session.server";
import { IdSchema } from "~/utils/validation";

/**
 * The review comments of one live document, as a resource route (no page of its own) so that any
 * page with a live editor can show them: GET lists them for the viewer, POST adds, answers,
 * resolves or reopens one. The verbs decide who may; this route only parses and answers.
 * Every refusal is an answer with a status, never a redirect or a thrown response: the page
 * asks in the background (fetchers), and a redirect to the login page or an error page would
 * take the open editor, with any text it could not save, away from the person.
 */

const LOGGED_OUT = "Du är inte inloggad längre. Logga in igen för att se och skriva kommentarer.";

/** A resource route answers with a Response of its own (JSON, with the status that fits). */
function answer<T>(body: T, init?: ResponseInit): Response {
  return Response.json(body, init);
}

export type CommentListing = { comments: CommentView[]; canComment: boolean; problem?: string };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  if (!viewer) return answer<CommentListing>({ comments: [], canComment: false, problem: LOGGED_OUT }, { status: 401 });
  try {
    return answer<CommentListing>(commentsQueries.listComments(db(), viewer, params.documentName ?? ""));
  } catch (error) {
    const { message, status } = commentRefusal(error);
    return answer<CommentListing>({ comments: [], canComment: false, problem: message }, { status });
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
  const viewer = await getViewer(request);
  if (!viewer) return answer<CommentActionData>({ ok: false, fieldErrors: { form: LOGGED_OUT } }, { status: 401 });
  const documentName = params.documentName ?? "";
  const parsed = parseForm(CommentFormSchema, await request.formData());
  if (!parsed.ok) return answer<CommentActionData>({ ok: false, fieldErrors: parsed.fieldErrors }, { status: 400 });
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
    return answer<CommentActionData>({ ok: true, intent: form.intent, commentId });
  } catch (error) {
    const { message, field, status } = commentRefusal(error);
    return answer<CommentActionData>({ ok: false, fieldErrors: { [field]: message } }, { status });
  }
}
