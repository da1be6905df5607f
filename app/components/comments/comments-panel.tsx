import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { CommentView } from "~/models/db.server";
import type { CommentActionData } from "~/routes/kommentarer.$documentName";
import { formatClock, formatIsoDate } from "~/utils/format";
import type { DocumentComments } from "./use-document-comments";
import commentsStylesHref from "./comments.css";

/** Routes that show a <CommentsPanel> add it to their links. */
export { commentsStylesHref };

const when = (iso: string) => `${formatIsoDate(iso)} ${formatClock(iso)}`;

/**
 * The review comments of one live document, beside its editor: the form for a new comment on the
 * selection, then open comments (oldest first) and resolved ones. Those who may edit the document
 * answer, resolve and reopen; others read. Nothing here changes the document's text.
 */
export function CommentsPanel({ comments, heading = "h2" }: { comments: DocumentComments; heading?: "h2" | "h3" | "h4" }) {
  const headingId = useId();
  const Heading = heading;
  const SubHeading = heading === "h2" ? "h3" : heading === "h3" ? "h4" : "h5";
  const open = comments.comments.filter((c) => c.resolvedAt === null);
  const resolved = comments.comments.filter((c) => c.resolvedAt !== null);
  // After a comment is saved or moved between the lists, focus follows it.
  const [focusId, setFocusId] = useState<number | null>(null);
  const onDone = (commentId: number, message: string) => {
    comments.announce(message);
    setFocusId(commentId);
    comments.reload();
  };

  return (
    <section className="comments" aria-labelledby={headingId} data-comments-doc={comments.documentName}>
      <Heading id={headingId} className="comments__heading">
        Kommentarer {open.length > 0 ? <span className="comments__count">({open.length} öppna)</span> : null}
      </Heading>
      <p role="status" className="comments__status">
        {comments.status}
      </p>
      {comments.problem ? <p className="notice notice--error">{comments.problem}</p> : null}
      {comments.draft ? <NewCommentForm comments={comments} onSaved={(id) => onDone(id, "Kommentaren är sparad.")} /> : null}
      {comments.canComment && !comments.draft ? (
        <p className="comments__hint">Markera text i dokumentet och välj Kommentera i verktygsfältet för att kommentera den.</p>
      ) : null}
      {comments.loaded && comments.comments.length === 0 ? <p className="comments__empty">Inga kommentarer.</p> : null}
      <CommentList comments={comments} items={open} label="Öppna kommentarer" focusId={focusId} onDone={onDone} />
      {resolved.length > 0 ? (
        <>
          <SubHeading className="comments__subheading">Lösta kommentarer</SubHeading>
          <CommentList comments={comments} items={resolved} label="Lösta kommentarer" focusId={focusId} onDone={onDone} />
        </>
      ) : null}
    </section>
  );
}

function CommentList({
  comments,
  items,
  label,
  focusId,
  onDone,
}: {
  comments: DocumentComments;
  items: CommentView[];
  label: string;
  focusId: number | null;
  onDone: (commentId: number, message: string) => void;
}) {
  if (items.length === 0) return null;
  return (
    <ul className="comments__list" aria-label={label}>
      {items.map((comment) => (
        <CommentItem key={comment.id} comments={comments} comment={comment} focus={focusId === comment.id} onDone={onDone} />
      ))}
    </ul>
  );
}

function CommentItem({
  comments,
  comment,
  focus,
  onDone,
}: {
  comments: DocumentComments;
  comment: CommentView;
  focus: boolean;
  onDone: (commentId: number, message: string) => void;
}) {
  const itemRef = useRef<HTMLLIElement>(null);
  const [replying, setReplying] = useState(false);
  const isResolved = comment.resolvedAt !== null;
  useEffect(() => {
    if (focus) itemRef.current?.focus();
  }, [focus, isResolved]);

  return (
    <li ref={itemRef} tabIndex={-1} className={`comments__item${isResolved ? " comments__item--resolved" : ""}`} data-comment-id={comment.id}>
      {comment.quote ? <blockquote className="comments__quote">{comment.quote}</blockquote> : null}
      <p className="comments__body">{comment.body}</p>
      <p className="comments__meta">
        {comment.authorName}, {when(comment.createdAt)}
        {comment.resolvedAt ? ` · Löst av ${comment.resolvedByName ?? "okänd"} ${when(comment.resolvedAt)}` : null}
      </p>
      {comment.replies.length > 0 ? (
        <ul className="comments__replies" aria-label="Svar">
          {comment.replies.map((reply) => (
            <li key={reply.id} className="comments__reply">
              <p className="comments__body">{reply.body}</p>
              <p className="comments__meta">
                {reply.authorName}, {when(reply.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {comments.canComment ? (
        <div className="comments__actions">
          <IntentButton
            comments={comments}
            commentId={comment.id}
            intent={isResolved ? "reopen" : "resolve"}
            onDone={() => onDone(comment.id, isResolved ? "Kommentaren är öppen igen." : "Kommentaren är markerad som löst.")}
          >
            {isResolved ? "Öppna igen" : "Markera som löst"}
          </IntentButton>
          {!isResolved ? (
            <button type="button" className="button button--quiet" aria-expanded={replying} onClick={() => setReplying((r) => !r)}>
              Svara
            </button>
          ) : null}
        </div>
      ) : null}
      {replying && !isResolved ? (
        <ReplyForm
          comments={comments}
          commentId={comment.id}
          onClose={() => setReplying(false)}
          onSaved={() => {
            setReplying(false);
            onDone(comment.id, "Svaret är sparat.");
          }}
        />
      ) : null}
    </li>
  );
}

/** Calls `onSuccess` once when the fetcher's submission comes back accepted. */
function useSubmitted(fetcher: { state: string; data?: CommentActionData }, onSuccess: (data: Extract<CommentActionData, { ok: true }>) => void) {
  const handled = useRef<unknown>(undefined);
  const callback = useRef(onSuccess);
  callback.current = onSuccess;
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok && handled.current !== fetcher.data) {
      handled.current = fetcher.data;
      callback.current(fetcher.data);
    }
  }, [fetcher.state, fetcher.data]);
}

const formError = (data: CommentActionData | undefined) => (data && !data.ok ? Object.values(data.fieldErrors)[0] : undefined);

function IntentButton({
  comments,
  commentId,
  intent,
  onDone,
  children,
}: {
  comments: DocumentComments;
  commentId: number;
  intent: "resolve" | "reopen";
  onDone: () => void;
  children: ReactNode;
}) {
  const fetcher = useFetcher<CommentActionData>();
  useSubmitted(fetcher, onDone);
  const error = formError(fetcher.data);
  return (
    <fetcher.Form method="post" action={comments.action} className="comments__inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="commentId" value={commentId} />
      <button type="submit" className="button button--secondary" disabled={fetcher.state !== "idle"}>
        {children}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fetcher.Form>
  );
}

/** A textarea form whose Escape cancels; shared by the new comment and the reply. */
function TextForm({
  comments,
  fields,
  label,
  submitLabel,
  onCancel,
  onSaved,
  children,
}: {
  comments: DocumentComments;
  fields: Record<string, string | number>;
  label: string;
  submitLabel: string;
  onCancel: () => void;
  onSaved: (commentId: number) => void;
  children?: ReactNode;
}) {
  const fetcher = useFetcher<CommentActionData>();
  const textareaId = useId();
  const errorId = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  useSubmitted(fetcher, (data) => onSaved(data.commentId));
  useEffect(() => textareaRef.current?.focus(), []);
  const error = formError(fetcher.data);
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    }
  };
  return (
    <fetcher.Form method="post" action={comments.action} className="comments__form" onKeyDown={onKeyDown}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <div className="field">
        <label htmlFor={textareaId}>{label}</label>
        <textarea
          ref={textareaRef}
          id={textareaId}
          name="body"
          rows={3}
          maxLength={2000}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        {error ? (
          <p id={errorId} className="field-error">
            {error}
          </p>
        ) : null}
      </div>
      <div className="comments__actions">
        <button type="submit" className="button" disabled={fetcher.state !== "idle"}>
          {submitLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Avbryt
        </button>
      </div>
    </fetcher.Form>
  );
}

function NewCommentForm({ comments, onSaved }: { comments: DocumentComments; onSaved: (commentId: number) => void }) {
  const draft = comments.draft!;
  const quote = draft.quote.replace(/\s+/g, " ").trim();
  return (
    <TextForm
      comments={comments}
      fields={{ intent: "add", anchor: JSON.stringify(draft.anchor), quote: quote.slice(0, 300) }}
      label="Ny kommentar"
      submitLabel="Spara kommentar"
      onCancel={() => {
        comments.closeDraft();
        comments.announce("Kommentaren avbröts.");
      }}
      onSaved={(id) => {
        comments.closeDraft();
        onSaved(id);
      }}
    >
      <p className="comments__draft-quote">
        Markerad text: <q>{quote.length > 300 ? `${quote.slice(0, 299)}…` : quote}</q>
      </p>
    </TextForm>
  );
}

function ReplyForm({ comments, commentId, onClose, onSaved }: { comments: DocumentComments; commentId: number; onClose: () => void; onSaved: () => void }) {
  return <TextForm comments={comments} fields={{ intent: "reply", commentId }} label="Svar" submitLabel="Skicka svar" onCancel={onClose} onSaved={onSaved} />;
}
