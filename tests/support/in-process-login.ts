import { action as loginAction } from "~/routes/login";
import { action as codeAction } from "~/routes/login_.kod";
import { freshTotpCode } from "./two-step";
import { demoPassword } from "./temp";

const base = "http://samverkan.test";
/** Sessions of people with an app, one login per test file: each login takes a fresh 30-second code. */
const twoStepSessions = new Map<string, string>();

/** Logs in by calling the login route's action as Remix does (and the code step's, for an administrator); returns the session cookie. */
export async function inProcessLogIn(email: string, address: string, password = demoPassword): Promise<string> {
  const known = twoStepSessions.get(email);
  if (known) return known;
  const context = { cspNonce: "test", clientAddress: address };
  const result = await loginAction({
    request: new Request(`${base}/login`, { method: "POST", body: new URLSearchParams({ email, password, redirectTo: "/" }) }),
    params: {},
    context,
  });
  if (!(result instanceof Response)) throw new Error(`login failed: ${JSON.stringify(result)}`);
  const cookies = result.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  if (result.headers.get("Location") !== "/login/kod") return cookies[0];
  const answer = await codeAction({
    request: new Request(`${base}/login/kod`, {
      method: "POST",
      body: new URLSearchParams({ intent: "totp", code: await freshTotpCode(base, email) }),
      headers: { Cookie: cookies.join("; ") },
    }),
    params: {},
    context,
  });
  const session = answer instanceof Response ? answer.headers.getSetCookie().find((cookie) => cookie.startsWith("samverkan_session=")) : undefined;
  if (!session) throw new Error(`code step of ${email} failed: ${JSON.stringify(answer)}`);
  twoStepSessions.set(email, session.split(";")[0]);
  return session.split(";")[0];
}
