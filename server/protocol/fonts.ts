import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The TrueType fonts embedded in every protocol PDF: DejaVu Sans from the npm
 * package `dejavu-fonts-ttf`, so a fresh `npm install` is all it takes (nothing
 * from the operating system). DejaVu covers Swedish (å ä ö), é, ü and far more;
 * embedding is what PDF/A requires and what makes the text look the same on
 * every reader.
 */
export interface ProtocolFonts {
  regular: string;
  bold: string;
}

let cached: ProtocolFonts | null = null;

export function protocolFonts(): ProtocolFonts {
  if (cached) return cached;
  // Resolved from this module's own location, which also works from the Remix
  // server bundle in build/ (it resolves through the same node_modules).
  const require = createRequire(import.meta.url);
  const ttf = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
  const fonts = { regular: join(ttf, "DejaVuSans.ttf"), bold: join(ttf, "DejaVuSans-Bold.ttf") };
  for (const path of Object.values(fonts)) {
    if (!existsSync(path)) {
      throw new Error(`The protocol font ${path} is missing: reinstall the npm package dejavu-fonts-ttf.`);
    }
  }
  cached = fonts;
  return fonts;
}
