import { useRevalidator } from "@remix-run/react";
import { useId, useState } from "react";
import { CommentsPanel } from "~/components/comments/comments-panel";
import { useDocumentComments } from "~/components/comments/use-document-comments";
import { LiveEditor } from "~/components/editor/live-editor";
import type { CollabUser } from "~/components/editor/extensions";
import { ActionForm } from "~/components/meeting/action-form";
import { FieldError } from "~/components/ui/text-field";
import { sectionOwners, sectionStatuses, type SectionOwner, type SectionStatus } from "../../../db/domain/enums";
import { sectionOwnerLabels, sectionStatusLabels } from "../../../db/domain/labels";
import { useFormAnswer } from "./form-errors";

export interface SectionView {
  id: number;
  key: string;
  title: string;
  guidance: string;
  owner: SectionOwner;
  status: SectionStatus;
  priorityAreaId: number | null;
  notApplicableReason: string | null;
  documentName: string;
  text: string;
  editing: string[];
}

export const sectionAnchor = (key: string) => `avsnitt-${key}`;

/**
 * One section of the lägesbild: its owner, status and who is writing in it, and its text. The
 * live editor is mounted only when the section is opened (one websocket per open section, not
 * one per section on the page); a closed section shows its current text as the server read it.
 */
export function SectionCard({ section, editable, user }: { section: SectionView; editable: boolean; user: CollabUser }) {
  const [open, setOpen] = useState(false);
  const revalidator = useRevalidator();
  const headingId = useId();
  const toggle = (nowOpen: boolean) => {
    setOpen(nowOpen);
    // Closed again: the text shown in place of the editor is read anew, with what was just written.
    if (!nowOpen) revalidator.revalidate();
  };
  const notApplicable = section.notApplicableReason !== null;
  return (
    <section className="lagesbild-section" aria-labelledby={headingId} id={sectionAnchor(section.key)} data-section-key={section.key}>
      <h3 id={headingId}>{section.title}</h3>
      <dl className="lagesbild-section__facts">
        <dt>Ansvarig</dt>
        <dd>{sectionOwnerLabels[section.owner]}</dd>
        <dt>Status</dt>
        <dd>{notApplicable ? "Ej aktuellt" : sectionStatusLabels[section.status]}</dd>
        <dt>Skriver nu</dt>
        <dd data-section-editing="">{section.editing.length > 0 ? section.editing.join(", ") : <span className="muted">Ingen</span>}</dd>
      </dl>
      {editable ? <SectionControls section={section} /> : null}
      {section.priorityAreaId !== null && editable ? <NotApplicableForm section={section} /> : null}
      {notApplicable ? (
        <p className="lagesbild-section__not-applicable" data-not-applicable="">
          <strong>Ej aktuellt:</strong> {section.notApplicableReason}
        </p>
      ) : (
        <details className="lagesbild-section__text" open={open} onToggle={(event) => toggle(event.currentTarget.open)}>
          <summary>{editable ? "Öppna för redigering" : "Visa texten live"}</summary>
          {open ? <OpenSection section={section} editable={editable} user={user} /> : null}
        </details>
      )}
      {!open && !notApplicable ? <SectionText text={section.text} /> : null}
    </section>
  );
}

/** An opened section: its live editor and the review comments on its text. */
function OpenSection({ section, editable, user }: { section: SectionView; editable: boolean; user: CollabUser }) {
  const comments = useDocumentComments(section.documentName, editable);
  return (
    <>
      <LiveEditor
        documentName={section.documentName}
        label={section.title}
        editable={editable}
        user={user}
        placeholder={section.guidance || undefined}
        comments={comments.editor}
      />
      <CommentsPanel comments={comments} heading="h4" />
    </>
  );
}

function SectionText({ text }: { text: string }) {
  if (text.trim() === "") return <p className="muted">Inget skrivet ännu.</p>;
  return (
    <div className="lagesbild-section__static" data-section-text="">
      {text.split("\n").map((line, index) => (
        <p key={index}>{line}</p>
      ))}
    </div>
  );
}

function SectionControls({ section }: { section: SectionView }) {
  const status = useFormAnswer("section-status", section.id);
  const owner = useFormAnswer("section-owner", section.id);
  const statusId = useId();
  const ownerId = useId();
  return (
    <div className="lagesbild-section__controls">
      <ActionForm intent="section-status" fields={{ sectionId: section.id }}>
        <label htmlFor={statusId}>Status</label>{" "}
        <select id={statusId} className="select--inline" name="status" defaultValue={section.status} key={section.status}>
          {sectionStatuses.map((s) => (
            <option key={s} value={s}>
              {sectionStatusLabels[s]}
            </option>
          ))}
        </select>{" "}
        <button type="submit" className="button button--secondary">
          Spara status
        </button>
        <FieldError id={`${statusId}-error`} message={status.errors.status ?? status.errors.form} />
      </ActionForm>
      <ActionForm intent="section-owner" fields={{ sectionId: section.id }}>
        <label htmlFor={ownerId}>Ansvarig</label>{" "}
        <select id={ownerId} className="select--inline" name="owner" defaultValue={section.owner} key={section.owner}>
          {sectionOwners.map((o) => (
            <option key={o} value={o}>
              {sectionOwnerLabels[o]}
            </option>
          ))}
        </select>{" "}
        <button type="submit" className="button button--secondary">
          Spara ansvarig
        </button>
        <FieldError id={`${ownerId}-error`} message={owner.errors.owner ?? owner.errors.form} />
      </ActionForm>
    </div>
  );
}

/** "Ej aktuellt" for a priority area, with its required reason; or the way back. */
function NotApplicableForm({ section }: { section: SectionView }) {
  const answer = useFormAnswer(["not-applicable", "applicable"], section.id);
  const reasonId = useId();
  const error = answer.errors.reason ?? answer.errors.notApplicable ?? answer.errors.form;
  if (section.notApplicableReason !== null) {
    return (
      <ActionForm intent="applicable" fields={{ sectionId: section.id }}>
        <button type="submit" className="button button--secondary">
          Markera som aktuellt igen
        </button>
        <FieldError id={`${reasonId}-error`} message={error} />
      </ActionForm>
    );
  }
  return (
    // Closed by default (most areas are aktuella); open while its refusal is shown.
    <details className="lagesbild-section__not-applicable-form" open={error ? true : undefined}>
      <summary>Ej aktuellt för området?</summary>
      <ActionForm intent="not-applicable" fields={{ sectionId: section.id }} className="lagesbild-section__not-applicable-fields">
        <fieldset>
          <legend>Ej aktuellt för området</legend>
          <div className="field">
            <label htmlFor={reasonId}>Skäl (krävs)</label>
            <textarea
              id={reasonId}
              name="reason"
              rows={2}
              maxLength={1000}
              aria-required="true"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${reasonId}-error` : undefined}
            />
            <FieldError id={`${reasonId}-error`} message={error} />
          </div>
          <button type="submit" className="button button--secondary">
            Markera som ej aktuellt
          </button>
        </fieldset>
      </ActionForm>
    </details>
  );
}
