import { readlinkSync } from "node:fs";
import { constants, setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import type { KallelseData } from "./kallelse-data";
import { renderKallelsePdf } from "./kallelse-pdf";
import { renderProtocolPdf, type RenderOptions } from "./pdf";
import type { ProtocolData } from "./protocol-data";
import { renderVersionPdf } from "../steering/version-pdf";
import { renderOverviewPdf, type OverviewPdfData } from "../overview/overview-pdf";
import type { VersionDocument } from "../steering/version-document";

/**
 * The protocol renderer's worker thread (started by render-pool.ts): renders
 * one protocol (or kallelse) at a time, as the pool sends them, and answers
 * with the PDF's bytes or the error's message.
 */
export type RenderRequest = { id: number } & RenderDocument;

/** What a worker renders: a protocol (or extract), or a meeting's kallelse. */
export type RenderDocument =
  | { document: "protokoll"; data: ProtocolData; options: RenderOptions }
  | { document: "kallelse"; data: KallelseData }
  | { document: "version"; data: VersionDocument }
  | { document: "oversikt"; data: OverviewPdfData };

function render(request: RenderDocument): Promise<Buffer> {
  if (request.document === "kallelse") return renderKallelsePdf(request.data);
  if (request.document === "version") return renderVersionPdf(request.data);
  if (request.document === "oversikt") return renderOverviewPdf(request.data);
  return renderProtocolPdf(request.data, request.options);
}

export type RenderReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error("render-thread.ts runs as a worker thread of render-pool.ts");

/**
 * Renders run below the event loop's priority: on a machine with few cores a
 * render competing for CPU must not delay live edits, page loads and /healthz.
 * Linux gives every thread its own nice value (this thread's id is the last
 * part of /proc/thread-self); elsewhere, or when not permitted, nothing changes.
 */
function lowerThisThreadsPriority(): void {
  try {
    const threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not Linux: the render runs at normal priority.
  }
}

lowerThisThreadsPriority();

port.on("message", (request: RenderRequest) => {
  render(request).then(
    (pdf) => port.postMessage({ id: request.id, pdf } satisfies RenderReply),
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies RenderReply),
  );
});
