import { z } from "zod";
import { sectionOwners, sectionStatuses } from "../../db/domain/enums";
import { IdSchema } from "./validation";

/** The lägesbild page's forms, validated here with Swedish messages before any verb runs. */

export const requiredText = (max: number, missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(max, { error: `Högst ${max} tecken.` });

export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Högst ${max} tecken.` })
    .optional()
    .transform((v) => v ?? "");

const optionalYear = z.preprocess(
  (v) => (v === undefined || v === "" ? null : v),
  z.coerce
    .number({ error: "Ange året med fyra siffror." })
    .int({ error: "Ange året med fyra siffror." })
    .min(1900, { error: "Ange ett år från 1900." })
    .max(2100, { error: "Ange ett år till och med 2100." })
    .nullable(),
);

export const SectionStatusSchema = z.object({ sectionId: IdSchema, status: z.enum(sectionStatuses, { error: "Välj en status." }) });
export const SectionOwnerSchema = z.object({ sectionId: IdSchema, owner: z.enum(sectionOwners, { error: "Välj vem som ansvarar." }) });
export const NotApplicableSchema = z.object({ sectionId: IdSchema, reason: requiredText(1000, "Ange varför området inte är aktuellt.") });
export const SectionIdSchema = z.object({ sectionId: IdSchema });

export const SourceSchema = z.object({
  title: requiredText(200, "Ange underlagets namn."),
  year: optionalYear,
  source: text(200),
});
export const SourceIdSchema = z.object({ sourceId: IdSchema });
export const MoveSourceSchema = z.object({ sourceId: IdSchema, direction: z.enum(["up", "down"]) });

/** 2024-02-30 parses (to 1 March) and 2024-13-01 does not: a real date reads back unchanged. */
function isRealDate(v: string): boolean {
  const date = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(v);
}

/** YYYY or a real YYYY-MM-DD date. */
const since = z.preprocess(
  (v) => (v === undefined || v === "" ? null : typeof v === "string" ? v.trim() : v),
  z
    .string()
    .regex(/^\d{4}(-\d{2}-\d{2})?$/, { error: "Ange år (ÅÅÅÅ) eller datum (ÅÅÅÅ-MM-DD)." })
    .refine((v) => v.length === 4 || isRealDate(v), { error: "Datumet finns inte." })
    .nullable(),
);

export const PlaceSchema = z.object({
  name: requiredText(120, "Ange platsens namn."),
  district: text(120),
  type: text(60),
  why: text(2000),
  since,
  priorityAreaIds: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(IdSchema).max(50)),
});
export const PlaceIdSchema = z.object({ placeId: IdSchema });

/** The year in the page's URL (which years may be opened is the domain's rule: isPlausibleLagesbildYear). */
export const LagesbildYearSchema = z.coerce.number().int().min(2000).max(2100);
