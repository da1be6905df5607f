import * as Y from "yjs";
import type { DocumentKind } from "../schema";

/**
 * Starting content of new live documents, written on the server once, when the
 * document is first created, so two people opening it at once cannot both
 * insert the template. The structure follows Tiptap's ProseMirror schema as
 * the Collaboration extension stores it: node names as XML element names,
 * node attributes as element attributes, in the fragment "default".
 */
type Block = { heading: string; level?: 2 | 3 } | { paragraph: string };

const lagesbildTemplate = (year: number): Block[] => [
  { paragraph: `Gemensam lokal lägesbild ${year}. Ersätt de vägledande texterna under varje rubrik.` },
  { heading: "Underlag och källor" },
  {
    paragraph:
      "Vilka källor bygger lägesbilden på? Till exempel Stockholms stads trygghetsmätning, Stockholmsenkäten, polisens statistik (DurTvå, Status), medborgar- och medarbetardialoger.",
  },
  { heading: "Övergripande bild av brottslighet och otrygghet" },
  { paragraph: "Stadens och polisens gemensamma bild av läget och utmaningarna i stadsdelsområdet." },
  { heading: "Geografisk analys" },
  { paragraph: "Avgränsade platser med hög brottslighet och otrygghet som kräver gemensamma åtgärder, och varför." },
  { heading: "Prioriterade samverkansområden" },
  { paragraph: "Hur de stadsövergripande prioriterade samverkansområdena berör stadsdelsområdet." },
  { heading: "Unga i risk för kriminalitet", level: 3 },
  { paragraph: "" },
  { heading: "Avhopparverksamhet för kriminella", level: 3 },
  { paragraph: "" },
  { heading: "Arbetet mot våldsbejakande extremism", level: 3 },
  { paragraph: "" },
  { heading: "Särskilt utsatta och sårbara brottsoffer", level: 3 },
  { paragraph: "" },
  { heading: "Otillåten påverkan", level: 3 },
  { paragraph: "" },
  { heading: "Riktat arbete mot avgränsade platser och utsatta områden", level: 3 },
  { paragraph: "" },
  { heading: "Orsaksanalys" },
  { paragraph: "Orsakerna bakom de problem som identifierats, som grund för beprövade och kunskapsbaserade åtgärder." },
  { heading: "Prioriteringar" },
  { paragraph: "Vilka gemensamma prioriteringar föreslås för styrgruppens beslut?" },
];

// The agenda itself is a list of rows (agenda_items); this document is the
// kallelse's free text around it, so it must not repeat the agenda.
const kallelseTemplate: Block[] = [{ paragraph: "Välkomna till mötet. Syftet med mötet och vad deltagarna behöver läsa eller ta med skrivs här." }];

export function templateFor(kind: DocumentKind, year: number): Block[] {
  if (kind === "lagesbild") return lagesbildTemplate(year);
  if (kind === "agenda") return kallelseTemplate;
  return [];
}

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement("paragraph");
  if (text) element.insert(0, [new Y.XmlText(text)]);
  return element;
}

/** Writes the blocks into the document's "default" fragment. */
export function writeTemplate(doc: Y.Doc, blocks: Block[]): void {
  const fragment = doc.getXmlFragment("default");
  const elements = blocks.map((block) => {
    if ("heading" in block) {
      const heading = new Y.XmlElement("heading");
      heading.setAttribute("level", (block.level ?? 2) as unknown as string);
      heading.insert(0, [new Y.XmlText(block.heading)]);
      return heading;
    }
    return paragraph(block.paragraph);
  });
  doc.transact(() => fragment.insert(0, elements));
}
