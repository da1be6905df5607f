/**
 * WebSocket close codes the collaboration server (/collab/<documentName>) uses
 * to refuse or end a connection, and what the editor tells the person.
 * Shared by the server and the browser: plain TS, no React, no DOM.
 *
 * Codes in 4400–4499 are final: reconnecting cannot help, so the client stops
 * (y-websocket 3 does the same by default for that range) and shows the
 * message in an alert. 1013, 4429 and 4503 are "try again later": the client
 * keeps y-websocket's automatic reconnect with back-off (the editor passes
 * `shouldReconnectAfterClose`, so 4429 is retried although it is in 4400–4499).
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
  /** The document is locked (e.g. the minutes have been approved, "justerat"); no more edits. */
  locked: 4423,
  /** Too many messages too fast: the client reconnects and sends its changes again. */
  tooManyRequests: 4429,
  /** Standard "Try Again Later" (RFC 6455): the server could not load or store the document just now. */
  tryAgainLater: 1013,
  /** The server could not read the document; transient, try again. */
  serverError: 4503,
} as const;

export type CollabCloseCodeName = keyof typeof collabCloseCodes;
export type CollabCloseCode = (typeof collabCloseCodes)[CollabCloseCodeName];

export type CollabCloseInfo = {
  code: number;
  /** Stop reconnecting: the server's decision is final for this page load. */
  final: boolean;
  /** Swedish explanation for the person. */
  message: string;
  /** Offer a link to /login (the session is gone). */
  loginLink: boolean;
};

const messages: Record<CollabCloseCode, Omit<CollabCloseInfo, "code">> = {
  4400: {
    final: true,
    loginLink: false,
    message:
      "Dokumentet kunde inte öppnas: ogiltigt dokumentnamn eller ett felaktigt meddelande. Ladda om sidan. Ändringar som inte hunnit sparas kan gå förlorade.",
  },
  4401: {
    final: true,
    loginLink: true,
    message: "Du är inte inloggad längre. Logga in igen för att fortsätta.",
  },
  4403: {
    final: true,
    loginLink: false,
    message: "Du har inte behörighet att se eller ändra det här dokumentet.",
  },
  4404: {
    final: true,
    loginLink: false,
    message: "Dokumentet finns inte, eller så har du inte behörighet att se det.",
  },
  4409: {
    final: true,
    loginLink: false,
    message:
      "Servern tog inte emot ändringarna från den här sidan: de var gjorda under en identitet som tillhör någon annan i dokumentet. Ladda om sidan för att fortsätta skriva.",
  },
  4413: {
    final: true,
    loginLink: false,
    message:
      "Ändringen är för stor för att sparas: den själv, eller dokumentet med den, är större än servern tar emot (till exempel efter en mycket stor inklistring). Ladda om sidan och gör ändringen i mindre delar.",
  },
  4423: {
    final: true,
    loginLink: false,
    message: "Dokumentet är låst (justerat) och kan inte längre ändras. Ladda om sidan för att se den slutliga versionen.",
  },
  4429: {
    final: false,
    loginLink: false,
    message: "Ändringarna kom tätare än servern tar emot. Anslutningen återupptas strax och det du skrivit skickas igen automatiskt.",
  },
  1013: {
    final: false,
    loginLink: false,
    message: "Servern kunde inte läsa dokumentet just nu. Vi försöker igen automatiskt.",
  },
  4503: {
    final: false,
    loginLink: false,
    message: "Servern kunde inte läsa dokumentet just nu. Vi försöker igen automatiskt.",
  },
};

/** Short ASCII close reasons for the server (a close reason is at most 123 bytes). */
export const collabCloseReasons: Record<CollabCloseCode, string> = {
  4400: "bad request",
  4401: "not authenticated",
  4403: "forbidden",
  4404: "not found",
  4409: "client id in use",
  4413: "too large",
  4423: "document locked",
  4429: "too many messages",
  1013: "try again later",
  4503: "document unavailable",
};

function isKnownCode(code: number): code is CollabCloseCode {
  return Object.prototype.hasOwnProperty.call(messages, code);
}

/**
 * What a close code means for the person, or null for an ordinary close
 * (1000, 1001, 1006 network loss, …) that the client silently reconnects after.
 * Unknown codes in 4400–4499 are final, as in y-websocket's default.
 */
export function describeCollabClose(code: number): CollabCloseInfo | null {
  if (isKnownCode(code)) return { code, ...messages[code] };
  if (code >= 4400 && code < 4500) {
    return {
      code,
      final: true,
      loginLink: false,
      message: `Servern stängde anslutningen till dokumentet (kod ${code}). Ladda om sidan för att försöka igen.`,
    };
  }
  return null;
}

/** For y-websocket's `shouldReconnect` option: false for the final codes. */
export function shouldReconnectAfterClose(code: number): boolean {
  return !(describeCollabClose(code)?.final ?? false);
}
