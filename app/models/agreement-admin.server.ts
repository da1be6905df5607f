import { adminQueries } from "./admin.server";
import { db, type Viewer } from "./db.server";
import { fieldErrorsFrom } from "./domain-errors.server";
import { parseForm, type FieldErrors } from "../utils/forms";
import { CONFIRM_FIELD, CONFIRM_VALUE } from "../utils/confirmation";
import { AgreementListSchema, AgreementRowSchema, AgreementSchema, RevisionSchema } from "../utils/agreement-validation.server";
import { IdSchema } from "../utils/validation";

/**
 * The answer to a post on the agreement's administration page: which form it came from (its intent, and the
 * list and row for a row's form) so that only that form shows the errors, and a message when it went through.
 */
export interface AgreementAdminAnswer {
  ok: boolean;
  intent: string;
  list?: string;
  rowId?: number | null;
  fieldErrors: FieldErrors;
  message?: string;
}

/** Validates the new/edit agreement form and saves it with `save`: field errors, or what `save` returned. */
export async function parseAgreementForm<T>(
  request: Request,
  save: (input: ReturnType<typeof AgreementSchema.parse>) => T,
): Promise<{ value: T } | { fieldErrors: FieldErrors }> {
  const parsed = parseForm(AgreementSchema, await request.formData());
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors };
  try {
    return { value: save(parsed.data) };
  } catch (error) {
    return { fieldErrors: fieldErrorsFrom(error) };
  }
}

/** The posts of the agreement's administration page, by their `intent`. */
export async function handleAgreementAdminAction(request: Request, viewer: Viewer, agreementId: number): Promise<AgreementAdminAnswer> {
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const list = typeof form.get("list") === "string" ? String(form.get("list")) : undefined;
  const rowIdParse = IdSchema.safeParse(form.get("rowId"));
  const rowId = rowIdParse.success ? rowIdParse.data : null;
  const answer = (fieldErrors: FieldErrors, message?: string): AgreementAdminAnswer => ({
    ok: Object.keys(fieldErrors).length === 0,
    intent,
    list,
    rowId,
    fieldErrors,
    message,
  });
  try {
    switch (intent) {
      case "update-agreement": {
        const parsed = parseForm(AgreementSchema, form);
        if (!parsed.ok) return answer(parsed.fieldErrors);
        adminQueries.updateAgreement(db(), viewer, agreementId, parsed.data);
        return answer({}, "Uppgifterna är sparade.");
      }
      case "add-row":
      case "update-row": {
        const parsed = parseForm(AgreementRowSchema, form);
        if (!parsed.ok) return answer(parsed.fieldErrors);
        if (intent === "add-row") {
          adminQueries.addAgreementRow(db(), viewer, agreementId, parsed.data);
          return answer({}, "Raden är tillagd.");
        }
        if (rowId === null) return answer({ form: "Ogiltig rad." });
        adminQueries.updateAgreementRow(db(), viewer, agreementId, rowId, parsed.data);
        return answer({}, "Raden är ändrad.");
      }
      case "remove-row": {
        const which = AgreementListSchema.safeParse(list);
        if (!which.success || rowId === null) return answer({ form: "Ogiltig rad." });
        adminQueries.removeAgreementRow(db(), viewer, agreementId, which.data, rowId);
        return answer({}, "Raden är borttagen.");
      }
      case "revise": {
        // Revising cannot be undone: without the confirmation (no JavaScript) the page asks first, with the fields.
        if (form.get(CONFIRM_FIELD) !== CONFIRM_VALUE) return answer({ [CONFIRM_FIELD]: "Bekräfta revideringen." });
        const parsed = parseForm(RevisionSchema, form);
        if (!parsed.ok) return answer(parsed.fieldErrors);
        const version = adminQueries.reviseAgreement(db(), viewer, agreementId, parsed.data);
        return answer({}, `Överenskommelsen är reviderad; den gällande är version ${version}. Den tidigare versionen finns kvar att läsa.`);
      }
      default:
        return answer({ form: "Okänd åtgärd." });
    }
  } catch (error) {
    return answer(fieldErrorsFrom(error));
  }
}
