import type { RunningServer } from "./server";

export interface Answer {
  status: number;
  body: string;
}

/** A form post as the browser sends it without JavaScript (a document request); the page that comes back. */
export async function postForm(server: RunningServer, path: string, cookie: string, fields: Record<string, string>): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Cookie: cookie, Origin: server.url },
    redirect: "manual",
  });
  return { status: response.status, body: await response.text() };
}

/**
 * The same post as the app's JavaScript sends it (Remix single fetch, `<path>.data`):
 * the action's own answer, without the page around it, so two answers can be compared byte for byte.
 */
export function postAction(server: RunningServer, path: string, cookie: string, fields: Record<string, string>): Promise<Answer> {
  return postForm(server, `${path}.data`, cookie, fields);
}

/** A GET with the session cookie. */
export async function getPath(server: RunningServer, path: string, cookie: string): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
  return { status: response.status, body: await response.text() };
}
