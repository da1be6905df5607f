/**
 * Lint: a light typescript-eslint (rules that catch real bugs; tsc already checks unused names and types)
 * and the folder boundaries.
 *
 * Allowed imports (the direction is one way; README's "Allowed imports" says the same):
 *   db/domain/**            → nothing outside db/domain, no Node modules (it runs in the browser too)
 *   db/** (the rest)        → db/**; never app/** or server/**
 *   server/**               → db/**, server/**; never app/**
 *   app/models/**, app/**∕*.server.ts(x), app/entry.server.tsx
 *                           → anything: they are the server side of the app and reach db/** and the
 *                             server-only services in server/**
 *   the rest of app/ (browser code, and route modules, which Remix also bundles for the browser)
 *                           → app/**, db/domain/**; db code only through app/models/*.server.ts, and
 *                             never server/**. Remix drops only `.server` modules from the browser bundle,
 *                             so a route module that imported db/** directly would ship it to the browser.
 */
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

const root = import.meta.dirname;

/** Files of app/ that run only on the server: Remix keeps them out of the browser bundle. */
const appServerFiles = ["app/models/**", "app/**/*.server.ts", "app/**/*.server.tsx", "app/entry.server.tsx"];

/** `import-x/no-restricted-paths` with these zones (paths relative to the repository root). */
function restrictedPaths(...zones) {
  return { "import-x/no-restricted-paths": ["error", { basePath: root, zones: zones.map((zone) => ({ target: ".", ...zone })) }] };
}

export default defineConfig(
  {
    ignores: ["build/**", "public/build/**", "node_modules/**", "data/**", ".cache/**", "tests/.tmp/**", "db/migrations/**"],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: `${root}/tsconfig.json` })],
    },
    rules: {
      // tsc (noUnusedLocals, strict) checks these already, and knows the types.
      "no-unused-vars": "off",
      "@typescript-eslint/no-unused-vars": "off",
      "no-undef": "off",
      // Style rather than bugs: the codebase uses them on purpose (non-null assertions after checks, `any` at library edges).
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-empty-object-type": "off",
      "no-empty": ["error", { allowEmptyCatch: true }],
      // The control characters in our regular expressions are there on purpose: they strip them from names and ICS text.
      "no-control-regex": "off",
    },
  },
  {
    // Remix's generated type reference file.
    files: ["**/*.d.ts"],
    rules: { "@typescript-eslint/triple-slash-reference": "off" },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["db/domain/**"],
    rules: {
      ...restrictedPaths({ from: ".", except: ["./db/domain", "./node_modules"], message: "db/domain imports nothing outside db/domain." }),
      "import-x/no-nodejs-modules": "error",
    },
  },
  {
    files: ["db/**"],
    ignores: ["db/domain/**"],
    rules: restrictedPaths({ from: ["./app", "./server"], message: "db/ imports nothing from app/ or server/." }),
  },
  {
    files: ["server/**"],
    rules: restrictedPaths({ from: "./app", message: "server/ imports nothing from app/." }),
  },
  {
    files: ["app/**"],
    ignores: appServerFiles,
    rules: restrictedPaths(
      { from: "./db", except: ["./domain"], message: "Browser code and route modules import db/domain only; db code goes through app/models/*.server.ts." },
      { from: "./server", message: "Browser code and route modules never import server/; use app/models/*.server.ts." },
    ),
  },
);
