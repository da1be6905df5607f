import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireIdParam } from "../utils/http.server";
import { requireViewer } from "../utils/session.server";
import { getCurrentAuthorship, getSubjectVersion, getVersionsPage, handleVersionAction, handleVersionsAction, type VersionedRoute } from "./versions.server";

/**
 * The loaders and actions of the versions pages, one each for a lägesbild's and an åtgärdsplan's
 * routes (which only say which subject their URL names): the page's data or a 404.
 */

export async function versionsLoader({ request }: LoaderFunctionArgs, about: VersionedRoute) {
  const page = getVersionsPage(await requireViewer(request), about, new URL(request.url).searchParams);
  if (!page) throw notFound();
  return page;
}

export async function versionsAction({ request }: ActionFunctionArgs, about: VersionedRoute) {
  const viewer = await requireViewer(request);
  return data(handleVersionsAction(viewer, about, await request.formData()));
}

/** A version's page; `?forfattare=ja` adds "vem skrev vad". */
export async function versionLoader({ request, params }: LoaderFunctionArgs, about: VersionedRoute) {
  const viewer = await requireViewer(request);
  const withAuthors = new URL(request.url).searchParams.get("forfattare") === "ja";
  const page = getSubjectVersion(viewer, about, requireIdParam(params.versionId), withAuthors);
  if (!page) throw notFound();
  return page;
}

export async function versionAction({ request, params }: ActionFunctionArgs, about: VersionedRoute) {
  const viewer = await requireViewer(request);
  return data(await handleVersionAction(viewer, about, requireIdParam(params.versionId), await request.formData()));
}

export async function authorshipLoader({ request }: LoaderFunctionArgs, about: VersionedRoute) {
  const page = getCurrentAuthorship(await requireViewer(request), about);
  if (!page) throw notFound();
  return page;
}
