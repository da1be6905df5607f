import type { Editor } from "@tiptap/core";
import { useEffect, useRef, useState, type MutableRefObject } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { describeCollabClose, shouldReconnectAfterClose, type CollabCloseInfo } from "./close-codes";
import { safeUserColour } from "./colours";
import type { CollabUser } from "./extensions";
import { withRetries } from "./with-retries";

/**
 * - connecting: before the first successful sync of this page
 * - connected:  socket open and the document synced with the server
 * - offline:    the connection was lost (or never came up); y-websocket keeps retrying
 * - refused:    the server closed with a final code; no more retries
 */
export type ConnectionState = "connecting" | "connected" | "offline" | "refused";

export type PresentPerson = { key: string; name: string; color: string; isMe: boolean };

export type CollabSession = {
  /** Changes when a new Y.Doc/provider pair is made (documentName changed, or StrictMode remount). */
  id: number;
  ydoc: Y.Doc;
  provider: WebsocketProvider;
};

export type CollabSessionState = {
  session: CollabSession | null;
  connection: ConnectionState;
  /** The first sync with the server has happened on this page; the text is what the server has. */
  hasSynced: boolean;
  /** Final refusal from the server (4400, 4401, 4403, 4404, 4409, 4413, 4423, other 44xx except 4429). */
  refusal: CollabCloseInfo | null;
  /** Transient trouble (1013, 4503, or 4429: sending too fast) while y-websocket retries. */
  notice: CollabCloseInfo | null;
  /** Local changes that the server may not have yet. */
  unsynced: boolean;
  people: PresentPerson[];
};

let nextSessionId = 1;

/** Yjs and y-websocket, a chunk of their own fetched when a page's first document starts: a page hydrates without evaluating them first. */
async function loadCollabRuntime(): Promise<{ Doc: typeof Y.Doc; WebsocketProvider: typeof WebsocketProvider }> {
  const [{ Doc }, { WebsocketProvider }] = await Promise.all([import("yjs"), import("y-websocket")]);
  return { Doc, WebsocketProvider };
}

/** Shown when the collaboration code itself could not be fetched: nothing was typed, so nothing is lost. */
const runtimeLoadFailure: CollabCloseInfo = {
  code: 0,
  final: true,
  loginLink: false,
  message: "Dokumentet kunde inte laddas. Kontrollera anslutningen och ladda om sidan.",
};

/** The WebSocket endpoint of the collaboration server, on the page's own origin. */
export function collabServerUrl(): string {
  return `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/collab`;
}

function presentPeople(provider: WebsocketProvider): PresentPerson[] {
  const me = provider.awareness.clientID;
  const byKey = new Map<string, PresentPerson>();
  for (const [clientId, state] of provider.awareness.getStates()) {
    const user = (state as { user?: { name?: unknown; color?: unknown } } | null)?.user;
    if (!user || typeof user.name !== "string" || user.name.trim() === "") continue;
    const name = user.name.trim().slice(0, 80);
    const color = safeUserColour(user.color);
    const key = `${name}\u0000${color}`;
    const existing = byKey.get(key);
    if (existing) {
      if (clientId === me) existing.isMe = true;
      continue;
    }
    byKey.set(key, { key, name, color, isMe: clientId === me });
  }
  const collator = new Intl.Collator("sv");
  return [...byKey.values()].sort((a, b) => Number(b.isMe) - Number(a.isMe) || collator.compare(a.name, b.name));
}

/**
 * Owns the Y.Doc and the y-websocket provider of one document: created on the
 * client only (in an effect), destroyed on unmount. Nothing is written to
 * browser storage: no y-indexeddb, and y-websocket's cross-tab
 * BroadcastChannel (whose fallback is localStorage) is disabled.
 *
 * `editorRef` lets the cleanup destroy the editor before the provider and doc. Nothing is made or
 * connected until `started` (see start-queue.ts); until then the state is that of a document connecting.
 */
export function useCollabSession(documentName: string, user: CollabUser, editorRef: MutableRefObject<Editor | null>, started = true): CollabSessionState {
  const [session, setSession] = useState<CollabSession | null>(null);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [hasSynced, setHasSynced] = useState(false);
  const [refusal, setRefusal] = useState<CollabCloseInfo | null>(null);
  const [notice, setNotice] = useState<CollabCloseInfo | null>(null);
  const [unsynced, setUnsynced] = useState(false);
  const [people, setPeople] = useState<PresentPerson[]>([]);
  const userRef = useRef(user);
  userRef.current = user;

  useEffect(() => {
    if (!started) return;
    /** Makes and connects the document's Y.Doc and provider; returns what closes them. */
    function open({ Doc, WebsocketProvider }: Awaited<ReturnType<typeof loadCollabRuntime>>): () => void {
      const ydoc = new Doc();
      const provider = new WebsocketProvider(collabServerUrl(), encodeURIComponent(documentName), ydoc, {
        connect: false,
        // Cross-tab sync would fall back to localStorage and bypass the server's checks.
        disableBc: true,
        shouldReconnect: (event) => shouldReconnectAfterClose(event.code),
      });
      let destroyed = false;
      let lostConnection = false;
      let refused = false;
      // Local edits since the last completed sync: if this connection ends, they may not have arrived.
      let editedSinceSync = false;

      provider.awareness.setLocalStateField("user", { name: userRef.current.name, color: userRef.current.color });

      const onStatus = ({ status }: { status: "connected" | "disconnected" | "connecting" }) => {
        if (destroyed || refused) return;
        if (status === "disconnected") {
          lostConnection = true;
          setConnection("offline");
        } else if (status === "connecting" && !lostConnection) {
          setConnection("connecting");
        }
        // "connected" is shown once the document has synced (see onSync).
      };

      const onSync = (isSynced: boolean) => {
        if (destroyed || !isSynced) return;
        lostConnection = false;
        editedSinceSync = false;
        setConnection("connected");
        setHasSynced(true);
        setNotice(null);
        setUnsynced(false);
      };

      const onConnectionClose = (event: CloseEvent | null) => {
        if (destroyed) return;
        if (editedSinceSync) setUnsynced(true);
        // null: closed locally (our disconnect, or y-websocket's silent-connection watchdog).
        const info = event ? describeCollabClose(event.code) : null;
        if (info?.final) {
          refused = true;
          provider.shouldConnect = false;
          setRefusal(info);
          setConnection("refused");
          return;
        }
        if (refused) return;
        if (info) setNotice(info);
        lostConnection = true;
        setConnection("offline");
      };

      const onDocUpdate = (_update: Uint8Array, origin: unknown) => {
        if (origin === provider) return; // came from the server
        editedSinceSync = true;
        if (!(provider.wsconnected && provider.synced)) setUnsynced(true);
      };

      const onAwarenessChange = () => {
        if (!destroyed) setPeople(presentPeople(provider));
      };

      // A lost network is otherwise only noticed by y-websocket's 30-second watchdog.
      const onBrowserOffline = () => {
        if (!refused && provider.ws && provider.wsconnected) provider.ws.close();
      };

      provider.on("status", onStatus);
      window.addEventListener("offline", onBrowserOffline);
      provider.on("sync", onSync);
      provider.on("connection-close", onConnectionClose);
      ydoc.on("update", onDocUpdate);
      provider.awareness.on("change", onAwarenessChange);
      setPeople(presentPeople(provider));
      provider.connect();
      setSession({ id: nextSessionId++, ydoc, provider });

      return () => {
        destroyed = true;
        provider.off("status", onStatus);
        window.removeEventListener("offline", onBrowserOffline);
        provider.off("sync", onSync);
        provider.off("connection-close", onConnectionClose);
        ydoc.off("update", onDocUpdate);
        provider.awareness.off("change", onAwarenessChange);
        editorRef.current?.destroy();
        editorRef.current = null;
        provider.destroy();
        ydoc.destroy();
        setSession(null);
        setConnection("connecting");
        setHasSynced(false);
        setRefusal(null);
        setNotice(null);
        setUnsynced(false);
        setPeople([]);
      };
    }

    let cancelled = false;
    let close: (() => void) | undefined;
    withRetries(loadCollabRuntime).then(
      (runtime) => {
        if (!cancelled) close = open(runtime);
      },
      () => {
        if (cancelled) return;
        setRefusal(runtimeLoadFailure);
        setConnection("refused");
      },
    );
    return () => {
      cancelled = true;
      close?.();
    };
  }, [documentName, editorRef, started]);

  // The server overwrites the name with the authenticated one; the colour is ours.
  useEffect(() => {
    session?.provider.awareness.setLocalStateField("user", { name: user.name, color: user.color });
  }, [session, user.name, user.color]);

  // While local changes may be missing on the server, ask before the page is closed.
  useEffect(() => {
    if (!unsynced) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [unsynced]);

  return { session, connection, hasSynced, refusal, notice, unsynced, people };
}
