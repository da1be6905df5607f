/**
 * What the editor tells the person when the collaboration server closes a
 * document's connection with one of its codes (db/domain/close-codes.ts).
 *
 * Codes in 4400–4499 are final: reconnecting cannot help, so the client stops
 * (y-websocket 3 does the same by default for that range) and shows the
 * message in an alert. 1013, 4421, 4429 and 4503 are "try again later": the client
 * keeps y-websocket's automatic reconnect with back-off (the editor passes
 * `shouldReconnectAfterClose`, so 4421 and 4429 are retried although they are in 4400–4499).
 */
import type { CollabCloseCode } from "../../../db/domain/close-codes";

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
  4422: {
    final: true,
    loginLink: false,
    message:
      "Servern tog inte emot ändringen: den följde inte dokumentets regler (till exempel för lång text, ett ogiltigt datum eller en person som inte hör till överenskommelsen). Ladda om sidan för att fortsätta.",
  },
  4423: {
    final: true,
    loginLink: false,
    message: "Dokumentet är låst (justerat) och kan inte längre ändras. Ladda om sidan för att se den slutliga versionen.",
  },
  4421: {
    final: false,
    loginLink: false,
    message: "Dokumentet hålls just nu av en annan server. Vi försöker igen automatiskt; det du skrivit skickas när anslutningen är tillbaka.",
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
