import { z } from "zod";
import {
  actionItemStatuses,
  agendaItemKinds,
  attendanceStatuses,
  decisionKinds,
  groupKinds,
  groupLevels,
  groupPermanence,
  memberRoles,
  organisationKinds,
} from "../../db/domain/enums";
import { SLUG_PATTERN } from "../../db/domain/agreement-rules";
import { MAX_PASSWORD_LENGTH } from "../../db/domain/password-rule";
import { dayInstant } from "../../db/domain/stockholm-time";

/** Form and URL validators, declared once with Swedish messages for the person filling in the form. */

const email = z
  .string({ error: "Ange en e-postadress." })
  .trim()
  .min(1, { error: "Ange en e-postadress." })
  .max(254, { error: "E-postadressen är för lång." })
  .pipe(z.email({ error: "Ange en giltig e-postadress, till exempel namn@example.se." }));

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Högst ${max} tecken.` })
    .optional()
    .transform((v) => (v ? v : null));

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Ange datum som ÅÅÅÅ-MM-DD." })
  .refine((v) => !Number.isNaN(Date.parse(dayInstant(v))) && new Date(dayInstant(v)).toISOString().startsWith(v), {
    error: "Datumet finns inte.",
  });

/** A field that may appear once or repeatedly (or not at all, when no row is shown) as a list. */
const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Empty form fields mean "not given". */
export const blankToNull = (v: unknown) => (v === undefined || v === "" ? null : v);

/** A positive integer id from a URL parameter or a form field. */
export const IdSchema = z.coerce.number({ error: "Ogiltigt id." }).int().positive({ error: "Ogiltigt id." });

export const LoginSchema = z.object({
  email,
  password: z.string({ error: "Ange ditt lösenord." }).min(1, { error: "Ange ditt lösenord." }).max(MAX_PASSWORD_LENGTH, { error: "Lösenordet är för långt." }),
  redirectTo: z.string().optional(),
});

export const ForgotPasswordSchema = z.object({ email });

export const NewPersonSchema = z.object({
  name: z.string({ error: "Ange ett namn." }).trim().min(1, { error: "Ange ett namn." }).max(100, { error: "Högst 100 tecken." }),
  email,
  title: optionalText(100),
  organisationId: z.preprocess(blankToNull, IdSchema.nullable()),
  /** Blank: the person is invited by e-mail and chooses their own. */
  password: z
    .string()
    .optional()
    .transform((v) => v || null),
  isAdmin: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
});

/** What a person may change about themselves on Mitt konto. */
export const OwnProfileSchema = NewPersonSchema.pick({ name: true, title: true });

export const MembershipSchema = z.object({
  groupId: IdSchema,
  role: z.enum(memberRoles, { error: "Välj en roll." }),
  functionName: optionalText(100),
});

export const NewGroupSchema = z
  .object({
    agreementId: IdSchema,
    name: z.string({ error: "Ange ett namn." }).trim().min(1, { error: "Ange ett namn." }).max(120, { error: "Högst 120 tecken." }),
    kind: z.enum(groupKinds, { error: "Välj en grupptyp." }),
    level: z.enum(groupLevels, { error: "Välj en nivå." }),
    focusArea: optionalText(200),
    permanence: z.enum(groupPermanence, { error: "Välj om gruppen är fast eller tidsbegränsad." }),
    endsOn: z
      .string()
      .optional()
      .transform((v) => (v ? v : null))
      .pipe(isoDate.nullable()),
    membersMayEditNotes: z
      .literal("on")
      .optional()
      .transform((v) => v === "on"),
    minMeetingsPerYear: z.preprocess(
      blankToNull,
      z.coerce
        .number({ error: "Ange ett heltal." })
        .int({ error: "Ange ett heltal." })
        .min(0, { error: "Minst 0." })
        .max(52, { error: "Högst 52." })
        .nullable(),
    ),
    // One name and one wording field per required function, in the form's order; a row with an empty name is dropped.
    functionName: z.preprocess(
      asList,
      z.array(z.string().trim().max(100, { error: "Varje funktion får ha högst 100 tecken." })).max(40, { error: "Högst 40 funktioner." }),
    ),
    functionNote: z.preprocess(asList, z.array(z.string().trim().max(1000, { error: "Varje formulering får ha högst 1000 tecken." }))),
  })
  .refine((g) => g.permanence === "fixed" || g.endsOn !== null, {
    error: "En tidsbegränsad grupp behöver ett slutdatum.",
    path: ["endsOn"],
  })
  .refine((g) => g.functionNote.every((note, i) => !note || g.functionName[i]), {
    error: "En formulering behöver en funktion: fyll i funktionens namn eller töm formuleringen.",
    path: ["requiredFunctions"],
  })
  .transform(({ functionName, functionNote, ...group }) => ({
    ...group,
    requiredFunctions: functionName.map((name, i) => ({ name, note: functionNote[i] || null })).filter((fn) => fn.name),
  }));
/** The organisation form; the org.nr's form and check digit are the domain's rule (db/domain/org-number.ts), checked by the verb. */
export const OrganisationSchema = z.object({
  name: z.string({ error: "Ange ett namn." }).trim().min(1, { error: "Ange ett namn." }).max(150, { error: "Högst 150 tecken." }),
  kind: z.enum(organisationKinds, { error: "Välj vilken sorts organisation det är." }),
  orgNr: optionalText(20),
  postalAddress: optionalText(300),
  parentId: z.preprocess(blankToNull, IdSchema.nullable()),
});

export const SlugSchema = z.string().regex(SLUG_PATTERN);

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Ange tid som TT:MM." });
const optionalTimeOfDay = z.preprocess(blankToNull, timeOfDay.nullable());

export const AgendaItemSchema = z.object({
  title: z.string({ error: "Ange en rubrik." }).trim().min(1, { error: "Ange en rubrik." }).max(200, { error: "Högst 200 tecken." }),
  kind: z.enum(agendaItemKinds, { error: "Välj typ av ärende." }),
  presenterId: z.preprocess(blankToNull, IdSchema.nullable()),
});

export const AttendanceSchema = z.object({
  status: z.enum(attendanceStatuses, { error: "Välj närvaro." }),
  arrivedAt: optionalTimeOfDay,
  leftAt: optionalTimeOfDay,
});

export const GuestSchema = z.object({
  name: z.string({ error: "Ange ett namn." }).trim().min(1, { error: "Ange ett namn." }).max(100, { error: "Högst 100 tecken." }),
  organisation: optionalText(100),
  functionName: optionalText(100),
});

export const DecisionSchema = z.object({
  agendaItemId: IdSchema,
  kind: z.enum(decisionKinds, { error: "Välj beslutstyp." }),
  correctsId: z.preprocess(blankToNull, IdSchema.nullable()),
  /** For an ärende carrying a lägesbild or åtgärdsplan version: "ja" when the decision sends it back instead of fastställa it. */
  sentBack: z.preprocess(blankToNull, z.enum(["ja"]).nullable()).optional(),
});

/**
 * An uppdrag's owner is chosen in one list: a member of the group ("12"), or a member of another group
 * of the agreement, who then carries it out for that group ("5:12", group:person); or, instead, a
 * person outside the groups by e-mail.
 */
const assignee = z
  .string()
  .regex(/^[1-9]\d{0,9}(:[1-9]\d{0,9})?$/, { error: "Välj ansvarig i listan." })
  .transform((value) => {
    const [first, second] = value.split(":").map(Number);
    return second === undefined ? { ownerId: first, assigneeGroupId: null } : { ownerId: second, assigneeGroupId: first };
  });

export const ActionItemSchema = z
  .object({
    title: z.string({ error: "Beskriv uppdraget." }).trim().min(1, { error: "Beskriv uppdraget." }).max(300, { error: "Högst 300 tecken." }),
    ownerId: z.preprocess(blankToNull, assignee.nullable()),
    ownerEmail: z.preprocess(blankToNull, email.nullable()).optional(),
    dueOn: z.preprocess(blankToNull, isoDate.nullable()),
    agendaItemId: z.preprocess(blankToNull, IdSchema.nullable()),
    actionRowId: z.preprocess(blankToNull, IdSchema.nullable()).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.ownerId === null && !value.ownerEmail) ctx.addIssue({ code: "custom", path: ["ownerId"], message: "Välj ansvarig eller ange en e-postadress." });
    if (value.ownerId !== null && value.ownerEmail)
      ctx.addIssue({ code: "custom", path: ["ownerEmail"], message: "Välj antingen en ansvarig i listan eller en e-postadress, inte båda." });
  })
  .transform(({ ownerId, ...rest }) => ({ ...rest, ownerId: ownerId?.ownerId ?? null, assigneeGroupId: ownerId?.assigneeGroupId ?? null }));

export const JusterareSchema = z.object({
  justerare: z.preprocess(
    (v) => (Array.isArray(v) ? v : v === undefined || v === "" ? [] : [v]),
    z.array(IdSchema).min(1, { error: "Välj minst en justerare." }).max(2, { error: "Välj högst två justerare." }),
  ),
});

export const NewMeetingSchema = z.object({
  title: z.string({ error: "Ange en rubrik." }).trim().min(1, { error: "Ange en rubrik." }).max(120, { error: "Högst 120 tecken." }),
  date: isoDate,
  startTime: timeOfDay,
  endTime: optionalTimeOfDay,
  location: optionalText(200),
  videoLink: z.preprocess(
    blankToNull,
    z
      .url({ protocol: /^https$/, error: "Ange en https-adress till videomötet." })
      .max(500)
      .nullable(),
  ),
});

/** A planned meeting's new time, place and link (the title stays). */
export const EditMeetingSchema = NewMeetingSchema.omit({ title: true });

export const CancelMeetingSchema = z.object({
  reason: z.string({ error: "Ange varför mötet ställs in." }).trim().min(1, { error: "Ange varför mötet ställs in." }).max(500, { error: "Högst 500 tecken." }),
});

export const RegisterFilterSchema = z.object({
  groupId: z.preprocess(blankToNull, IdSchema.nullable()).optional(),
  year: z.preprocess(blankToNull, z.coerce.number().int().min(2000).max(2100).nullable()).optional(),
  kind: z.preprocess(blankToNull, z.enum(decisionKinds).nullable()).optional(),
  q: optionalText(200),
});

/** An uppdrag's new status, from its row on the meeting page or on "Mina uppdrag". */
export const ActionItemStatusSchema = z.object({ actionItemId: IdSchema, status: z.enum(actionItemStatuses, { error: "Välj status." }) });
