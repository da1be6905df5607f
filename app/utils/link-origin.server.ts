/**
 * The origin for links in e-mails: PUBLIC_ORIGIN, or in development and tests the address the
 * server listens on (server/index.ts sets LISTEN_ORIGIN). Never derived from the request, whose
 * Host header the client chooses. Production must set PUBLIC_ORIGIN (README).
 */
export function linkOrigin(): string {
  const origin = process.env.PUBLIC_ORIGIN ?? process.env.LISTEN_ORIGIN;
  if (!origin) throw new Error("Neither PUBLIC_ORIGIN nor LISTEN_ORIGIN is set: the server has not started listening");
  return origin;
}
