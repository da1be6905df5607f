/**
 * Swedish organisationsnummer: ten digits written NNNNNN-NNNN whose last digit is the Luhn
 * check digit of the first nine (the same rule as personnummer, which a sole trader uses as
 * org.nr). Typing it without the hyphen is accepted; it is stored with it.
 */

/** The Luhn check digit of a string of digits (weights 2, 1, 2, … from the left for nine digits). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const weighted = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return (10 - (sum % 10)) % 10;
}

export type OrgNumberProblem = "format" | "check_digit";

/** The org.nr as stored (212000-0142), typed with or without the hyphen (spaces around allowed), or why it is not one. */
export function normaliseOrgNumber(input: string): { ok: true; value: string } | { ok: false; problem: OrgNumberProblem } {
  const match = /^(\d{6})-?(\d{4})$/.exec(input.trim());
  if (!match) return { ok: false, problem: "format" };
  const digits = match[1] + match[2];
  if (luhnCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) return { ok: false, problem: "check_digit" };
  return { ok: true, value: `${match[1]}-${match[2]}` };
}

export const orgNumberProblemInSwedish: Record<OrgNumberProblem, string> = {
  format: "Ange organisationsnumret som tio siffror, NNNNNN-NNNN.",
  check_digit: "Organisationsnumret stämmer inte: kontrollsiffran (den sista) är fel. Kontrollera att det är rätt skrivet.",
};
