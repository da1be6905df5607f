/**
 * WebSocket close codes of the collaboration server (4000–4999 are free for
 * applications). The editor explains each in Swedish.
 */
export const CloseCode = {
  /** Malformed document name or message. */
  badRequest: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
  tooLarge: 4413,
  /** The document is locked (approved minutes) and a change was attempted. */
  locked: 4423,
  /** The stored document could not be loaded; try again later. */
  unavailable: 4503,
  /** The server is shutting down. */
  goingAway: 1001,
} as const;
