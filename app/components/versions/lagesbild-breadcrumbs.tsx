import { Breadcrumbs } from "~/components/ui/breadcrumbs";

/** The trail of the versions pages: Mina grupper › the agreement › Lägesbild <year> (› Versioner) › this page. */
export function LagesbildBreadcrumbs({
  agreement,
  year,
  underVersions,
  current,
}: {
  agreement: { slug: string; title: string };
  year: number;
  /** The page is one of the versions' pages, below the list. */
  underVersions: boolean;
  current: string;
}) {
  const base = lagesbildPath(agreement.slug, year);
  const trail = [
    { to: "/", label: "Mina grupper" },
    { to: `/overenskommelser/${agreement.slug}`, label: agreement.title },
    { to: base, label: `Lägesbild ${year}` },
  ];
  if (underVersions) trail.push({ to: `${base}/versioner`, label: "Versioner" });
  return <Breadcrumbs trail={trail} current={current} />;
}

export function lagesbildPath(slug: string, year: number): string {
  return `/overenskommelser/${slug}/lagesbild/${year}`;
}
