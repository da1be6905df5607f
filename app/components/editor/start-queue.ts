import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { laterPartsPending, onLaterPartsHydrated } from "~/components/ui/hydrate-later";

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

/** A document waiting for its turn; `waiting` keeps them in page order. */
type Waiting = { element: HTMLElement; start: () => void };

/** The longest one document holds the queue: a slow or refused one does not keep the others waiting. */
const FALLBACK_MS = 1500;
/** How far off screen a document counts as near: it will be there after a little scrolling. */
const NEAR_MARGIN = "300px";

const waiting: Waiting[] = [];
let running: Waiting | null = null;
let fallback: ReturnType<typeof setTimeout> | undefined;
let observer: IntersectionObserver | null = null;

/**
 * Starts the next document: one near the screen, else the first in page order, but not while a document
 * that should go first is still unknown: one that is server-rendered in a part of the page still to hydrate
 * (HydrateLater: it joins the queue when its part has hydrated) and is near the screen or earlier in the page.
 * So the first document of the top of the page starts as soon as the top is interactive, while the parts
 * below it still hydrate.
 */
function startNext() {
  if (running) return;
  const pointedAt = fragmentDecides() ? fragmentDocument() : null;
  if (pointedAt) {
    // The page was opened at a #fragment: the document it points at starts first, whatever the positions
    // say now (the browser's scroll to the fragment can come later). Until that document's part has
    // hydrated and joined the queue, nothing starts.
    const entry = waiting.find((w) => w.element === pointedAt);
    if (entry) return begin(entry);
    if (laterPartsPending()) return;
  }
  // Positions are read now, not taken from the observer's reports, which may predate a scroll the browser
  // or the router did since (a document scrolled away from is not started as if it were on screen), and
  // which come a frame after a document joins (on the meeting-room laptop, while the page hydrates, 0.1 s).
  const unknown = laterPartsPending() ? notJoinedYet() : [];
  if (unknown.some(isNear)) return;
  const near = waiting.find((w) => isNear(w.element));
  if (near) return begin(near);
  const first = waiting[0];
  if (first && !unknown.some((element) => precedes(element, first.element))) begin(first);
}

/** Adds a document to the queue in page order: parts of the page hydrate in any order (a click hydrates one first). */
function join(entry: Waiting) {
  const after = waiting.findIndex((w) => precedes(entry.element, w.element));
  if (after < 0) waiting.push(entry);
  else waiting.splice(after, 0, entry);
}

/** Live documents of the page whose part has not hydrated yet: server-rendered, they have not joined. */
function notJoinedYet(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>("[data-collab-doc]")].filter((element) => !joined.has(element));
}

const precedes = (a: Element, b: Element) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;

/** Every live document element that has hydrated, queued or not. */
const joined = new WeakSet<Element>();

/** Whether a document has started since the browser loaded the page. */
let startedSinceLoad = false;

/**
 * Whether the #fragment picks the next document: only for the first start after the browser opened the page
 * at its address, when its own scroll to the fragment may come after the queue's first look. After a
 * client-side navigation the router has scrolled before the documents join; on a page reloaded or gone
 * back to, the reader is put back where they were, not at the fragment: there the positions decide.
 */
function fragmentDecides(): boolean {
  if (startedSinceLoad) return false;
  const [load] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
  return load?.type === "navigate";
}

/**
 * The live document a #fragment in the address points at: the first one inside or after its target in
 * page order (`#anteckningar` is the heading above the minutes). Server-rendered, so it is found before
 * its part of the page hydrates.
 */
function fragmentDocument(): Element | null {
  let id = "";
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch {
    return null; // a malformed fragment points at nothing
  }
  const target = id ? document.getElementById(id) : null;
  if (!target) return null;
  const inside = target.closest("[data-collab-doc]") ?? target.querySelector("[data-collab-doc]");
  if (inside) return inside;
  return [...document.querySelectorAll("[data-collab-doc]")].find((el) => target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) ?? null;
}

function begin(entry: Waiting) {
  startedSinceLoad = true;
  withdraw(entry);
  running = entry;
  fallback = setTimeout(() => finish(entry), FALLBACK_MS);
  entry.start();
}

function isNear(element: HTMLElement): boolean {
  const rect = element.getBoundingClientRect();
  // Not laid out (inside a closed <details>, hidden): not on screen, whatever its zero box says.
  if (rect.width === 0 && rect.height === 0) return false;
  const margin = parseInt(NEAR_MARGIN, 10);
  return rect.bottom >= -margin && rect.top <= window.innerHeight + margin;
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

onLaterPartsHydrated(() => startNext());

function nearnessObserver(): IntersectionObserver {
  // One observer for all, only to look again when a waiting document comes near the screen (a scroll).
  observer ??= new IntersectionObserver(() => startNext(), { rootMargin: NEAR_MARGIN });
  return observer;
}

/**
 * Whether the live document in `elementRef` may start yet; `queued: false` starts it at once (pages with
 * one or few documents). Call `done` once it has synced, been refused or gone offline: the next one starts.
 */
export function useStartTurn(elementRef: RefObject<HTMLElement>, queued: boolean): { started: boolean; done: () => void; startNow: () => void } {
  const [turnCame, setTurnCame] = useState(false);
  const entryRef = useRef<Waiting | null>(null);
  const startedEarly = useRef(false);

  useEffect(() => {
    const element = elementRef.current;
    if (element) joined.add(element);
    if (!queued || !element || startedEarly.current) return;
    const entry: Waiting = { element, start: () => setTurnCame(true) };
    entryRef.current = entry;
    join(entry);
    nearnessObserver().observe(element);
    // Once every document of this commit has joined: React runs a commit's effects in one go.
    queueMicrotask(startNext);
    return () => {
      withdraw(entry);
      finish(entry);
      entryRef.current = null;
    };
  }, [elementRef, queued]);

  const done = useCallback(() => {
    if (entryRef.current) finish(entryRef.current);
  }, []);
  /**
   * Reaching for a document that has not started (pressing or tabbing into it): it starts now, beside the one
   * whose turn it is. Given to React as the document's onPointerDown and onFocus rather than added as listeners
   * in the effect: a press in a part of the page that has not hydrated yet (HydrateLater) hydrates that part
   * first and is then handled here; a listener added by the hydration would miss the press that caused it.
   */
  const startNow = useCallback(() => {
    const entry = entryRef.current;
    if (entry) {
      if (!waiting.includes(entry)) return;
      withdraw(entry);
    } else {
      startedEarly.current = true;
    }
    setTurnCame(true);
  }, []);
  return { started: !queued || turnCame, done, startNow };
}
