import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromiumPath } from "./chromium-path";

/**
 * Browser tests drive Debian's Chromium (no browser download works on these
 * machines). Install it when missing and we may (root with apt), otherwise
 * stop with instructions instead of failing later in every browser test.
 */
export default function setup() {
  if (!existsSync("build/index.js")) {
    throw new Error("The Remix build is missing: run the tests with `npm test`, which builds first.");
  }
  if (existsSync(chromiumPath)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  if (isRoot && hasApt && !process.env.CHROMIUM_PATH) {
    console.log("Chromium is missing; installing Debian's chromium package for the browser tests…");
    const install = spawnSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"], {
      stdio: "inherit",
    });
    if (install.status === 0 && existsSync(chromiumPath)) return;
  }
  throw new Error(
    `Chromium was not found at ${chromiumPath}. Install it with \`sudo apt-get install -y chromium\` ` +
      "or set CHROMIUM_PATH to a Chromium or Chrome executable, then run `npm test` again.",
  );
}
