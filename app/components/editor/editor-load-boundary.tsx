import { Component, type ReactNode } from "react";

/**
 * The editor's code is its own chunk, fetched when a document starts. On a meeting room's flaky wifi that
 * fetch can fail (`failed`), or the editor fail to start; without this boundary an error would replace the whole meeting page with the route's
 * error page. Here it stays one document's message, with a way to try again (a new page load, since a
 * browser may keep a failed module import for the page's lifetime). Nothing typed is lost: without the
 * editor nothing could be typed into this document.
 */
export class EditorLoadBoundary extends Component<{ children: ReactNode; failed: boolean }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    if (!this.state.failed && !this.props.failed) return this.props.children;
    return (
      <div className="live-editor__surface" role="alert">
        <p className="live-editor__loading">Redigeraren kunde inte laddas. Kontrollera anslutningen och ladda om sidan.</p>
        <button type="button" className="button button--secondary" onClick={() => window.location.reload()}>
          Ladda om sidan
        </button>
      </div>
    );
  }
}
