import type { ConnectionState } from "./use-collab-session";

/** What the status line says about a live document's connection (a module of its own: pages without an editor use it too). */
export const connectionTexts: Record<ConnectionState, string> = {
  connecting: "Ansluter…",
  connected: "Ansluten",
  offline: "Offline – dina ändringar skickas när anslutningen är tillbaka",
  refused: "Frånkopplad",
};
