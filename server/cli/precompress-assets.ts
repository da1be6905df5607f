/**
 * `npm run build`'s last step: writes a brotli (.br) and a gzip (.gz) copy next to every compressible
 * asset of the Remix compiler (build/client), so the server sends them without compressing on the
 * first request after a start (see server/http/compression.ts). Prints what it wrote, raw and
 * compressed sizes. A copy already newer than its asset is kept.
 */
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { compressAsset, compressibleAsset, precompressedSuffix, type Encoding } from "../http/compression";

async function* assetFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* assetFiles(full);
    else if (compressibleAsset.test(entry.name)) yield full;
  }
}

async function upToDate(file: string, copy: string): Promise<boolean> {
  try {
    return (await stat(copy)).mtimeMs >= (await stat(file)).mtimeMs;
  } catch {
    return false;
  }
}

const root = path.resolve(process.argv[2] ?? "build/client");
let files = 0;
let raw = 0;
const written: Record<Encoding, number> = { br: 0, gzip: 0 };
for await (const file of assetFiles(root)) {
  const body = await readFile(file);
  files++;
  raw += body.length;
  for (const encoding of ["br", "gzip"] as const) {
    const copy = file + precompressedSuffix[encoding];
    if (await upToDate(file, copy)) {
      written[encoding] += (await stat(copy)).size;
      continue;
    }
    const compressed = await compressAsset(body, encoding);
    await writeFile(copy, compressed);
    written[encoding] += compressed.length;
  }
}
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
console.log(`precompressed ${files} assets in ${path.relative(process.cwd(), root)}: ${kb(raw)} raw, ${kb(written.br)} brotli, ${kb(written.gzip)} gzip`);
