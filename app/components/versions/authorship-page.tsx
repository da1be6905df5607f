import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AuthorText } from "~/components/versions/author-text";
import { subjectNames, VersionsBreadcrumbs } from "~/components/versions/subject";
import type { getCurrentAuthorship } from "~/models/versions.server";

/** The page's loader data (a route's loader answers 404 where the model says null). */
type AuthorshipLoader = () => NonNullable<ReturnType<typeof getCurrentAuthorship>>;

export const authorshipMeta: MetaFunction<AuthorshipLoader> = ({ data }) => [
  { title: data ? `Vem skrev vad – ${subjectNames(data.about).title} – Samverkan` : "Vem skrev vad – Samverkan" },
];

/** "Vem skrev vad" in the subject's text as it is now. */
export function CurrentAuthorshipPage() {
  const { agreement, about, authorship } = useLoaderData<AuthorshipLoader>();
  return (
    <div className="page">
      <VersionsBreadcrumbs agreement={agreement} about={about} underVersions={true} current="Vem skrev vad" />
      <h1>Vem skrev vad i {subjectNames(about).of}</h1>
      <p className="lead">Den nuvarande texten, med varje del i färgen för den som skrev den.</p>
      <AuthorText data={authorship} />
    </div>
  );
}
