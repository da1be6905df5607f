/**
 * The WebSocket close codes of the collaboration server (/collab/<documentName>):
 * numbers both sides agree on. The server closes with them (server/collab/close.ts
 * adds short ASCII reasons); the editor tells the person what each means
 * (app/components/editor/close-codes.ts holds the Swedish texts).
 *
 * Codes in 4400–4499 are final: reconnecting cannot help, so the client stops
 * (y-websocket 3 does the same by default for that range). 1013, 4429 and 4503
 * are "try again later" (the editor retries 4421 and 4429 although they are in 4400–4499).
 */
export const collabCloseCodes = {
  /** Invalid document name or a malformed/unknown protocol message. */
  badRequest: 4400,
  /** No valid session (never logged in, logged out, session expired or person deactivated). */
  unauthenticated: 4401,
  /** Access to an open document was taken away (membership removed, members' notes turned off). */
  forbidden: 4403,
  /** The document does not exist or the person may not open it: one answer, so nobody learns which documents exist. */
  notFound: 4404,
  /** Edits under a Yjs client id that belongs to someone else (or to a connection of another person). */
  clientConflict: 4409,
  /** A message, or the document with it, is larger than the server accepts. */
  messageTooLarge: 4413,
  /** The change would leave the document outside its schema (e.g. a malformed åtgärdsplan row); nothing was applied. */
  invalidContent: 4422,
  /** The document is locked (e.g. the minutes have been approved, "justerat"); no more edits. */
  locked: 4423,
  /**
   * Another server process holds the document (several processes share the database): the
   * client tries again; a load balancer routing by document name makes this rare.
   */
  servedElsewhere: 4421,
  /** Too many messages too fast: the client reconnects and sends its changes again. */
  tooManyRequests: 4429,
  /** Standard "Try Again Later" (RFC 6455): the server could not load or store the document just now. */
  tryAgainLater: 1013,
  /** The server could not read the document; transient, try again. */
  serverError: 4503,
} as const;

export type CollabCloseCodeName = keyof typeof collabCloseCodes;
export type CollabCloseCode = (typeof collabCloseCodes)[CollabCloseCodeName];
