import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Which folder may import which (the README's architecture): server/ and db/ never reach into
 * app/; db/ never into server/; browser code in app/ only into db/domain (the pure module), the
 * rest of db/ only through app/models; and db/domain stays pure by importing only itself.
 */

const root = path.resolve(__dirname, "../..");

interface Import {
  file: string;
  /** The imported module as a path from the repository root (no extension), or the bare specifier of a package. */
  target: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.(ts|tsx)$/.test(entry.name) ? [relative] : [];
  });
}

const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(path.join(root, file), "utf8");
  return [...text.matchAll(specifier)].map(([, spec]) => {
    if (spec.startsWith("~/")) return { file, target: path.posix.join("app", spec.slice(2)) };
    if (spec.startsWith(".")) return { file, target: path.posix.join(path.posix.dirname(file), spec) };
    return { file, target: spec };
  });
}

const allImports = ["app", "db", "server"].flatMap(sourceFiles).flatMap(importsOf);

function offending(filesMatching: (file: string) => boolean, forbidden: (target: string, file: string) => boolean): string[] {
  return allImports
    .filter(({ file, target }) => filesMatching(file) && forbidden(target, file))
    .map(({ file, target }) => `${file} -> ${target.replace(/\.(ts|tsx|js)$/, "")}`);
}

const under = (folder: string) => (p: string) => p === folder || p.startsWith(`${folder}/`);
const isClientAppFile = (file: string) => under("app")(file) && !under("app/models")(file) && !/\.server\.tsx?$/.test(file);

describe("folder boundaries", () => {
  it("finds the source files and their imports", () => {
    expect(allImports.some(({ file }) => file === "app/root.tsx")).toBe(true);
    expect(allImports.some(({ target }) => target === "db/domain/enums")).toBe(true);
  });

  it("server/ imports nothing from app/", () => {
    expect(offending(under("server"), under("app"))).toEqual([]);
  });

  it("db/ imports nothing from app/ or server/", () => {
    expect(offending(under("db"), (target) => under("app")(target) || under("server")(target))).toEqual([]);
  });

  it("browser code in app/ imports from db/ only db/domain", () => {
    expect(offending(isClientAppFile, (target) => under("db")(target) && !under("db/domain")(target))).toEqual([]);
  });

  it("db/domain imports nothing outside db/domain, not even a package", () => {
    expect(offending(under("db/domain"), (target) => !under("db/domain")(target))).toEqual([]);
  });
});
