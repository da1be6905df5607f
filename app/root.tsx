import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import stylesHref from "./styles/app.css";
import { DemoBanner } from "./components/demo-banner";
import { db, isDemoData, notificationsQueries } from "./models/db.server";
import { useNonce } from "./utils/nonce";
import { getViewer } from "./utils/session.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  // An empty icon stops browsers asking for /favicon.ico.
  { rel: "icon", href: "data:," },
];

export const meta: MetaFunction = () => [{ title: "Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  // Root data is reloaded after every navigation and form post, so the unread count stays current without polling.
  const unread = viewer ? notificationsQueries.unreadNotificationCount(db(), viewer) : 0;
  return { viewer: viewer ? { name: viewer.name, isAdmin: viewer.isAdmin, unread } : null, demoData: isDemoData(db()) };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const viewer = data?.viewer ?? null;
  const demoData = data?.demoData ?? false;
  return (
    <html lang="sv">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#huvudinnehall">
          Hoppa till huvudinnehåll
        </a>
        {demoData ? <DemoBanner /> : null}
        <header className="site-header">
          <div className="site-header__inner">
            <Link to="/" className="site-header__brand">
              Samverkan
            </Link>
            {viewer ? (
              <nav aria-label="Huvudmeny" className="site-header__nav">
                <ul>
                  <li>
                    <Link to="/">Mina grupper</Link>
                  </li>
                  <li>
                    <Link to="/uppdrag">Mina uppdrag</Link>
                  </li>
                  <li>
                    <Link to="/mina-atgarder">Mina åtgärder</Link>
                  </li>
                  <li>
                    <Link to="/beslut">Beslutsregister</Link>
                  </li>
                  <li>
                    {/* Read out as "Notiser, 3 olästa" (one hidden text, so no stray space); seen as "Notiser" and a badge. */}
                    <Link to="/notiser">
                      <span className="visually-hidden">{viewer.unread > 0 ? `Notiser, ${viewer.unread} olästa` : "Notiser, inga olästa"}</span>
                      <span aria-hidden="true">
                        Notiser
                        {viewer.unread > 0 ? <span className="badge">{viewer.unread}</span> : null}
                      </span>
                    </Link>
                  </li>
                  {viewer.isAdmin ? (
                    <li>
                      <Link to="/admin">Administration</Link>
                    </li>
                  ) : null}
                </ul>
                <Link to="/mitt-konto" className="site-header__user">
                  {viewer.name}
                  <span className="visually-hidden"> – Mitt konto</span>
                </Link>
                <Form method="post" action="/logout">
                  <button type="submit" className="button button--quiet">
                    Logga ut
                  </button>
                </Form>
              </nav>
            ) : null}
          </div>
        </header>
        <main id="huvudinnehall" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>
            Samverkan – stöd för samverkan mellan Stockholms stad och Polisen. <Link to="/tillganglighet">Tillgänglighetsredogörelse</Link>
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useFocusMainOnNavigation();
  return <Outlet />;
}

/**
 * After a client-side navigation, move focus to the new page's main content,
 * as a full page load would reset it: screen reader and keyboard users
 * otherwise stay where the old page's link was.
 */
function useFocusMainOnNavigation() {
  const { pathname } = useLocation();
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.getElementById("huvudinnehall")?.focus();
  }, [pathname]);
}

const statusMessages: Record<number, { title: string; text: string }> = {
  403: { title: "Ingen behörighet", text: "Du har inte behörighet till den här sidan." },
  404: {
    title: "Sidan finns inte",
    text: "Sidan finns inte, eller så har du inte behörighet att se den. Kontrollera adressen eller gå tillbaka till dina grupper.",
  },
};

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = statusMessages[status] ?? {
    title: "Något gick fel",
    text: "Ett oväntat fel inträffade. Försök igen om en stund.",
  };
  return (
    <div className="page">
      <h1>{message.title}</h1>
      <p>{message.text}</p>
      <p>
        <Link to="/">Till Mina grupper</Link>
      </p>
    </div>
  );
}
