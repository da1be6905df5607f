/**
 * The demo's one händelse av väsentlig betydelse, recorded and acknowledged through the real verbs: the
 * police in Skärholmen tell the city's chair about a planned insats, and she acknowledges it. Invented
 * and general: it names no place beyond the district, as every demo text (tests/db/demo-meetings.test.ts).
 */
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { stockholmDate, stockholmTimeOnDay } from "../domain/stockholm-time";
import { createReport, sendReport } from "../queries/chain-reports";
import { acknowledgeSignificantEvent, recordSignificantEvent } from "../queries/significant-events";
import type { Viewer } from "../queries/sessions";
import { agreements, groups, people } from "../schema";
import type { Step } from "./demo-meetings";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The steps, on the demo's one timeline (demo-meetings.ts), so the audit log stays in time order. */
export function significantEventSteps(db: Db, now: Date): Step[] {
  // Four days back, on the afternoon; the insats starts that evening. Acknowledged 95 minutes later.
  const day = stockholmDate(new Date(now.getTime() - 4 * DAY_MS));
  const recordedAt = new Date(stockholmTimeOnDay(day, "14:10"));
  const acknowledgedAt = new Date(recordedAt.getTime() + 95 * 60 * 1000);
  let eventId = 0;
  return [
    {
      at: recordedAt,
      run: () => {
        const agreement = db.select({ id: agreements.id }).from(agreements).where(eq(agreements.slug, "skarholmen")).get();
        if (!agreement) throw new Error("Demodata: överenskommelsen skarholmen saknas.");
        ({ eventId } = recordSignificantEvent(
          db,
          viewer(db, "lpo.skarholmen@example.se"),
          agreement.id,
          {
            title: "Planerad insats i centrumområdet under helgen",
            description:
              "Polisen genomför en planerad insats med förstärkt närvaro i centrumområdet från i kväll till och med söndag. " +
              "Insatsen kan påverka helgens trygghetsvandringar och de åtgärder i åtgärdsplanen som rör området. " +
              "Exempel i demodata.",
            occurredOn: day,
            occurredTime: "18:00",
            place: "Centrumområdet (plats A)",
            confidentiality: "ej_sekretess",
          },
          recordedAt,
        ));
      },
    },
    { at: acknowledgedAt, run: () => acknowledgeSignificantEvent(db, viewer(db, "sdd.skarholmen@example.se"), eventId, acknowledgedAt) },
  ];
}

/**
 * The demo's report up the chain: Skärholmen's lokal styrgrupp reports the year so far to the
 * stadsövergripande beredningsgrupp (two days back), so the samordnare finds it in that group's inbox.
 * Its text is the prefill from the åtgärdsplan, as a new report starts; sent through the real verbs.
 */
export function chainReportSteps(db: Db, now: Date): Step[] {
  const sentAt = new Date(stockholmTimeOnDay(stockholmDate(new Date(now.getTime() - 2 * DAY_MS)), "10:30"));
  const createdAt = new Date(sentAt.getTime() - 3 * 60 * 60 * 1000);
  const chair = "sdd.skarholmen@example.se";
  let reportId = 0;
  return [
    {
      at: createdAt,
      run: () => {
        const steering = db.select({ id: groups.id }).from(groups).where(eq(groups.name, "Lokal styrgrupp Skärholmen")).get();
        if (!steering) throw new Error("Demodata: Lokal styrgrupp Skärholmen saknas.");
        const day = stockholmDate(createdAt);
        reportId = createReport(
          db,
          viewer(db, chair),
          steering.id,
          { title: "Rapport till stadsövergripande beredningsgruppen (exempel)", periodStart: `${day.slice(0, 4)}-01-01`, periodEnd: day },
          createdAt,
        );
      },
    },
    { at: sentAt, run: () => sendReport(db, viewer(db, chair), reportId, sentAt) },
  ];
}

/** A demo person as a viewer, to act as them through the verbs. */
export function viewer(db: Db, email: string): Viewer {
  const person = db
    .select({ id: people.id, name: people.name, email: people.email, isAdmin: people.isAdmin })
    .from(people)
    .where(eq(people.email, email))
    .get();
  if (!person) throw new Error(`Demodata: ${email} saknas.`);
  return person;
}
