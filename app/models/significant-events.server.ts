import { checkSignificantEvent } from "../../db/domain/significant-events";
import type { FieldErrors } from "../utils/forms";
import { IdSchema } from "../utils/validation";
import { db, significantEventsQueries, type Viewer } from "./db.server";
import { fieldErrorsFrom } from "./domain-errors.server";

export type EventActionResult = { ok: true; message: string } | { ok: false; fieldErrors: FieldErrors };

/**
 * The events page's posts, by intent: record an event (every field's message at once, from the same
 * check the verb makes) and acknowledge one. The caller has found the agreement visible to the viewer;
 * the verbs check again, and refusals become 404/403 or messages at their fields.
 */
export function handleSignificantEventAction(viewer: Viewer, agreementId: number, form: FormData, now = new Date()): EventActionResult {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  try {
    switch (text("intent")) {
      case "record": {
        const input = {
          title: text("title"),
          description: text("description"),
          occurredOn: text("occurredOn"),
          occurredTime: text("occurredTime"),
          place: text("place"),
          confidentiality: text("confidentiality"),
          confidentialityNote: text("confidentialityNote"),
        };
        const checked = checkSignificantEvent(input, now);
        if (!checked.ok) return { ok: false, fieldErrors: checked.errors };
        const { recipients } = significantEventsQueries.recordSignificantEvent(db(), viewer, agreementId, input, now);
        return {
          ok: true,
          message:
            recipients.length > 0
              ? `Händelsen är registrerad. ${recipients.map((r) => r.name).join(" och ")} har underrättats.`
              : "Händelsen är registrerad, men ingen ordförande för den andra parten i den lokala styrgruppen kunde underrättas. Informera den andra partens beslutsfattare på annat sätt.",
        };
      }
      case "acknowledge": {
        const eventId = IdSchema.safeParse(form.get("eventId"));
        if (!eventId.success) return { ok: false, fieldErrors: { form: "Ogiltig händelse." } };
        significantEventsQueries.acknowledgeSignificantEvent(db(), viewer, eventId.data, now);
        return { ok: true, message: "Du har kvitterat händelsen." };
      }
      default:
        return { ok: false, fieldErrors: { form: "Okänd åtgärd." } };
    }
  } catch (error) {
    return { ok: false, fieldErrors: fieldErrorsFrom(error) };
  }
}
