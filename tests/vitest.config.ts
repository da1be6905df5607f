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
    // A page's data reloads after an action's answer is shown (Remix), and under a busy CI machine that can
    // take more than expect.poll's default second: a poll ends as soon as it holds, so waiting longer costs
    // a passing test nothing.
    expect: { poll: { timeout: 10_000 } },
  },
});
