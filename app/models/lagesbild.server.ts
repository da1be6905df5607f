import type { z } from "zod";
import { getDb } from "../../db/client";
import * as sections from "../../db/queries/lagesbild-sections";
import type { Viewer } from "../../db/queries/sessions";
import { parseForm, type FieldErrors } from "../utils/forms";
import {
  MoveSourceSchema,
  NotApplicableSchema,
  PlaceIdSchema,
  PlaceSchema,
  SectionIdSchema,
  SectionOwnerSchema,
  SectionStatusSchema,
  SourceIdSchema,
  SourceSchema,
} from "../utils/lagesbild-validation";
import { notFound } from "../utils/http.server";
import { refusalFrom } from "./domain-errors.server";

export type LagesbildActionResult =
  { ok: true; intent: string; target: string; message: string } | { ok: false; intent: string; target: string; fieldErrors: FieldErrors; status: 200 | 404 };

interface Context {
  viewer: Viewer;
  page: NonNullable<ReturnType<typeof sections.getLagesbildPage>>;
  form: FormData;
}

type Handler = (context: Context, run: <S extends z.ZodType>(schema: S, act: (data: z.infer<S>) => string) => LagesbildActionResult) => LagesbildActionResult;

const db = () => getDb();

/** One handler per form `intent`: validate at the boundary, then the verb (which checks rights). */
const handlers: Record<string, Handler> = {
  "section-status": ({ viewer }, run) =>
    run(SectionStatusSchema, (d) => (sections.setSectionStatus(db(), viewer, d.sectionId, d.status), "Statusen är sparad.")),
  "section-owner": ({ viewer }, run) => run(SectionOwnerSchema, (d) => (sections.setSectionOwner(db(), viewer, d.sectionId, d.owner), "Ansvaret är sparat.")),
  "not-applicable": ({ viewer }, run) =>
    run(NotApplicableSchema, (d) => (sections.markSectionNotApplicable(db(), viewer, d.sectionId, d.reason), "Avsnittet är markerat som ej aktuellt.")),
  applicable: ({ viewer }, run) => run(SectionIdSchema, (d) => (sections.clearSectionNotApplicable(db(), viewer, d.sectionId), "Avsnittet är aktuellt igen.")),
  "add-source": ({ viewer, page }, run) => run(SourceSchema, (d) => (sections.addSource(db(), viewer, page.picture.id, d), "Underlaget är tillagt.")),
  "edit-source": ({ viewer, form }, run) =>
    run(SourceSchema, (d) => {
      const { sourceId } = SourceIdSchema.parse({ sourceId: form.get("sourceId") });
      sections.updateSource(db(), viewer, sourceId, d);
      return "Underlaget är sparat.";
    }),
  "remove-source": ({ viewer }, run) => run(SourceIdSchema, (d) => (sections.removeSource(db(), viewer, d.sourceId), "Underlaget är borttaget.")),
  "move-source": ({ viewer }, run) => run(MoveSourceSchema, (d) => (sections.moveSource(db(), viewer, d.sourceId, d.direction), "Underlaget är flyttat.")),
  "add-place": ({ viewer, page }, run) => run(PlaceSchema, (d) => (sections.addPlace(db(), viewer, page.agreement.id, d), "Platsen är tillagd.")),
  "edit-place": ({ viewer, form }, run) =>
    run(PlaceSchema, (d) => {
      const { placeId } = PlaceIdSchema.parse({ placeId: form.get("placeId") });
      sections.updatePlace(db(), viewer, placeId, d);
      return "Platsen är sparad.";
    }),
  "archive-place": ({ viewer }, run) => run(PlaceIdSchema, (d) => (sections.archivePlace(db(), viewer, d.placeId), "Platsen är arkiverad.")),
};

/**
 * A form post on the lägesbild page. `target` names the row the form was about (a section, a
 * source, a place, or "new"), so the answer's messages are shown next to that form only.
 */
export function handleLagesbildAction(viewer: Viewer, slug: string, year: number, form: FormData): LagesbildActionResult {
  const page = sections.getLagesbildPage(getDb(), viewer, slug, year);
  if (!page) throw notFound();
  const intent = String(form.get("intent") ?? "");
  const target = String(form.get("sectionId") ?? form.get("sourceId") ?? form.get("placeId") ?? "new");
  const fail = (fieldErrors: FieldErrors, status: 200 | 404 = 200): LagesbildActionResult => ({ ok: false, intent, target, fieldErrors, status });
  const handler = handlers[intent];
  if (!handler) return fail({ form: "Okänd åtgärd." });
  try {
    return handler({ viewer, page, form }, (schema, act) => {
      const parsed = parseForm(schema, form);
      if (!parsed.ok) return fail(parsed.fieldErrors);
      return { ok: true, intent, target, message: act(parsed.data) };
    });
  } catch (error) {
    const { fieldErrors, status } = refusalFrom(error);
    return fail(fieldErrors, status);
  }
}
