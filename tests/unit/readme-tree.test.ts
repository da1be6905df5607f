import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The README's architecture tree must stay true: every folder and file it names exists, and
 * every folder of the repository is in it. Run against the tree as it is, and against a
 * made-up one to show that a renamed path is caught.
 */

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Folders that are not the project's own: installed, built, generated at run time, or git's. */
const NOT_OURS = new Set(["node_modules", "build", "public", "data", ".git", ".cache", ".tmp"]);

/** Descriptions start in this column; a line indented less is an entry of the tree. */
const DESCRIPTION_COLUMN = 20;

interface TreeEntry {
  /** Path from the repository root; a folder ends with "/". */
  path: string;
  /** Files the entry's description names (like `writes.ts` or `app/utils/content-disposition.ts`). */
  mentioned: string[];
}

/** The fenced block under "## Architecture". */
function architectureBlock(readme: string): string {
  const section = readme.indexOf("\n## Architecture\n");
  if (section < 0) throw new Error("README has no ## Architecture section");
  const open = readme.indexOf("```\n", section);
  const close = readme.indexOf("\n```", open + 4);
  if (open < 0 || close < 0) throw new Error("the Architecture section has no fenced tree");
  return readme.slice(open + 4, close);
}

const FILE_NAME = /(?<![\w/.*<-])(?:[\w.-]+\/)*[\w-]+(?:\.[\w-]+)*\.(?:ts|tsx|cjs|js|css|txt|md|json)\b/g;

/** Each line indented less than the description column is an entry; its indentation (two spaces a level) says whose child it is. */
function parseTree(block: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  const folders: string[] = [];
  for (const line of block.split("\n")) {
    if (line.trim() === "") continue;
    const indent = line.length - line.trimStart().length;
    if (indent >= DESCRIPTION_COLUMN) {
      entries.at(-1)?.mentioned.push(...(line.match(FILE_NAME) ?? []));
      continue;
    }
    const [name, ...rest] = line.trim().split(/\s+/);
    const depth = indent / 2;
    if (!Number.isInteger(depth) || depth > folders.length) throw new Error(`the tree's line "${line}" is not indented under a folder`);
    folders.length = depth;
    const path = folders.join("") + name;
    entries.push({ path, mentioned: rest.join(" ").match(FILE_NAME) ?? [] });
    if (name.endsWith("/")) folders.push(name);
  }
  return entries;
}

/** A mentioned file is found in the entry's own folder, next to the entry, or from the root. */
function mentionedFileExists(entry: TreeEntry, file: string): boolean {
  const parent = entry.path.replace(/[^/]+\/?$/, "");
  const places = [entry.path.endsWith("/") ? entry.path : null, parent, ""].filter((p): p is string => p !== null);
  return places.some((place) => existsSync(join(root, place, file)));
}

/** Every path the tree names that does not exist, entries and mentioned files alike. */
function missingPaths(block: string): string[] {
  const missing: string[] = [];
  for (const entry of parseTree(block)) {
    if (!existsSync(join(root, entry.path))) missing.push(entry.path);
    for (const file of entry.mentioned) if (!mentionedFileExists(entry, file)) missing.push(`${file} (named under ${entry.path})`);
  }
  return missing;
}

/** Every folder of the project, as "db/queries/". */
function projectFolders(dir = ""): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory() && !NOT_OURS.has(d.name) && (dir !== "" || !d.name.startsWith(".") || d.name === ".ci"))
    .flatMap((d) => [`${dir}${d.name}/`, ...projectFolders(`${dir}${d.name}/`)]);
}

/** The folders the tree covers: its folder entries and the folders in its entries' paths (`cli/admin.ts` covers `server/cli/`). */
function foldersInTree(block: string): Set<string> {
  const covered = new Set<string>();
  for (const { path } of parseTree(block)) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) covered.add(`${parts.slice(0, i).join("/")}/`);
  }
  return covered;
}

const tree = architectureBlock(readFileSync(join(root, "README.md"), "utf8"));

describe("the README's architecture tree", () => {
  it("names only folders and files that exist", () => {
    expect(parseTree(tree).length).toBeGreaterThan(40);
    expect(missingPaths(tree)).toEqual([]);
  });

  it("has every folder of the repository in it", () => {
    const covered = foldersInTree(tree);
    expect(projectFolders().filter((folder) => !covered.has(folder))).toEqual([]);
  });

  it("catches a renamed folder, file or mentioned file", () => {
    const renamed = [
      "app/                       the UI",
      "  modles/                  the only app/ code that imports db/",
      "server/                    the process",
      "  collab/                  live documents",
      "    collab-sever.ts        upgrade",
      "  http/                    body-limit.ts, security-header.ts (CSP)",
    ].join("\n");
    expect(missingPaths(renamed)).toEqual(["app/modles/", "server/collab/collab-sever.ts", "security-header.ts (named under server/http/)"]);
    expect(projectFolders().filter((folder) => !foldersInTree(renamed).has(folder))).toContain("app/models/");
  });
});
