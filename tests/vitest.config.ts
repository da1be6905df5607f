import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root,
  resolve: { alias: { "~": `${root}app` } },
  test: {
    globals: true,
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    // Browser and server tests start real processes; two cores make them slower than unit tests.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
