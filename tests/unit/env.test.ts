import { parseEnv } from "../../server/env";

/** The mail and digest variables as the server reads them at start: a readable refusal for each mistake. */
const base = { NODE_ENV: "test" } as const;
const refusal = (env: Record<string, string>) => {
  const parsed = parseEnv({ ...base, ...env });
  if (parsed.ok) throw new Error(`accepted: ${JSON.stringify(env)}`);
  return parsed.message;
};

describe("SMTP_URL and MAIL_FROM", () => {
  it("accept smtp:// and smtps:// with a sender address, bare or with a name", () => {
    for (const [url, from] of [
      ["smtp://127.0.0.1:2525", "noreply@samverkan.example.se"],
      ["smtps://user:hemligt@smtp.example.se:465", "Samverkan <noreply@samverkan.example.se>"],
    ]) {
      expect(parseEnv({ ...base, SMTP_URL: url, MAIL_FROM: from })).toMatchObject({ ok: true, env: { SMTP_URL: url, MAIL_FROM: from } });
    }
  });

  it("leave mail off when neither is set (and an empty value counts as unset)", () => {
    const parsed = parseEnv({ ...base, SMTP_URL: "", MAIL_FROM: "" });
    expect(parsed.ok && [parsed.env.SMTP_URL, parsed.env.MAIL_FROM]).toEqual([undefined, undefined]);
  });

  it("refuse a URL that is not one, or not SMTP", () => {
    expect(refusal({ SMTP_URL: "smtp.example.se:587", MAIL_FROM: "noreply@example.se" })).toContain("SMTP_URL: must be an smtp:// or smtps:// URL");
    expect(refusal({ SMTP_URL: "http://smtp.example.se:587", MAIL_FROM: "noreply@example.se" })).toContain("SMTP_URL: must be an smtp:// or smtps:// URL");
    expect(refusal({ SMTP_URL: "smtp://", MAIL_FROM: "noreply@example.se" })).toContain("SMTP_URL:");
  });

  it("refuse SMTP_URL without MAIL_FROM, saying what to set", () => {
    const message = refusal({ SMTP_URL: "smtp://smtp.example.se:587" });
    expect(message).toContain("MAIL_FROM: must be set when SMTP_URL is set");
    expect(message).not.toContain("SMTP_URL:");
  });

  it("refuse a MAIL_FROM that holds no address", () => {
    for (const from of ["Samverkan", "noreply", "Samverkan <noreply>", "a@b"]) {
      expect(refusal({ SMTP_URL: "smtp://smtp.example.se", MAIL_FROM: from })).toContain("MAIL_FROM: must be an address such as");
    }
  });
});

describe("DIGEST_HOUR", () => {
  it("is 7 (Stockholm) unless set; any hour 0–23, or off", () => {
    expect(parseEnv(base)).toMatchObject({ ok: true, env: { DIGEST_HOUR: 7 } });
    expect(parseEnv({ ...base, DIGEST_HOUR: "0" })).toMatchObject({ ok: true, env: { DIGEST_HOUR: 0 } });
    expect(parseEnv({ ...base, DIGEST_HOUR: "23" })).toMatchObject({ ok: true, env: { DIGEST_HOUR: 23 } });
    expect(parseEnv({ ...base, DIGEST_HOUR: "off" })).toMatchObject({ ok: true, env: { DIGEST_HOUR: null } });
  });

  it("refuses anything else", () => {
    for (const hour of ["24", "-1", "7.5", "sju", "07:00"]) {
      expect(refusal({ DIGEST_HOUR: hour })).toContain("DIGEST_HOUR: must be an hour from 0 to 23 (Stockholm time), or off");
    }
  });
});
