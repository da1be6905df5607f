import { TextField } from "~/components/ui/text-field";

/** The six-digit field every code step uses: phones offer the code from SMS or the app, and a number pad. */
export function TotpCodeField({ error, label = "Kod från appen" }: { error?: string; label?: string }) {
  return (
    <TextField
      label={label}
      name="code"
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={7}
      hint="Sex siffror. Koden byts var 30:e sekund."
      required
      error={error}
    />
  );
}

/**
 * Setting up an app: the QR code, and the same secret as text (grouped in fours) for those who cannot
 * scan, e.g. with a screen reader or when the app is on the same screen.
 */
export function TotpEnrolmentSteps({ qrCode, secret, email }: { qrCode: string; secret: string; email: string }) {
  return (
    <ol className="stack">
      <li>Öppna en autentiseringsapp i telefonen, till exempel Microsoft Authenticator, Google Authenticator eller FreeOTP.</li>
      <li>
        <p>Skanna QR-koden med appen:</p>
        <img src={qrCode} alt={`QR-kod för Samverkan, kontot ${email}`} width={220} height={220} className="qr-code" />
        <p>
          Kan du inte skanna? Lägg till kontot för hand med nyckeln <code className="totp-secret">{secret}</code> (tidsbaserad, sex siffror).
        </p>
      </li>
      <li>Skriv in koden som appen visar för Samverkan.</li>
    </ol>
  );
}

/** Recovery codes, shown once: the person saves them before going on. */
export function RecoveryCodes({ codes, children }: { codes: string[]; children: React.ReactNode }) {
  return (
    <section aria-labelledby="recovery-codes-heading" className="stack">
      <h2 id="recovery-codes-heading">Dina återställningskoder</h2>
      <p>
        Spara koderna på ett säkert ställe, till exempel i en lösenordshanterare eller utskrivna. Varje kod fungerar en gång om du inte har tillgång till appen.
        Koderna visas bara nu.
      </p>
      <ul className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      {children}
    </section>
  );
}
