/**
 * The browser never loads zod: validation runs on the server (actions, loaders, *.server.ts). A
 * route module's own top-level schema once put 458 KB of zod into every page's JavaScript, the
 * login page's included. Reads the compiler's output (the tests run after `remix build`).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const client = path.resolve("build/client");

function manifest(): { routes: Record<string, { module: string; imports?: string[] }> } {
  const file = readdirSync(client).find((f) => f.startsWith("manifest-") && f.endsWith(".js"))!;
  return JSON.parse(
    readFileSync(path.join(client, file), "utf8")
      .replace(/^window\.__remixManifest=/, "")
      .replace(/;$/, ""),
  );
}

const asset = (url: string) => readFileSync(path.join(client, url.replace(/^\/build\//, "")), "utf8");

it("no page's JavaScript contains zod", () => {
  const routes = Object.entries(manifest().routes);
  expect(routes.length).toBeGreaterThan(10);
  const withZod = routes.filter(([, route]) => [route.module, ...(route.imports ?? [])].some((url) => asset(url).includes("ZodError")));
  expect(withZod.map(([id]) => id)).toEqual([]);
});
