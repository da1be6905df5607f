import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { z } from "zod";
import { CommentsPanel, commentsStylesHref } from "~/components/comments/comments-panel";
import { useDocumentComments } from "~/components/comments/use-document-comments";
import { LiveEditor } from "~/components/editor/live-editor";
import { agreementsQueries, db } from "~/models/db.server";
import { editorFor, editorUser } from "~/models/live-documents.server";
import editorStylesHref from "~/styles/editor.css";
import { notFound, requireParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";
import { SlugSchema } from "~/utils/validation";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: editorStylesHref },
  { rel: "stylesheet", href: commentsStylesHref },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Lägesbild ${data.year} – ${data.agreement.area ?? data.agreement.title} – Samverkan` : "Lägesbild – Samverkan" },
];

const YearSchema = z.coerce.number().int().min(2000).max(2100);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const slug = requireParam(SlugSchema, params.slug);
  const year = requireParam(YearSchema, params.year);
  const page = agreementsQueries.getAgreementPage(db(), viewer, slug);
  const editor = editorFor(viewer, { kind: "lagesbild", agreementSlug: slug, year });
  if (!page || !editor) throw notFound();
  return { agreement: { slug, title: page.agreement.title, area: page.agreement.area }, year, editor, user: editorUser(viewer) };
}

export default function LagesbildPage() {
  const { agreement, year, editor, user } = useLoaderData<typeof loader>();
  const comments = useDocumentComments(editor.documentName, editor.editable);
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          { to: "/", label: "Mina grupper" },
          { to: `/overenskommelser/${agreement.slug}`, label: agreement.title },
        ]}
        current={`Lägesbild ${year}`}
      />
      <h1>Gemensam lokal lägesbild {year}</h1>
      <p className="lead">
        Stadens och polisens gemensamma bild av brottslighet och otrygghet. En uppdaterad lägesbild ska beslutas av styrgruppen för att gälla.
      </p>
      {editor.editable ? null : <p className="notice">Du kan läsa lägesbilden men inte ändra den.</p>}
      <LiveEditor documentName={editor.documentName} label={`Lägesbild ${year}`} editable={editor.editable} user={user} comments={comments.editor} />
      <CommentsPanel comments={comments} />
    </div>
  );
}
