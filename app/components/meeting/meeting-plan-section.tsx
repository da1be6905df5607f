import { formatClock, formatIsoDate } from "~/utils/format";
import { TextField } from "~/components/ui/text-field";
import { ActionForm } from "./action-form";
import { ConfirmedActionForm } from "./confirmed-action-form";

interface Props {
  meeting: { startsAt: string; endsAt: string | null; location: string | null; videoLink: string | null };
  errors: Record<string, string | undefined>;
  /** The server asked to confirm the cancellation (a post without JavaScript). */
  cancelAsked: boolean;
  kallelseSent: boolean;
}

/** For the chair and secretary before a meeting starts: move it, change its place or link, or cancel it (inställt). */
export function MeetingPlanSection({ meeting, errors, cancelAsked, kallelseSent }: Props) {
  return (
    <>
      <section aria-labelledby="kallelse-rubrik" className="stack">
        <h2 id="kallelse-rubrik">Kallelse</h2>
        {kallelseSent ? (
          <p>Kallelsen är skickad. Ändras tid eller plats, eller ställs mötet in, får alla ett nytt besked med kalenderinbjudan.</p>
        ) : (
          <ActionForm intent="send-kallelse">
            <p>Gruppens medlemmar får kallelsen med dagordning, länkar till handlingarna och en kalenderinbjudan, som e-post och under Notiser.</p>
            <button type="submit" className="button">
              Skicka kallelse
            </button>
          </ActionForm>
        )}
      </section>
      <section aria-labelledby="andra-motet" className="stack">
        <h2 id="andra-motet">Ändra eller ställ in mötet</h2>
        <details open={Boolean(errors.date || errors.startTime || errors.endTime || errors.location || errors.videoLink)}>
          <summary>Ändra tid, plats eller videolänk</summary>
          <ActionForm intent="edit-meeting" className="stack">
            <TextField label="Datum" name="date" type="date" required defaultValue={formatIsoDate(meeting.startsAt)} error={errors.date} />
            <TextField label="Börjar" name="startTime" type="time" required defaultValue={formatClock(meeting.startsAt)} error={errors.startTime} />
            <TextField label="Slutar" name="endTime" type="time" defaultValue={meeting.endsAt ? formatClock(meeting.endsAt) : ""} error={errors.endTime} />
            <TextField label="Plats" name="location" defaultValue={meeting.location ?? ""} error={errors.location} />
            <TextField
              label="Videolänk"
              name="videoLink"
              type="url"
              hint="En https-adress, eller tomt om mötet inte har någon."
              defaultValue={meeting.videoLink ?? ""}
              error={errors.videoLink}
            />
            <div>
              <button type="submit" className="button">
                Spara tid och plats
              </button>
            </div>
          </ActionForm>
        </details>
        <ConfirmedActionForm
          intent="cancel-meeting"
          label="Ställ in mötet"
          question="Ställa in mötet?"
          consequence="Mötet markeras som inställt och räknas inte som hållet. Kallelsen i kalendrarna visas som inställd. Ett inställt möte kan inte startas igen; kalla i stället till ett nytt."
          confirmLabel="Ja, ställ in mötet"
          asked={cancelAsked}
          buttonClassName="button button--secondary"
        >
          <TextField label="Skäl till att mötet ställs in" name="reason" required maxLength={500} error={errors.reason} />
        </ConfirmedActionForm>
      </section>
    </>
  );
}
