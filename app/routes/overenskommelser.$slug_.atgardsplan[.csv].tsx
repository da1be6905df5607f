import type { LoaderFunctionArgs } from "@remix-run/node";
import { planFieldLabels, planFieldOrder, type PlanField } from "../../db/domain/action-plan-rows";
import { actionRowStatusLabels, ragLabels } from "../../db/domain/labels";
import { actionPlansQueries, db } from "~/models/db.server";
import { attachmentDisposition } from "~/utils/content-disposition";
import { toCsv } from "~/utils/csv";
import { formatIsoDate } from "~/utils/format";
import { notFound, requireParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";
import { SlugSchema } from "~/utils/validation";

/** The åtgärdsplan as CSV for Swedish Excel: one line per åtgärd in the plan's order, with its latest follow-up. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const slug = requireParam(SlugSchema, params.slug);
  const plan = actionPlansQueries.getActionPlanExport(db(), viewer, slug);
  if (!plan) throw notFound();
  const header = ["Nr", ...planFieldOrder.map((field) => planFieldLabels[field]), "Status", "Mål (RAG)", "Senast rapporterad", "Kommentar"];
  const lines = plan.rows.map((row, index) => {
    const cells: Record<PlanField, string> = {
      ...row,
      placeIds: row.places,
      priorityAreaIds: row.priorityAreas,
      startsOn: row.startsOn ?? "",
      endsOn: row.endsOn ?? "",
      responsiblePartyId: row.party,
      responsiblePersonId: row.person,
    };
    const { latest } = row;
    return [
      index + 1,
      ...planFieldOrder.map((field) => cells[field]),
      latest ? actionRowStatusLabels[latest.status] : "",
      latest?.rag ? ragLabels[latest.rag] : "",
      latest ? formatIsoDate(latest.reportedAt) : "",
      latest?.comment ?? "",
    ];
  });
  const name = `Åtgärdsplan ${plan.agreement.area ?? plan.agreement.title}.csv`;
  return new Response(toCsv([header, ...lines]), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": attachmentDisposition(name), "Cache-Control": "private, no-store" },
  });
}
