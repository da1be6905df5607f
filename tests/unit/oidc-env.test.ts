import { parseEnv } from "../../server/env";

/** OIDC_PROVIDERS is checked at start, with messages that name the provider and the field. */
const provider = { id: "stad", name: "Stockholms stad", issuer: "https://login.stad.example", clientId: "samverkan", clientSecret: "hemligt" };
const parse = (providers: unknown, NODE_ENV: "production" | "development" | "test" = "production") =>
  parseEnv({ NODE_ENV, OIDC_PROVIDERS: typeof providers === "string" ? providers : JSON.stringify(providers) });
const problems = (result: ReturnType<typeof parseEnv>) => (result.ok ? "" : result.message);

describe("OIDC_PROVIDERS", () => {
  it("takes a JSON array of providers; unset means none", () => {
    const police = { ...provider, id: "polisen", name: "Polisen", issuer: "https://idp.polisen.example/realms/samverkan" };
    expect(parse([provider, police])).toMatchObject({ ok: true, env: { OIDC_PROVIDERS: [provider, police] } });
    expect(parseEnv({ NODE_ENV: "production" })).toMatchObject({ ok: true, env: { OIDC_PROVIDERS: [] } });
  });

  it("refuses what is not a JSON array of complete providers, naming the field", () => {
    expect(problems(parse("{inte json"))).toContain("OIDC_PROVIDERS: must be a JSON array such as");
    expect(problems(parse({ id: "stad" }))).toContain("OIDC_PROVIDERS: must be a JSON array of providers");
    expect(problems(parse([{ ...provider, clientSecret: undefined }]))).toContain("OIDC_PROVIDERS.0.clientSecret: must be a string");
    expect(problems(parse([{ ...provider, name: " " }]))).toContain("OIDC_PROVIDERS.0.name: must not be empty");
    expect(problems(parse([{ ...provider, issuer: "login.stad.example" }]))).toContain("OIDC_PROVIDERS.0.issuer: must be the provider's issuer URL");
    expect(problems(parse([{ ...provider, issuer: "https://login.stad.example/?tenant=1" }]))).toContain("OIDC_PROVIDERS.0.issuer");
  });

  it("wants short slugs as ids, each used once", () => {
    expect(problems(parse([{ ...provider, id: "Stockholms stad" }]))).toContain("OIDC_PROVIDERS.0.id: must be a short slug");
    expect(problems(parse([{ ...provider, id: "x".repeat(33) }]))).toContain("OIDC_PROVIDERS.0.id");
    expect(problems(parse([provider, { ...provider, name: "Igen" }]))).toContain('OIDC_PROVIDERS.1.id: "stad" is used by two providers');
  });

  it("wants https, except a provider on this machine outside production", () => {
    const local = { ...provider, issuer: "http://127.0.0.1:4000" };
    expect(problems(parse([local]))).toContain("OIDC_PROVIDERS.0.issuer: must be an https URL in production");
    expect(parse([local], "development").ok).toBe(true);
    expect(parse([{ ...provider, issuer: "http://localhost:4000/realm" }], "test").ok).toBe(true);
    expect(problems(parse([{ ...provider, issuer: "http://login.stad.example" }], "development"))).toContain(
      "OIDC_PROVIDERS.0.issuer: must be an https URL (plain http only for 127.0.0.1 or localhost, outside production)",
    );
  });
});
