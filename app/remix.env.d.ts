/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />
import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request nonce for the Content-Security-Policy. */
    cspNonce: string;
    /** The client's network address, for login rate limiting. */
    clientAddress: string;
  }
}
