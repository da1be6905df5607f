import type { LoaderFunctionArgs } from "@remix-run/node";
import { db, lagesbildQueries, liveEvents } from "~/models/db.server";
import { changeStream } from "~/utils/event-stream.server";
import { notFound, requireParam } from "~/utils/http.server";
import { LagesbildYearSchema } from "~/utils/lagesbild-validation";
import { requireSession } from "~/utils/session.server";
import { SlugSchema } from "~/utils/validation";

/**
 * Server-sent events for one lägesbild: "changed" when someone opens or leaves one of its
 * sections' live documents (so the page shows who is writing where) and when its rows change
 * (a section's status, owner or ej aktuellt, the underlag, the agreement's places). Only the
 * sections of a lägesbild the viewer may open are followed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, tokenHash } = await requireSession(request);
  const page = lagesbildQueries.getLagesbildPage(db(), viewer, requireParam(SlugSchema, params.slug), requireParam(LagesbildYearSchema, params.year));
  if (!page) throw notFound();
  const names = new Set(page.sections.map((s) => s.documentName));
  return changeStream(request, tokenHash, (changed) => {
    const onPresence = (name: string) => {
      if (names.has(name)) changed();
    };
    const onRows = (agreementId: number) => {
      if (agreementId === page.agreement.id) changed();
    };
    liveEvents().on("presenceChanged", onPresence);
    liveEvents().on("lagesbildChanged", onRows);
    return () => {
      liveEvents().off("presenceChanged", onPresence);
      liveEvents().off("lagesbildChanged", onRows);
    };
  });
}
