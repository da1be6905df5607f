import type { LoaderFunctionArgs } from "@remix-run/node";
import { contactsQueries, db } from "~/models/db.server";
import { attachmentDisposition } from "~/utils/content-disposition";
import { notFound, requireParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";
import { SlugSchema } from "~/utils/validation";
import { buildVCards } from "../../db/domain/vcard";

/** The agreement's kontaktuppgifter as vCard 4.0, one card per person, for the address book. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const page = contactsQueries.getContactCards(db(), viewer, requireParam(SlugSchema, params.slug));
  if (!page) throw notFound();
  return new Response(buildVCards(page.cards), {
    headers: {
      "Content-Type": "text/vcard; charset=utf-8",
      "Content-Disposition": attachmentDisposition(`kontakter-${page.slug}.vcf`),
      "Cache-Control": "private, no-store",
    },
  });
}
