import { TOTP_PERIOD_SECONDS } from "../../db/domain/totp";
import { demoTotpSecret } from "../../db/seed/demo";
import { totpCode } from "../../db/totp";
import { demoPassword } from "./temp";

/**
 * Logging in as someone with two-step verification, as their phone would: the demo administrator's app
 * secret follows from the demo password; an administrator who enrols during a test's login has theirs
 * remembered here. A server takes each 30-second step's code once, so codes are handed out for steps
 * not used yet on that server (waiting for the next step when a test logs in more often than that).
 */

const stepMs = TOTP_PERIOD_SECONDS * 1000;
const secrets = new Map<string, string>([["admin@example.se", demoTotpSecret(demoPassword)]]);
const lastStep = new Map<string, number>();

/** The app secret a test knows for this account (per server: `where` is its URL), or undefined. */
export function knownTotpSecret(where: string, email: string): string | undefined {
  return secrets.get(`${where} ${email}`) ?? secrets.get(email);
}

export function rememberTotpSecret(where: string, email: string, secret: string): void {
  secrets.set(`${where} ${email}`, secret.replace(/\s/g, ""));
}

/** A code the server at `where` has not seen used for this account: the current step, or the next. */
export async function freshTotpCode(where: string, email: string, secret = knownTotpSecret(where, email)): Promise<string> {
  if (!secret) throw new Error(`no known authenticator secret for ${email}`);
  const key = `${where} ${email}`;
  const current = Math.floor(Date.now() / stepMs);
  const step = Math.max(current, (lastStep.get(key) ?? -Infinity) + 1);
  // One step ahead is inside the server's window; further ahead, wait until it is.
  if (step > current + 1) await new Promise((resolve) => setTimeout(resolve, (step - 1) * stepMs - Date.now() + 100));
  lastStep.set(key, step);
  return totpCode(secret, new Date(step * stepMs));
}

/** The Set-Cookie headers of a response as "name=value" pairs for a Cookie header. */
function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
}

/**
 * Logs in over HTTP like a browser without scripts: the password, then the code step (or, for an
 * administrator without an app, enrolment with the secret read from the page). Returns the session cookie.
 */
export async function httpLogIn(url: string, email: string, password = demoPassword): Promise<string> {
  const post = (path: string, fields: Record<string, string>, cookies: string[] = []) =>
    fetch(`${url}${path}`, { method: "POST", body: new URLSearchParams(fields), headers: { Origin: url, Cookie: cookies.join("; ") }, redirect: "manual" });
  const login = await post("/login", { email, password });
  const cookies = cookiesOf(login);
  if (login.status !== 302 || cookies.length === 0) throw new Error(`login of ${email} failed with ${login.status}`);
  const next = login.headers.get("location");
  let answer: Response;
  if (next === "/login/kod") {
    answer = await post("/login/kod", { intent: "totp", code: await freshTotpCode(url, email) }, cookies);
  } else if (next === "/login/aktivera-kod") {
    const page = await (await fetch(`${url}/login/aktivera-kod`, { headers: { Cookie: cookies.join("; ") } })).text();
    const secret = page.match(/<code class="totp-secret">([A-Z2-7 ]+)<\/code>/)?.[1];
    if (!secret) throw new Error(`no secret on the enrolment page for ${email}`);
    rememberTotpSecret(url, email, secret);
    answer = await post("/login/aktivera-kod", { code: await freshTotpCode(url, email) }, cookies);
  } else {
    return cookies[0];
  }
  const session = cookiesOf(answer).find((cookie) => cookie.startsWith("samverkan_session="));
  if (!session) throw new Error(`code step of ${email} failed with ${answer.status}`);
  return session;
}
