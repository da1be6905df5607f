import { getSchema } from "@tiptap/core";
import { DOMSerializer, type Schema } from "@tiptap/pm/model";
import { collabCloseCodes } from "../../db/domain/close-codes";
import { describeCollabClose, shouldReconnectAfterClose } from "~/components/editor/close-codes";
import { contrastRatio, readableTextColour, safeUserColour } from "~/components/editor/colours";
import { documentExtensions, linkRel } from "~/components/editor/extensions";
import { isSafeHref, normaliseLinkInput } from "~/components/editor/safe-href";

describe("isSafeHref", () => {
  it.each([
    "http://example.se",
    "https://example.se",
    "https://start.stockholm/stadsdelar/skarholmen/?a=1#b",
    "HTTPS://EXAMPLE.SE/",
    "https://user@example.se:8443/x",
    "mailto:namn@example.se",
    "mailto:namn@example.se?subject=Protokoll",
    "MAILTO:namn@example.se",
    "tel:+46850829000",
    "tel:08-508 290 00",
  ])("allows %j", (href) => {
    expect(isSafeHref(href)).toBe(true);
  });

  it.each([
    // script and data schemes, any case
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " JaVaScRiPt:alert(1)",
    "javascript://example.se/%0Aalert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "ftp://example.se",
    // whitespace and control characters a browser strips from the scheme
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "\u0000javascript:alert(1)",
    "\u0001javascript:alert(1)",
    "\tjavascript:alert(1)",
    "\njavascript:alert(1)",
    "\u00A0javascript:alert(1)",
    "\u200Bjavascript:alert(1)",
    "\uFEFFjavascript:alert(1)",
    "javascript\u0000:alert(1)",
    "https:\t//example.se",
    "https://exa\nmple.se",
    " https://example.se",
    "https://example.se ",
    // HTML entity and percent-encoded obfuscation
    "javascript&#58;alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)",
    "jav&#x09;ascript:alert(1)",
    "%6Aavascript:alert(1)",
    "javascript%3Aalert(1)",
    "https&#58;//example.se",
    // relative and scheme-relative
    "//evil.example",
    "\\\\evil.example",
    "/\\evil.example",
    "/admin",
    "./x",
    "../x",
    "#top",
    "?a=1",
    "www.example.se",
    "example.se",
    // malformed
    "",
    "https://",
    "http:///x",
    "mailto:",
    "tel:",
    "tel:javascript:alert(1)",
  ])("refuses %j", (href) => {
    expect(isSafeHref(href)).toBe(false);
  });

  it("refuses very long values", () => {
    expect(isSafeHref(`https://example.se/${"a".repeat(3000)}`)).toBe(false);
  });

  it("refuses values that are not strings", () => {
    expect(isSafeHref(null)).toBe(false);
    expect(isSafeHref(undefined)).toBe(false);
    expect(isSafeHref(42 as unknown as string)).toBe(false);
    expect(isSafeHref({ toString: () => "https://example.se" } as unknown as string)).toBe(false);
  });
});

describe("normaliseLinkInput", () => {
  it("trims, adds https:// to a bare domain and encodes spaces", () => {
    expect(normaliseLinkInput("  https://example.se/a  ")).toBe("https://example.se/a");
    expect(normaliseLinkInput("www.polisen.se")).toBe("https://www.polisen.se/");
    expect(normaliseLinkInput("start.stockholm/stadsdelar")).toBe("https://start.stockholm/stadsdelar");
    expect(normaliseLinkInput("https://example.se/a b")).toBe("https://example.se/a%20b");
    expect(normaliseLinkInput("mailto:namn@example.se")).toBe("mailto:namn@example.se");
    expect(normaliseLinkInput("tel:+46850829000")).toBe("tel:+46850829000");
  });

  it.each(["", "   ", "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,x", "//evil", "/x", "localhost"])(
    "refuses %j",
    (input) => {
      expect(normaliseLinkInput(input)).toBeNull();
    },
  );
});

describe("how the editor's schema renders links", () => {
  let schema: Schema;
  beforeAll(() => {
    schema = getSchema(documentExtensions());
  });

  // The DOM output spec of a link mark, as the editor (and an export) would render it.
  function renderLink(attrs: Record<string, unknown>) {
    const mark = schema.marks.link!.create(attrs);
    const spec = schema.marks.link!.spec.toDOM!(mark, true) as unknown as [string, Record<string, string>, number];
    return { tag: spec[0], attrs: spec[1] };
  }

  it("renders a safe link with a fixed rel and no target", () => {
    expect(renderLink({ href: "https://example.se" })).toEqual({
      tag: "a",
      attrs: { href: "https://example.se", rel: linkRel },
    });
  });

  it.each(["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,x", "//evil", "vbscript:x"])(
    "drops the href %j that a raw Yjs client wrote",
    (href) => {
      const { tag, attrs } = renderLink({ href });
      expect(tag).toBe("a");
      expect(attrs).not.toHaveProperty("href");
      expect(attrs.rel).toBe(linkRel);
    },
  );

  it("ignores stored rel, target and class attributes", () => {
    const { attrs } = renderLink({ href: "https://example.se", rel: "opener", target: "_blank", class: "button", title: "Mer" });
    expect(attrs).toEqual({ href: "https://example.se", rel: linkRel, title: "Mer" });
  });

  it("refuses javascript: links in pasted HTML", () => {
    const parseRule = schema.marks.link!.spec.parseDOM![0]!;
    const element = (href: string) => ({ getAttribute: (name: string) => (name === "href" ? href : null) }) as unknown as HTMLElement;
    const getAttrs = parseRule.getAttrs as (dom: HTMLElement) => false | null | Record<string, unknown>;
    expect(getAttrs(element("javascript:alert(1)"))).toBe(false);
    expect(getAttrs(element("https://example.se"))).not.toBe(false);
  });

  it("has headings of levels 2–4 and tables", () => {
    expect(schema.nodes.heading!.spec.attrs).toBeDefined();
    expect(Object.keys(schema.nodes)).toEqual(expect.arrayContaining(["table", "tableRow", "tableHeader", "tableCell"]));
    // An h1 written by a raw client renders as h2 (the page has the h1).
    const h1 = schema.nodes.heading!.create({ level: 1 });
    expect((schema.nodes.heading!.spec.toDOM!(h1) as unknown as [string])[0]).toBe("h2");
  });

  it("serialises through DOMSerializer without a href for a javascript: link", () => {
    // A minimal document object: enough for DOMSerializer, no jsdom needed.
    const created: { tag: string; attrs: Record<string, string> }[] = [];
    const fakeDocument = {
      createElement(tag: string) {
        const node = { tag, attrs: {} as Record<string, string>, children: [] as unknown[] };
        created.push(node);
        return {
          setAttribute: (name: string, value: string) => (node.attrs[name] = value),
          appendChild: (child: unknown) => node.children.push(child),
          get firstChild() {
            return node.children[0] ?? null;
          },
        };
      },
      createTextNode: (text: string) => ({ text }),
      createDocumentFragment: () => ({ appendChild: () => undefined }),
    } as unknown as Document;
    const text = schema.text("klicka", [schema.marks.link!.create({ href: "javascript:alert(1)" })]);
    DOMSerializer.fromSchema(schema).serializeFragment(schema.nodes.paragraph!.create(null, text).content, {
      document: fakeDocument,
    });
    const anchor = created.find((node) => node.tag === "a");
    expect(anchor).toBeDefined();
    expect(anchor!.attrs).toEqual({ rel: linkRel });
  });
});

describe("collaboration close codes", () => {
  it("names the codes the server uses", () => {
    expect(collabCloseCodes).toEqual({
      badRequest: 4400,
      unauthenticated: 4401,
      forbidden: 4403,
      notFound: 4404,
      clientConflict: 4409,
      messageTooLarge: 4413,
      servedElsewhere: 4421,
      invalidContent: 4422,
      locked: 4423,
      tooManyRequests: 4429,
      tryAgainLater: 1013,
      serverError: 4503,
    });
  });

  it("stops reconnecting for final refusals and retries otherwise", () => {
    for (const code of [4400, 4401, 4403, 4404, 4409, 4413, 4422, 4423, 4499]) expect(shouldReconnectAfterClose(code)).toBe(false);
    // 4421: another process holds the document; 4429: sending too fast; reconnecting sends the page's changes again.
    for (const code of [1000, 1001, 1006, 1011, 1013, 4421, 4429, 4503, 4000]) expect(shouldReconnectAfterClose(code)).toBe(true);
  });

  it("explains refusals in Swedish", () => {
    expect(describeCollabClose(4401)).toMatchObject({
      final: true,
      loginLink: true,
      message: "Du är inte inloggad längre. Logga in igen för att fortsätta.",
    });
    expect(describeCollabClose(4423)?.message).toMatch(/låst/);
    expect(describeCollabClose(1013)).toMatchObject({ final: false });
    expect(describeCollabClose(4429)).toMatchObject({ final: false, message: expect.stringMatching(/skickas igen automatiskt/) });
    expect(describeCollabClose(4409)).toMatchObject({ final: true, message: expect.stringMatching(/Ladda om sidan/) });
    expect(describeCollabClose(1006)).toBeNull();
  });
});

describe("user colours", () => {
  it("uses only #rrggbb colours from other clients", () => {
    expect(safeUserColour("#AbCdEf")).toBe("#abcdef");
    expect(safeUserColour("red; background: url(x)")).toBe("#4a5360");
    expect(safeUserColour(undefined)).toBe("#4a5360");
  });

  it("picks caret label text with at least 4.5:1 contrast for any colour", () => {
    for (let r = 0; r <= 255; r += 17) {
      for (let g = 0; g <= 255; g += 17) {
        for (let b = 0; b <= 255; b += 17) {
          const color = `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
          expect(contrastRatio(color, readableTextColour(color))).toBeGreaterThanOrEqual(4.5);
        }
      }
    }
  });
});
