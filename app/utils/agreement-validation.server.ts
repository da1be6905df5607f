import { z } from "zod";
import { agreementScopes, attachmentKinds, revisionRules } from "../../db/domain/enums";
import { blankToNull, IdSchema, isoDate, optionalText } from "./validation";

/** The administration's agreement forms (server only: zod stays out of the pages' JavaScript). */

const requiredText = (max: number, error: string) =>
  z
    .string({ error })
    .trim()
    .min(1, { error })
    .max(max, { error: `Högst ${max} tecken.` });
const optionalDate = z.preprocess(blankToNull, isoDate.nullable());
const optionalId = z.preprocess(blankToNull, IdSchema.nullable());
/** "Ordning": empty puts the row last. */
const position = z.preprocess(
  blankToNull,
  z.coerce.number({ error: "Ange ett heltal." }).int({ error: "Ange ett heltal." }).min(1, { error: "Minst 1." }).max(999).nullable(),
);

export const AgreementSchema = z.object({
  title: requiredText(200, "Ange överenskommelsens titel."),
  scope: z.enum(agreementScopes, { error: "Välj stadsövergripande eller lokal." }),
  parentId: optionalId,
  area: optionalText(100),
  slug: optionalText(60),
  startsOn: isoDate,
  endsOn: optionalDate,
  revisionRule: z.enum(revisionRules, { error: "Välj hur överenskommelsen revideras." }),
  revisionText: requiredText(2000, "Skriv överenskommelsens egen formulering om revidering."),
  lastRevisedOn: optionalDate,
  copies: z.preprocess(
    blankToNull,
    z.coerce.number({ error: "Ange ett heltal." }).int({ error: "Ange ett heltal." }).min(1, { error: "Minst 1." }).max(99, { error: "Högst 99." }).nullable(),
  ),
});

/** One row of each of the agreement's lists, by the form's `list` field. */
export const AgreementRowSchema = z.discriminatedUnion(
  "list",
  [
    z.object({
      list: z.literal("party"),
      // An empty choice coerces to 0, which is no organisation.
      organisationId: z.coerce.number({ error: "Välj en organisation." }).int({ error: "Välj en organisation." }).positive({ error: "Välj en organisation." }),
      shortName: requiredText(60, "Ange hur överenskommelsen benämner parten, till exempel Kommunen."),
      diarienummer: optionalText(60),
      note: optionalText(300),
      position,
    }),
    z.object({
      list: z.literal("signatory"),
      name: requiredText(100, "Ange ett namn."),
      title: requiredText(150, "Ange befattning."),
      organisationId: optionalId,
      signedOn: optionalDate,
      position,
    }),
    z.object({ list: z.literal("priority_area"), name: requiredText(200, "Ange områdets namn."), position }),
    z.object({
      list: z.literal("attachment"),
      label: optionalText(20),
      title: requiredText(200, "Ange bilagans titel."),
      kind: z.enum(attachmentKinds, { error: "Välj vad bilagan är." }),
      datedOn: optionalDate,
      position,
    }),
    z.object({
      list: z.literal("amendment"),
      title: requiredText(200, "Ange vad ändringen gäller."),
      datedOn: isoDate,
      signedOn: optionalDate,
      signedBy: optionalText(200),
      agreementVersion: z.preprocess(blankToNull, z.coerce.number().int().min(2).nullable()),
    }),
  ],
  { error: "Okänd lista." },
);

export const RevisionSchema = z.object({
  revisedOn: isoDate,
  reason: requiredText(2000, "Ange varför överenskommelsen revideras."),
});

export const AgreementListSchema = z.enum(["party", "signatory", "priority_area", "attachment", "amendment"]);
