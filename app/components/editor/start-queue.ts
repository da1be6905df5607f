import { useCallback, useEffect, useRef, useState, type RefObject } from "react";

/**
 * Live editors on a page with many documents (the meeting page: the kallelse, every ärende's notes and
 * decision text, the minutes) start one after another instead of all at once. Each start is a WebSocket,
 * a Y.Doc, a sync and a Tiptap editor; started together on the meeting-room laptop they shared the CPU
 * and the first one was usable only when nearly all were. The queue starts the documents on or near the
 * screen first, then the rest in page order, each when the one before it has synced (or at the latest
 * after FALLBACK_MS). A document someone clicks or tabs into starts at once, out of turn.
 *
 * Until its start a document shows what it shows before any sync ("Laddar dokumentet…", not editable),
 * so nothing typed can be lost: there is nowhere to type yet.
 */

type Waiting = { element: HTMLElement; near: boolean; start: () => void };

/** The longest one document holds the queue: a slow or refused one does not keep the others waiting. */
const FALLBACK_MS = 1500;
/** How far off screen a document counts as near: it will be there after a little scrolling. */
const NEAR_MARGIN = "300px";

const waiting: Waiting[] = [];
let running: Waiting | null = null;
let fallback: ReturnType<typeof setTimeout> | undefined;
let observer: IntersectionObserver | null = null;

function startNext() {
  if (running) return;
  const entry = waiting.find((w) => w.near) ?? waiting[0];
  if (!entry) return;
  withdraw(entry);
  running = entry;
  fallback = setTimeout(() => finish(entry), FALLBACK_MS);
  entry.start();
}

function finish(entry: Waiting) {
  if (running !== entry) return;
  running = null;
  clearTimeout(fallback);
  startNext();
}

function withdraw(entry: Waiting) {
  const index = waiting.indexOf(entry);
  if (index >= 0) waiting.splice(index, 1);
  observer?.unobserve(entry.element);
}

function nearnessObserver(): IntersectionObserver {
  // One observer for all: its first report covers every document registered so far, so the queue
  // knows which are on screen before it starts any.
  observer ??= new IntersectionObserver(
    (records) => {
      for (const record of records) {
        const entry = waiting.find((w) => w.element === record.target);
        if (entry) entry.near = record.isIntersecting;
      }
      startNext();
    },
    { rootMargin: NEAR_MARGIN },
  );
  return observer;
}

/**
 * Whether the live document in `elementRef` may start yet; `queued: false` starts it at once (pages with
 * one or few documents). Call `done` once it has synced, been refused or gone offline: the next one starts.
 */
export function useStartTurn(elementRef: RefObject<HTMLElement>, queued: boolean): { started: boolean; done: () => void } {
  const [turnCame, setTurnCame] = useState(false);
  const entryRef = useRef<Waiting | null>(null);

  useEffect(() => {
    const element = elementRef.current;
    if (!queued || !element) return;
    const entry: Waiting = { element, near: false, start: () => setTurnCame(true) };
    entryRef.current = entry;
    waiting.push(entry);
    nearnessObserver().observe(element);
    // Reaching for a document that has not started: it starts now, beside the one whose turn it is.
    const startNow = () => {
      if (!waiting.includes(entry)) return;
      withdraw(entry);
      entry.start();
    };
    element.addEventListener("focusin", startNow);
    element.addEventListener("pointerdown", startNow);
    // Should the observer not report (a page in a background tab), the queue still moves.
    const nudge = setTimeout(startNext, 300);
    return () => {
      clearTimeout(nudge);
      element.removeEventListener("focusin", startNow);
      element.removeEventListener("pointerdown", startNow);
      withdraw(entry);
      finish(entry);
      entryRef.current = null;
    };
  }, [elementRef, queued]);

  const done = useCallback(() => {
    if (entryRef.current) finish(entryRef.current);
  }, []);
  return { started: !queued || turnCame, done };
}
