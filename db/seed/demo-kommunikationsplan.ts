import { eq, max } from "drizzle-orm";
import type { Db } from "../client";
import { appendParagraphsOffline } from "../documents/store";
import { addActivity, type ActivityInput } from "../queries/communication-plans";
import { ensurePlan } from "../queries/continuing-plans";
import { agreements, auditLog, people } from "../schema";

/** Neutral, generic text and activities: nothing here names a real person, company or place beyond the district. */
const TEXT = [
  "Kommunikationsplanen beskriver hur parterna informerar varandra, medarbetare och boende om arbetet enligt överenskommelsen.",
  "Parterna samordnar sina budskap och informerar varandra innan något kommuniceras externt.",
];
const ACTIVITIES: Omit<ActivityInput, "responsiblePersonId" | "plannedOn">[] = [
  {
    what: "Information om den fastställda lägesbilden",
    audience: "Medarbetare hos parterna",
    channel: "Intranät och arbetsplatsträffar",
    timing: "Efter styrgruppens beslut",
    responsibleFunction: "Kommunikatör, stadsdelsförvaltningen",
  },
  {
    what: "Medborgardialog om trygghet",
    audience: "Boende i Skärholmen",
    channel: "Öppet möte",
    timing: "Två gånger per år",
    responsibleFunction: "Trygghetssamordnare",
  },
  {
    what: "Nyhetsbrev om samverkan",
    audience: "Lokala föreningar och verksamheter",
    channel: "E-post",
    timing: "Varje kvartal",
    responsibleFunction: "Kommunikatör, stadsdelsförvaltningen",
  },
  {
    what: "Gemensamt besked vid en allvarlig händelse",
    audience: "Allmänheten",
    channel: "Webbplats och sociala medier",
    timing: "Vid behov",
    responsibleFunction: "Kommunikatörer hos båda parterna",
  },
];

/**
 * Skärholmen's kommunikationsplan, written through the real verbs by a member of its lokal
 * beredningsgrupp: a short text and four activities, status utkast (nothing is put up for decision).
 */
export function seedDemoCommunicationPlan(db: Db, now: Date): void {
  const agreement = db.select({ id: agreements.id }).from(agreements).where(eq(agreements.slug, "skarholmen")).get();
  const writer = db.select().from(people).where(eq(people.email, "linnea.holmberg@example.se")).get();
  if (!agreement || !writer) return;
  // Written just after the rest of the demo's history, never after the seeding: the audit log stays in time order.
  const last = db
    .select({ at: max(auditLog.at) })
    .from(auditLog)
    .get()?.at;
  const at = new Date(Math.min(now.getTime(), last ? Date.parse(last) + 60_000 : now.getTime()));
  const viewer = { id: writer.id, name: writer.name, email: writer.email, isAdmin: writer.isAdmin };
  const plan = ensurePlan(db, "kommunikationsplan", agreement.id, writer.id, at);
  appendParagraphsOffline(db, { kind: "kommunikationsplan", planId: plan.id }, { agreementId: agreement.id }, TEXT, at);
  for (const activity of ACTIVITIES) addActivity(db, viewer, plan.id, { ...activity, plannedOn: null, responsiblePersonId: writer.id }, at);
}
