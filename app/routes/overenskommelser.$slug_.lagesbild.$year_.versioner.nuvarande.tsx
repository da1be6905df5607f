import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { AuthorText } from "~/components/versions/author-text";
import { getLagesbildCurrentAuthorship } from "~/models/versions.server";
import { notFound, requireParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";
import { SlugSchema } from "~/utils/validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Vem skrev vad – Lägesbild ${data.year} – Samverkan` : "Vem skrev vad – Samverkan" },
];

const YearSchema = z.coerce.number().int().min(2000).max(2100);

/** "Vem skrev vad" in the lägesbild's text as it is now. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const page = getLagesbildCurrentAuthorship(viewer, requireParam(SlugSchema, params.slug), requireParam(YearSchema, params.year));
  if (!page) throw notFound();
  return page;
}

export default function CurrentAuthorshipPage() {
  const { agreement, year, authorship } = useLoaderData<typeof loader>();
  const base = `/overenskommelser/${agreement.slug}/lagesbild/${year}`;
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          { to: "/", label: "Mina grupper" },
          { to: `/overenskommelser/${agreement.slug}`, label: agreement.title },
          { to: base, label: `Lägesbild ${year}` },
          { to: `${base}/versioner`, label: "Versioner" },
        ]}
        current="Vem skrev vad"
      />
      <h1>Vem skrev vad i lägesbild {year}</h1>
      <p className="lead">Den nuvarande texten, med varje del i färgen för den som skrev den.</p>
      <AuthorText data={authorship} />
    </div>
  );
}
