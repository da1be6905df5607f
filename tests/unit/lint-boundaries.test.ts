import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";

/**
 * The folder boundaries of eslint.config.js, checked with ESLint's own API on probe modules.
 * The probes are linted as if they were at their path (lintText with a filePath): the check is the
 * same as for a file on disk, and nothing is written into app/ or server/ where tsc, the Remix build
 * or another test could pick it up while this runs.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(probePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, probePath) });
  return result.messages.filter((m) => m.ruleId === "import-x/no-restricted-paths" || m.ruleId === "import-x/no-nodejs-modules").map((m) => m.message);
}

describe("the folder boundaries (eslint.config.js)", () => {
  it("refuse a browser component that imports db/schema", async () => {
    const errors = await boundaryErrors(
      "app/components/__boundary_probe__.tsx",
      'import { meetings } from "../../db/schema";\nexport const probe = meetings;\n',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("../../db/schema");
  });

  it("let a browser component import db/domain", async () => {
    const errors = await boundaryErrors(
      "app/components/__boundary_probe__.tsx",
      'import { colourFor } from "../../db/domain/colours";\nexport const probe = colourFor;\n',
    );
    expect(errors).toEqual([]);
  });

  it("refuse a route module that imports db/ directly, and let it go through app/models", async () => {
    const direct = await boundaryErrors("app/routes/__boundary_probe__.tsx", 'import { getDb } from "../../db/client";\nexport const probe = getDb;\n');
    expect(direct).toHaveLength(1);
    const viaModels = await boundaryErrors("app/routes/__boundary_probe__.tsx", 'import { db } from "~/models/db.server";\nexport const probe = db;\n');
    expect(viaModels).toEqual([]);
  });

  it("refuse server/ importing app/, also through the ~ alias", async () => {
    const relative = await boundaryErrors("server/__probe__.ts", 'import { links } from "../app/root";\nexport const probe = links;\n');
    expect(relative).toHaveLength(1);
    const alias = await boundaryErrors("server/__probe__.ts", 'import { links } from "~/root";\nexport const probe = links;\n');
    expect(alias).toHaveLength(1);
  });

  it("refuse db/ importing server/", async () => {
    const errors = await boundaryErrors(
      "db/seed/__probe__.ts",
      'import { storeProtocol } from "../../server/protocol/archive";\nexport const probe = storeProtocol;\n',
    );
    expect(errors).toHaveLength(1);
  });

  it("keep db/domain free of the rest of db/ and of Node modules", async () => {
    const code = 'import fs from "node:fs";\nimport { getDb } from "../client";\nexport const probe = [fs, getDb];\n';
    expect(await boundaryErrors("db/domain/__probe__.ts", code)).toHaveLength(2);
  });
});
