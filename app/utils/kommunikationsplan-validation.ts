import { z } from "zod";
import { requiredText, text } from "./lagesbild-validation";
import { blankToNull, IdSchema, isoDate } from "./validation";

/** The kommunikationsplan page's forms, validated here with Swedish messages before any verb runs. */

export const ActivitySchema = z.object({
  what: requiredText(300, "Ange vad som ska kommuniceras."),
  audience: text(200),
  channel: text(120),
  timing: text(120),
  plannedOn: z.preprocess(blankToNull, isoDate.nullable()),
  responsiblePersonId: z.preprocess(blankToNull, IdSchema.nullable()),
  responsibleFunction: text(200),
});
export const ActivityIdSchema = z.object({ activityId: IdSchema });
export const MoveActivitySchema = z.object({ activityId: IdSchema, direction: z.enum(["up", "down"]) });
