import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { fieldErrorsFrom } from "~/models/domain-errors.server";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { TextField } from "~/components/ui/text-field";
import { parseForm } from "~/utils/forms";
import { NewMeetingSchema } from "~/utils/validation";
import { meetingInstants } from "~/utils/meeting-times";
import { CadenceSummary } from "~/components/cadence-summary";
import { MeetingList } from "~/components/meeting-list";
import { StandardAgenda, STANDARD_AGENDA_INTENT } from "~/components/standard-agenda-form";
import {
  cityOverviewQueries,
  db,
  deliveredProtocolsQueries,
  groupChainQueries,
  groupsQueries,
  lifecycleQueries,
  meetingSharesQueries,
  standardAgendaQueries,
} from "~/models/db.server";
import { SteeringDecisions } from "~/components/steering/steering-decisions";
import { SharedMeetings } from "~/components/steering/shared-meetings";
import { parseStandardAgenda } from "~/utils/standard-agenda-text";
import { formatLongDate } from "~/utils/format";
import { groupKindLabels, permanenceLabels, roleLabels } from "../../db/domain/labels";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";
import { DataTable } from "~/components/ui/data-table";
import { handedOverList, putHandedOverOnAgendaFromForm } from "~/models/steering.server";
import { HANDED_OVER_TO_AGENDA_INTENT, HandedOverList } from "~/components/steering/handed-over-list";
import { DeliveredProtocols, PROTOCOL_READ_INTENT } from "~/components/steering/delivered-protocols";
import { IdSchema } from "~/utils/validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.group.name} – Samverkan` : "Grupp – Samverkan" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const page = groupsQueries.getGroupPage(db(), viewer, requireIdParam(params.groupId));
  // Same answer for "does not exist" and "not yours": existence is not disclosed.
  if (!page) throw notFound();
  return {
    ...page,
    standardAgenda: standardAgendaQueries.standardAgendaOf(db(), viewer, page.group.id),
    mayEditStandardAgenda: standardAgendaQueries.canEditStandardAgenda(db(), viewer, page.group.id),
    // Only a stadsövergripande beredningsgrupp receives the local agreements' decided lägesbilder and åtgärdsplaner.
    handedOver: handedOverList(viewer, page.group.id),
    // A beredningsgrupp follows up its styrgrupp's decisions (not its other texts).
    steeringDecisions: groupChainQueries.steeringDecisionsForPreparers(db(), viewer, page.group.id),
    // …and reads those of the styrgrupp's meetings that the styrgrupp shared with it.
    sharedMeetings: meetingSharesQueries.meetingsSharedWithGroup(db(), viewer, page.group.id),
    // Only a lokal styrgrupp receives the stadsövergripande styrgrupp's justerade protocols.
    deliveredProtocols: deliveredProtocolsQueries.deliveredProtocols(db(), viewer, page.group.id),
    // The city-wide groups' pages lead to the overview, for those who may see it.
    mayViewCityOverview: page.group.level === "city_wide" && cityOverviewQueries.mayViewCityOverview(db(), viewer),
  };
}

/** Kallar till möte (chair or secretary creates a meeting; justerare are chosen later), or saves the group's standard agenda. */
export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const groupId = requireIdParam(params.groupId);
  const form = await request.formData();
  if (form.get("intent") === PROTOCOL_READ_INTENT) {
    // Not delivered to the viewer (another group's, not justerat, not a protocol at all): the one 404, nothing stored.
    const meetingId = IdSchema.safeParse(form.get("meetingId"));
    if (!meetingId.success || !deliveredProtocolsQueries.deliveredProtocols(db(), viewer, groupId).some((p) => p.meetingId === meetingId.data)) {
      throw notFound();
    }
    try {
      deliveredProtocolsQueries.markDeliveredProtocolRead(db(), viewer, meetingId.data);
    } catch (error) {
      // An administrator sees the list without being a member: not theirs to mark, the same 404.
      fieldErrorsFrom(error);
    }
    return { protocolRead: true };
  }
  if (form.get("intent") === HANDED_OVER_TO_AGENDA_INTENT) {
    return { handedOver: putHandedOverOnAgendaFromForm(viewer, groupId, form) };
  }
  if (form.get("intent") === STANDARD_AGENDA_INTENT) {
    try {
      standardAgendaQueries.setStandardAgenda(db(), viewer, groupId, parseStandardAgenda(String(form.get("standardAgenda") ?? "")));
      return { standardAgendaSaved: true };
    } catch (error) {
      return { standardAgendaErrors: fieldErrorsFrom(error) };
    }
  }
  const parsed = parseForm(NewMeetingSchema, form);
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors };
  const { title, location, videoLink } = parsed.data;
  try {
    const id = lifecycleQueries.createMeeting(db(), viewer, { groupId, title, ...meetingInstants(parsed.data), location, videoLink });
    return redirect(`/moten/${id}`);
  } catch (error) {
    return { fieldErrors: fieldErrorsFrom(error) };
  }
}

export default function GroupPage() {
  const {
    group,
    members,
    requiredFunctions,
    upcomingMeetings,
    pastMeetings,
    cadence,
    viewerRole,
    standardAgenda,
    mayEditStandardAgenda,
    handedOver,
    steeringDecisions,
    sharedMeetings,
    deliveredProtocols,
    mayViewCityOverview,
  } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = (answer && "fieldErrors" in answer ? answer.fieldErrors : undefined) ?? {};
  const agendaErrors: Record<string, string | undefined> = (answer && "standardAgendaErrors" in answer ? answer.standardAgendaErrors : undefined) ?? {};
  const handedOverAnswer = answer && "handedOver" in answer ? answer.handedOver : undefined;
  const handedOverErrors: Record<string, string | undefined> = handedOverAnswer && !handedOverAnswer.ok ? handedOverAnswer.fieldErrors : {};
  const mayCallMeeting = viewerRole === "ordforande" || viewerRole === "sekreterare";
  const missing = requiredFunctions.filter((f) => f.missing);
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          { to: "/", label: "Mina grupper" },
          { to: `/overenskommelser/${group.agreementSlug}`, label: group.agreementTitle },
        ]}
        current={group.name}
      />
      <h1>{group.name}</h1>
      {mayViewCityOverview ? (
        <p>
          <Link to="/stad/oversikt">Stadsövergripande översikt</Link>: alla lokala överenskommelser sida vid sida.
        </p>
      ) : null}
      <dl className="facts">
        <dt>Typ</dt>
        <dd>
          {groupKindLabels[group.kind]}, {group.level === "city_wide" ? "stadsövergripande" : "lokal"} nivå
          {group.kind === "arbetsgrupp"
            ? ` – ${permanenceLabels[group.permanence].toLowerCase()}${group.endsOn ? ` till ${formatLongDate(group.endsOn)}` : ""}`
            : ""}
        </dd>
        {group.focusArea ? (
          <>
            <dt>Fokusområde</dt>
            <dd>{group.focusArea}</dd>
          </>
        ) : null}
        <dt>Mötestakt</dt>
        <dd>
          <CadenceSummary cadence={cadence} />
        </dd>
        <dt>Din roll</dt>
        <dd>{viewerRole ? roleLabels[viewerRole] : "Administratör (inte medlem)"}</dd>
      </dl>
      <p>
        <Link to={`/grupper/${group.id}/rapporter`}>Rapporter</Link>: rapporter som gruppen skriver och skickar vidare, och de som har skickats till gruppen.
      </p>

      <h2 id="funktioner">Funktioner som överenskommelsen kräver</h2>
      {requiredFunctions.length === 0 ? (
        <p>Överenskommelsen anger inga funktioner för gruppen.</p>
      ) : (
        <>
          {missing.length > 0 ? (
            <p className="notice notice--error">
              {missing.length === 1 ? "1 funktion saknas" : `${missing.length} funktioner saknas`}: {missing.map((f) => f.name).join(", ")}.
            </p>
          ) : (
            <p className="notice notice--ok">Alla funktioner som krävs finns i gruppen.</p>
          )}
          <DataTable labelledBy="funktioner">
            <thead>
              <tr>
                <th scope="col">Funktion</th>
                <th scope="col">Innehas av</th>
              </tr>
            </thead>
            <tbody>
              {requiredFunctions.map((f) => (
                <tr key={f.functionId}>
                  <td>
                    {f.name}
                    {f.note ? <div className="muted">{f.note}</div> : null}
                  </td>
                  <td>{f.missing ? <span className="missing">Saknas</span> : f.holders.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}

      <h2 id="medlemmar">Medlemmar</h2>
      <DataTable labelledBy="medlemmar">
        <thead>
          <tr>
            <th scope="col">Namn</th>
            <th scope="col">Funktion</th>
            <th scope="col">Roll</th>
            <th scope="col">Organisation</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.personId}>
              <td>
                {m.name}
                {m.active ? null : <span className="badge badge--neutral"> Inaktiverad</span>}
                <div className="muted">{m.email}</div>
              </td>
              <td>{m.functionName ?? "–"}</td>
              <td>{roleLabels[m.role]}</td>
              <td>{m.organisation ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>

      <h2>Kommande möten</h2>
      <MeetingList meetings={upcomingMeetings} empty="Inga möten planerade." />
      {mayCallMeeting ? (
        <details open={Object.keys(errors).length > 0}>
          <summary>Kalla till nytt möte</summary>
          <Form method="post" className="stack" noValidate>
            <TextField label="Rubrik" name="title" defaultValue={group.kind === "styrgrupp" ? "Styrgruppsmöte" : "Möte"} required error={errors.title} />
            <TextField label="Datum" name="date" type="date" required error={errors.date} />
            <TextField label="Börjar" name="startTime" type="time" required error={errors.startTime} />
            <TextField label="Slutar" name="endTime" type="time" error={errors.endTime} />
            <TextField label="Plats" name="location" error={errors.location} />
            <TextField label="Länk till videomöte" name="videoLink" type="url" hint="Börjar med https://" error={errors.videoLink} />
            {errors.form ? <p className="field-error">{errors.form}</p> : null}
            <div>
              <button type="submit" className="button">
                Skapa möte
              </button>
            </div>
          </Form>
        </details>
      ) : null}
      <h2>Tidigare möten</h2>
      <MeetingList meetings={pastMeetings} empty="Inga tidigare möten." />
      {group.kind === "beredningsgrupp" && group.level === "city_wide" ? (
        <HandedOverList section={handedOver} message={handedOverAnswer?.ok ? handedOverAnswer.message : null} errors={handedOverErrors} />
      ) : null}
      {steeringDecisions ? <SteeringDecisions steering={steeringDecisions.steering} decisions={steeringDecisions.decisions} /> : null}
      {group.kind === "beredningsgrupp" ? <SharedMeetings meetings={sharedMeetings} /> : null}
      {group.kind === "styrgrupp" && group.level === "local" ? (
        <DeliveredProtocols protocols={deliveredProtocols} viewerIsMember={viewerRole !== null} />
      ) : null}
      <StandardAgenda
        items={standardAgenda}
        editable={mayEditStandardAgenda}
        error={agendaErrors.standardAgenda ?? agendaErrors.form}
        saved={Boolean(answer && "standardAgendaSaved" in answer)}
      />
    </div>
  );
}
