import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import type { VersionedRoute } from "~/models/versions.server";

/** The page of the subject the versions are of: its lägesbild year, its åtgärdsplan or its kommunikationsplan. */
export function subjectPath(about: VersionedRoute): string {
  const agreement = `/overenskommelser/${about.slug}`;
  return about.kind === "lagesbild" ? `${agreement}/lagesbild/${about.year}` : `${agreement}/${about.kind}`;
}

/** How the versions pages name their subject, in Swedish. */
export function subjectNames(about: VersionedRoute) {
  if (about.kind === "kommunikationsplan") {
    return {
      title: "Kommunikationsplan",
      of: "kommunikationsplanen",
      whole: "hela kommunikationsplanen, dess text och aktiviteter",
      contents: "kommunikationsplanens nuvarande text (aktiviteterna ändras i tabellen på planens sida)",
      fieldsHeading: "Ändrade aktiviteter",
      noFields: "Inga aktiviteter har lagts till, tagits bort eller ändrats.",
    };
  }
  return about.kind === "lagesbild"
    ? {
        /** The subject's page, in the trail and page titles. */
        title: `Lägesbild ${about.year}`,
        /** "Versioner av …", "Vem skrev vad i …". */
        of: `lägesbild ${about.year}`,
        whole: "hela lägesbilden",
        /** What a restore replaces. */
        contents: "lägesbildens nuvarande text",
        /** The compare view's changed fields, and what it says when there are none. */
        fieldsHeading: "Ändrade uppgifter",
        noFields: "Inga uppgifter utanför texten (avsnittens status, underlag, platser) har ändrats.",
      }
    : {
        title: "Åtgärdsplan",
        of: "åtgärdsplanen",
        whole: "hela åtgärdsplanen, dess rader och anteckningar",
        contents: "åtgärdsplanens nuvarande rader och anteckningar",
        fieldsHeading: "Ändrade åtgärder",
        noFields: "Inga åtgärder har lagts till, tagits bort eller ändrats.",
      };
}

/** The trail of the versions pages: Mina grupper › the agreement › the subject (› Versioner) › this page. */
export function VersionsBreadcrumbs({
  agreement,
  about,
  underVersions,
  current,
}: {
  agreement: { slug: string; title: string };
  about: VersionedRoute;
  /** The page is one of the versions' pages, below the list. */
  underVersions: boolean;
  current: string;
}) {
  const base = subjectPath(about);
  const trail = [
    { to: "/", label: "Mina grupper" },
    { to: `/overenskommelser/${agreement.slug}`, label: agreement.title },
    { to: base, label: subjectNames(about).title },
  ];
  if (underVersions) trail.push({ to: `${base}/versioner`, label: "Versioner" });
  return <Breadcrumbs trail={trail} current={current} />;
}
