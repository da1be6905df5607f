import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LagesbildBreadcrumbs } from "~/components/versions/lagesbild-breadcrumbs";
import { AuthorText } from "~/components/versions/author-text";
import { getLagesbildCurrentAuthorship, lagesbildRouteParams } from "~/models/versions.server";
import { notFound } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Vem skrev vad – Lägesbild ${data.year} – Samverkan` : "Vem skrev vad – Samverkan" },
];

/** "Vem skrev vad" in the lägesbild's text as it is now. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const { slug, year } = lagesbildRouteParams(params);
  const page = getLagesbildCurrentAuthorship(viewer, slug, year);
  if (!page) throw notFound();
  return page;
}

export default function CurrentAuthorshipPage() {
  const { agreement, year, authorship } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <LagesbildBreadcrumbs agreement={agreement} year={year} underVersions={true} current="Vem skrev vad" />
      <h1>Vem skrev vad i lägesbild {year}</h1>
      <p className="lead">Den nuvarande texten, med varje del i färgen för den som skrev den.</p>
      <AuthorText data={authorship} />
    </div>
  );
}
