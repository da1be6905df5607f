import { Form } from "@remix-run/react";
import type { DeliveredProtocol } from "~/models/db.server";
import { formatIsoDate, formatLongDate } from "~/utils/format";

export const PROTOCOL_READ_INTENT = "protocol-read";

/**
 * "Protokoll från stadsövergripande styrgruppen" on a lokal styrgrupp's page: the justerade protocols
 * delivered to it, each with its PDF (opening it marks it läst), the viewer's Läst/Oläst and, for the
 * chair and the sekreterare, who of the members has read it.
 */
export function DeliveredProtocols({ protocols, viewerIsMember }: { protocols: DeliveredProtocol[]; viewerIsMember: boolean }) {
  return (
    <section aria-labelledby="stadsprotokoll">
      <h2 id="stadsprotokoll">Protokoll från stadsövergripande styrgruppen</h2>
      {protocols.length === 0 ? (
        <p>Inga justerade protokoll från den stadsövergripande styrgruppen ännu.</p>
      ) : (
        <ul className="delivered-protocols">
          {protocols.map((p) => (
            <li key={p.meetingId} data-delivered-protocol={p.meetingId}>
              <a href={`/moten/${p.meetingId}/protokoll.pdf`}>Protokoll {formatLongDate(p.startsAt)} (PDF)</a> – {p.groupName}, {p.title}, justerat{" "}
              {formatIsoDate(p.lockedAt)}.{" "}
              {viewerIsMember ? (
                p.readAt ? (
                  <span className="badge badge--ok">Läst {formatIsoDate(p.readAt)}</span>
                ) : (
                  <>
                    <span className="badge badge--neutral">Oläst</span>{" "}
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value={PROTOCOL_READ_INTENT} />
                      <input type="hidden" name="meetingId" value={p.meetingId} />
                      <button type="submit" className="button button--secondary">
                        Markera som läst<span className="visually-hidden"> (protokoll {formatLongDate(p.startsAt)})</span>
                      </button>
                    </Form>
                  </>
                )
              ) : null}
              {p.readers ? (
                <details>
                  <summary>
                    Läst av {p.readers.filter((r) => r.readAt).length} av {p.readers.length} medlemmar
                    <span className="visually-hidden"> (protokoll {formatLongDate(p.startsAt)})</span>
                  </summary>
                  <ul>
                    {p.readers.map((r) => (
                      <li key={r.personId}>
                        {r.name}: {r.readAt ? `läst ${formatIsoDate(r.readAt)}` : "oläst"}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
