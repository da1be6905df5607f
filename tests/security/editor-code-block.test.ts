/**
 * Issue 10, finding 18: a code block's `language` comes from the Y.XmlElement,
 * which a raw Yjs client can set to anything; only known names reach the page.
 */
import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { documentExtensions } from "~/components/editor/extensions";

let schema: Schema;
beforeAll(() => {
  schema = getSchema(documentExtensions());
});

/** The <code> element's attributes as the editor renders a code block with the stored `language`. */
function renderedCodeAttributes(language: unknown): Record<string, unknown> {
  const node = schema.nodes.codeBlock!.create({ language });
  const spec = schema.nodes.codeBlock!.spec.toDOM!(node) as unknown as [string, Record<string, unknown>, [string, Record<string, unknown>, number]];
  return spec[2][1];
}

describe("code block language", () => {
  it("renders a known language as its class", () => {
    expect(renderedCodeAttributes("javascript")).toEqual({ class: "language-javascript" });
    expect(renderedCodeAttributes("sql")).toEqual({ class: "language-sql" });
  });

  it.each(["x live-editor__alert", "javascript sr-only", '" onmouseover="alert(1)', "JAVASCRIPT", "", 42, { toString: () => "javascript" }])(
    "drops the stored value %j",
    (language) => {
      expect(renderedCodeAttributes(language).class ?? null).toBeNull();
    },
  );

  it("keeps only a known language from pasted HTML", () => {
    const rule = schema.nodes.codeBlock!.spec.parseDOM![0]!;
    const getAttrs = rule.getAttrs as (dom: HTMLElement) => Record<string, unknown>;
    // <pre><code class="…"></code></pre>, as much of the DOM as the parse rule reads.
    const pre = (className: string) => ({ firstElementChild: { classList: [className] }, getAttribute: () => null }) as unknown as HTMLElement;
    expect(getAttrs(pre("language-python")).language).toBe("python");
    // Unknown: no value, so the node gets the default (null).
    expect(getAttrs(pre("language-live-editor__alert")).language ?? null).toBeNull();
  });
});
