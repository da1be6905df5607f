import type { Socket } from "node:net";
import type { Request, RequestHandler, Response } from "express";
import { MAX_FILE_BYTES } from "../../db/domain/file-types";

/** A form post is a few kilobytes; 1 MB leaves room for long minutes texts without letting anyone fill the memory. */
export const FORM_BODY_LIMIT_BYTES = 1024 * 1024;
/** An upload route takes one file of at most 25 MB (db/domain/file-types.ts) and a few text fields. */
export const UPLOAD_BODY_LIMIT_BYTES = MAX_FILE_BYTES + 1024 * 1024;

/** The upload routes of handlingar (the page's own path and its single-fetch `.data` twin); nothing else takes large bodies. */
const uploadPath = /^\/(moten\/\d+|overenskommelser\/[^/]+)\/handlingar(\.data)?$/;

/** The body limit of a path: the upload routes' for uploads, the form limit for everything else. */
export function bodyLimitFor(path: string): number {
  return uploadPath.test(path) ? UPLOAD_BODY_LIMIT_BYTES : FORM_BODY_LIMIT_BYTES;
}

/** How long a refused body may keep arriving (read and thrown away) so the client can read the answer. */
const LINGER_MS = 2_000;

/**
 * Refuses request bodies larger than the route allows before anything reads them, logged in or
 * not. The declared Content-Length decides, so a refusal costs no memory: 413 at once. Bodies
 * without a declared length (chunked) get 411: browsers always send a length for forms (uploads too),
 * and Node's parser never lets a body run past its declared length.
 * `limitFor` gives the limit of a path: the handlingar upload routes have their own (streamed to disk, never held in memory).
 */
export function limitRequestBodies(limitFor: (path: string) => number = bodyLimitFor): RequestHandler {
  return (req, res, next) => {
    if (req.headers["transfer-encoding"] !== undefined) return refuse(req, res, 411, "Förfrågan saknar längd (Content-Length).");
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > limitFor(req.path)) return refuse(req, res, 413, "Förfrågan är för stor.");
    next();
  };
}

function refuse(req: Request, res: Response, status: number, message: string): void {
  lingerThenClose(req.socket);
  res.status(status).set({ Connection: "close", "X-Content-Type-Options": "nosniff" }).type("text/plain; charset=utf-8").send(message);
}

/**
 * After a "Connection: close" answer Node destroys the socket as soon as the answer is written;
 * the client, still sending its body, then gets a reset that throws the unread answer away, so
 * it never sees the 413. Instead only our sending side is closed and what still arrives is
 * discarded (Node's parser drops an unread body) for a short while, like a web server's
 * lingering close; then the connection is cut.
 */
function lingerThenClose(socket: Socket): void {
  socket.destroySoon = () => {
    socket.end();
    const cutOff = setTimeout(() => socket.destroy(), LINGER_MS);
    cutOff.unref();
    socket.once("close", () => clearTimeout(cutOff));
  };
}
