import { ActionForm } from "~/components/meeting/action-form";
import { TextAreaField } from "~/components/ui/text-area-field";
import { FieldError, TextField } from "~/components/ui/text-field";
import { confidentialityMarkings } from "../../../db/domain/enums";
import { confidentialityLabels } from "../../../db/domain/labels";
import { EVENT_DESCRIPTION_MAX, EVENT_NOTE_MAX, EVENT_PLACE_MAX, EVENT_TITLE_MAX } from "../../../db/domain/significant-events";

interface Props {
  /** The agreement's clause, quoted as help. */
  clause: string;
  /** Who a report from the viewer reaches now. */
  wouldNotify: { name: string; title: string | null; party: string | null }[];
  errors: Record<string, string | undefined>;
}

/** Recording an event: what, when, where and the marking, with the agreement's clause as help and who will be told. */
export function EventForm({ clause, wouldNotify, errors }: Props) {
  return (
    <>
      <figure className="notice">
        <blockquote>
          <p>”{clause}”</p>
        </blockquote>
        <figcaption className="muted">Ur överenskommelsen, avsnittet Information</figcaption>
      </figure>
      <p>
        {wouldNotify.length > 0 ? (
          <>Underrättas direkt i Samverkan och med e-post: {wouldNotify.map((r) => [r.name, r.title, r.party].filter(Boolean).join(", ")).join(" och ")}.</>
        ) : (
          <strong>
            Den lokala styrgruppen har ingen ordförande för den andra parten som kan underrättas. Händelsen registreras ändå; informera beslutsfattaren på annat
            sätt.
          </strong>
        )}{" "}
        En registrerad händelse ändras inte; en rättelse registreras som en ny händelse som hänvisar till den första.
      </p>
      <ActionForm intent="record" className="stack" clearOnSuccess>
        <TextField label="Vad har hänt (rubrik)" name="title" maxLength={EVENT_TITLE_MAX} required error={errors.title} />
        <TextField label="Datum" name="occurredOn" type="date" required error={errors.occurredOn} />
        <TextField label="Klockslag (om det är känt)" name="occurredTime" type="time" error={errors.occurredTime} />
        <TextField label="Plats (om den ska anges)" name="place" maxLength={EVENT_PLACE_MAX} error={errors.place} />
        <TextAreaField
          label="Beskrivning"
          name="description"
          rows={6}
          maxLength={EVENT_DESCRIPTION_MAX}
          required
          hint="Vad har hänt eller ska hända, och varför kan det ha väsentlig betydelse för överenskommelsen?"
          error={errors.description}
        />
        <fieldset aria-describedby={errors.confidentiality ? "sekretess-fel" : undefined}>
          <legend>Sekretess</legend>
          {confidentialityMarkings.map((marking) => (
            <label key={marking} className="radio">
              <input type="radio" name="confidentiality" value={marking} defaultChecked={marking === "ej_sekretess"} /> {confidentialityLabels[marking]}
            </label>
          ))}
          <FieldError id="sekretess-fel" message={errors.confidentiality} />
        </fieldset>
        <TextField
          label="Sekretessgrund (vid sekretess)"
          name="confidentialityNote"
          maxLength={EVENT_NOTE_MAX}
          hint="Till exempel 18 kap. 1 § OSL. En sekretessmarkerad händelse skickas inte med e-post: mottagaren får bara veta att den finns."
          error={errors.confidentialityNote}
        />
        <div>
          <button type="submit" className="button">
            Registrera och underrätta
          </button>
        </div>
      </ActionForm>
    </>
  );
}
