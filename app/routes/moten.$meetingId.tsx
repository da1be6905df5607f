import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { data } from "@remix-run/node";
import { useEffect, useRef } from "react";
import { agendaItemKinds } from "../../db/domain/enums";
import { ActionForm } from "~/components/meeting/action-form";
import { ConfirmedActionForm } from "~/components/meeting/confirmed-action-form";
import { AgendaItem } from "~/components/meeting/agenda-item";
import { AgendaDisclosureButtons, agendaItemNumber, useAgendaOpenForPrint } from "~/components/meeting/agenda-item-disclosure";
import { FinalTextsProvider, MeetingDocument } from "~/components/meeting/meeting-document";
import { TableOfContents, type TocEntry } from "~/components/meeting/table-of-contents";
import { ActionItemsSection } from "~/components/meeting/action-items-section";
import { FollowUpSection } from "~/components/meeting/follow-up-section";
import { PromiseFollowUpSection } from "~/components/meeting/promise-follow-up-section";
import { AttendanceSection } from "~/components/meeting/attendance-section";
import { JusterareSection } from "~/components/meeting/justerare-section";
import { JusteringSection } from "~/components/meeting/justering-section";
import { MeetingChairSection } from "~/components/meeting/meeting-chair-section";
import { MeetingPlanSection } from "~/components/meeting/meeting-plan-section";
import { MeetingShareSection } from "~/components/meeting/meeting-share-section";
import { SelectField } from "~/components/ui/select-field";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { HydrateLater } from "~/components/ui/hydrate-later";
import { TextField } from "~/components/ui/text-field";
import { editorUser } from "~/models/live-documents.server";
import { getMeetingPage, handleMeetingAction, type MeetingActionResult } from "~/models/meetings.server";
import editorStylesHref from "~/styles/editor.css";
import { formatClock, formatMeetingTime } from "~/utils/format";
import { notFound, requireIdParam } from "~/utils/http.server";
import { CONFIRM_FIELD } from "~/utils/confirmation";
import { agendaItemHeadingId, agendaItemRefusalId } from "~/utils/meeting-anchors";
import { revealAndFocus, revealElement } from "~/utils/reveal";
import { agendaItemKindLabels, meetingStatusLabels } from "../../db/domain/labels";
import { requireViewer } from "~/utils/session.server";
import { useLiveRevalidation } from "~/utils/use-live-revalidation";
import { useStickyActionData } from "~/utils/use-sticky-action-data";
import { documentName } from "../../db/domain/document-names";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.meeting.title} ${data.meeting.groupName} – Samverkan` : "Möte – Samverkan" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const page = getMeetingPage(viewer, requireIdParam(params.meetingId));
  if (!page) throw notFound();
  return { ...page, viewerId: viewer.id, user: editorUser(viewer) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const result = await handleMeetingAction(viewer, requireIdParam(params.meetingId), await request.formData());
  return data(result, { status: result.ok ? 200 : result.status });
}

/** A 404 means something on the page is gone (or no longer the viewer's): reload the page's data too. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 404 || defaultShouldRevalidate;

/** A justerat or inställt meeting's texts are final: every MeetingDocument on the page shows them as plain text. */
export default function MeetingRoute() {
  const { documentTexts } = useLoaderData<typeof loader>();
  return (
    <FinalTextsProvider value={documentTexts}>
      <MeetingPage />
    </FinalTextsProvider>
  );
}

function MeetingPage() {
  const {
    meeting,
    rights,
    agenda,
    attendance,
    missingFunctions,
    decisions,
    actionItems,
    planRows,
    assigneeGroups,
    preparation,
    shares,
    followUp,
    promiseFollowUp,
    approvers,
    chairs,
    leadingChair,
    signingChairId,
    addenda,
    groupDecisions,
    itemVersions,
    files,
    viewerId,
    user,
  } = useLoaderData<typeof loader>();
  const result = useStickyActionData<MeetingActionResult>();
  const errors: Record<string, string | undefined> = result && !result.ok ? result.fieldErrors : {};
  // Several forms share field names ("title" of an ärende and of an uppdrag, "kind" of an ärende and of a decision):
  // a refusal is shown in the form that was sent, not in every form with a field of that name.
  const errorsOf = (intent: string): Record<string, string | undefined> => (result && !result.ok && result.intent === intent ? result.fieldErrors : {});
  useLiveRevalidation(`/moten/${meeting.id}/handelser`);
  useAgendaOpenForPrint();
  // A refusal shows at the top of a long page, far from the button pressed: focus moves there, so it is seen and read.
  const formErrorRef = useRef<HTMLParagraphElement>(null);
  // A refusal about one ärende (its buttons, its decision form) is shown in that ärende, when it is still on the page.
  const refusedItemId = result && !result.ok && agenda.some((item) => item.id === result.itemId) ? result.itemId : undefined;
  // What the ärende's decision form has no field for (the empty decision text is in its live document) is said next to its buttons.
  const itemRefusal = refusedItemId ? (errors.form ?? errors.text) : undefined;
  const pageRefusal = itemRefusal ? undefined : errors.form;
  useEffect(() => {
    if (itemRefusal && refusedItemId) revealAndFocus(agendaItemRefusalId(refusedItemId));
    else if (pageRefusal) formErrorRef.current?.focus();
  }, [itemRefusal, pageRefusal, refusedItemId]);
  useFocusAfterAction(result);
  // Which confirmed step the server asked to confirm (a post without JavaScript): the page asks the question there.
  const asked = (intent: string) => Boolean(result && !result.ok && result.intent === intent && errors[CONFIRM_FIELD]);
  const members = attendance.filter((a) => a.personId !== null);
  const isApprover = approvers.some((a) => a.personId === viewerId);
  const contents: TocEntry[] = [
    { id: "kallelse", label: "Kallelse och bakgrund" },
    { id: "justerare", label: "Justerare" },
    { id: "narvaro", label: "Närvaro" },
    {
      id: "dagordning",
      label: "Dagordning",
      children: agenda.map((item, index) => ({ id: agendaItemHeadingId(item.id), label: `${agendaItemNumber(item, index)} ${item.title}` })),
    },
    ...(followUp.length > 0 ? [{ id: "uppfoljning", label: "Uppföljning av uppdrag" }] : []),
    ...(promiseFollowUp && promiseFollowUp.activities.length > 0 ? [{ id: "medborgarloften", label: "Uppföljning av medborgarlöften" }] : []),
    { id: "uppdrag", label: "Uppdrag" },
    { id: "anteckningar", label: "Övriga anteckningar" },
    { id: "justering", label: "Justering" },
  ];

  return (
    <div className="page meeting-page">
      <Breadcrumbs
        trail={[
          { to: "/", label: "Mina grupper" },
          // Read through a share: the way back is the viewer's own beredningsgrupp, not the styrgrupp they are not in.
          rights.sharedWith
            ? { to: `/grupper/${rights.sharedWith.id}`, label: rights.sharedWith.name }
            : { to: `/grupper/${meeting.groupId}`, label: meeting.groupName },
        ]}
        current={meeting.title}
      />
      <h1>
        {meeting.title} <span className="muted">{meeting.groupName}</span>
      </h1>
      <dl className="facts">
        <dt>Tid</dt>
        <dd>{formatMeetingTime(meeting.startsAt)}</dd>
        {meeting.startedAt ? (
          <>
            <dt>Faktisk tid</dt>
            <dd>{`Startade kl. ${formatClock(meeting.startedAt)}${meeting.endedAt ? `, avslutades kl. ${formatClock(meeting.endedAt)}` : ""}`}</dd>
          </>
        ) : null}
        {meeting.location ? (
          <>
            <dt>Plats</dt>
            <dd>{meeting.location}</dd>
          </>
        ) : null}
        {meeting.videoLink ? (
          <>
            <dt>Videolänk</dt>
            <dd>
              <a href={meeting.videoLink}>{meeting.videoLink}</a>
            </dd>
          </>
        ) : null}
        <dt>Status</dt>
        <dd data-meeting-status={meeting.status}>{meetingStatusLabels[meeting.status]}</dd>
      </dl>
      <p>
        <a href={`/moten/${meeting.id}/kallelse.ics`}>Ladda ned kallelsen till kalendern</a> ·{" "}
        <a href={`/moten/${meeting.id}/protokoll.pdf`}>{rights.locked ? "Protokoll (PDF)" : "Utkast till protokoll (PDF)"}</a>
      </p>

      <div role="status" className="meeting-result">
        {result?.ok ? (
          <p className="notice notice--ok" tabIndex={-1}>
            {result.message}
          </p>
        ) : null}
      </div>
      {pageRefusal ? (
        <p className="notice notice--error" role="alert" tabIndex={-1} ref={formErrorRef}>
          {pageRefusal}
        </p>
      ) : null}
      {meeting.status === "installt" ? (
        <p className="notice" data-meeting-cancelled>
          {`Mötet är inställt och räknas inte som hållet.${meeting.cancelReason ? ` Skäl: ${meeting.cancelReason}` : ""}`}
        </p>
      ) : null}
      {rights.sharedWith ? (
        <p className="notice" data-read-through-share>
          {`${meeting.groupName} har delat mötet med ${rights.sharedWith.name}. Du kan läsa det, men inte ändra något.`}
        </p>
      ) : null}
      {rights.locked ? <p className="notice">Protokollet är justerat och låst. Senare ändringar görs som ett daterat tillägg.</p> : null}

      <div className="meeting-controls">
        {rights.canRun && meeting.status === "planerat" && !rights.startAsksFirst ? (
          <ActionForm intent="status" fields={{ to: "pagar" }}>
            <button type="submit" className="button">
              Starta mötet
            </button>
          </ActionForm>
        ) : null}
        {rights.canRun && meeting.status === "planerat" && rights.startAsksFirst ? (
          <ConfirmedActionForm
            intent="status"
            fields={{ to: "pagar" }}
            label="Starta mötet"
            question="Starta mötet redan nu?"
            consequence={`Mötet är planerat till ${formatMeetingTime(meeting.startsAt)}, mer än en dag från nu. Startar du det nu räknas det som hållet i dag, och starttiden i protokollet blir nu.`}
            confirmLabel="Ja, starta mötet nu"
            asked={asked("status")}
          />
        ) : null}
        {rights.canRun && meeting.status === "pagar" ? (
          <ConfirmedActionForm
            intent="status"
            fields={{ to: "avslutat" }}
            label="Avsluta mötet"
            question="Avsluta mötet?"
            consequence={`Mötet avslutas. Ärenden utan § får sina nu, och bordlagda ärenden förs till nästa möte. Därefter kan inga fler beslut fattas, och protokollet kan justeras av mötets ordförande${
              members.some((m) => m.role === "sekreterare") ? ", justerarna och sekreteraren" : " och justerarna"
            }. En ordförande kan återöppna mötet så länge ingen har justerat.`}
            confirmLabel="Ja, avsluta mötet"
            asked={asked("status")}
          />
        ) : null}
        {rights.canReopen ? (
          <div className="stack">
            <p className="muted">Avslutades mötet för tidigt? Så länge ingen har justerat protokollet kan du som ordförande återöppna det.</p>
            <ActionForm intent="reopen">
              <button type="submit" className="button button--secondary">
                Återöppna mötet
              </button>
            </ActionForm>
          </div>
        ) : null}

        {rights.canRun && meeting.status === "planerat" ? (
          <MeetingPlanSection
            meeting={meeting}
            errors={errors}
            cancelAsked={asked("cancel-meeting") || Boolean(errors.reason)}
            kallelseSent={rights.kallelseSent}
          />
        ) : null}
        <MeetingShareSection shares={shares} asked={asked("share-meeting")} error={errorsOf("share-meeting").groupId ?? errorsOf("revoke-share").groupId} />
      </div>

      <TableOfContents entries={contents} />

      <section aria-labelledby="kallelse">
        <h2 id="kallelse" tabIndex={-1}>
          Kallelse och bakgrund
        </h2>
        <p>
          <a href={`/moten/${meeting.id}/kallelse.pdf`}>Kallelse (PDF)</a> med tid, plats, videolänk, föredragningslista, den här texten och handlingar.
        </p>
        {/* Meetings have no documents of their own yet: the handlingar are the group's agreement and its bilagor (as in the PDF). */}
        <p>
          Handlingar: <a href={`/overenskommelser/${meeting.agreementSlug}`}>{meeting.agreementTitle}</a> och{" "}
          <a href={`/overenskommelser/${meeting.agreementSlug}#bilagor`}>dess bilagor</a>.
        </p>
        <MeetingDocument
          documentName={documentName({ kind: "agenda", meetingId: meeting.id })}
          label="Kallelse och bakgrund"
          editable={rights.canEdit}
          user={user}
        />
      </section>

      <HydrateLater>
        <MeetingChairSection
          chairs={chairs}
          leadingChair={leadingChair}
          status={meeting.status}
          canRun={rights.canRun}
          error={errorsOf("meeting-chair").chairedBy}
        />

        <JusterareSection
          approvers={approvers}
          members={members}
          signingChairId={signingChairId}
          mayChoose={rights.canRun && !rights.locked}
          error={errorsOf("justerare").justerare}
        />
      </HydrateLater>

      <HydrateLater>
        <AttendanceSection rows={attendance} missingFunctions={missingFunctions} canRun={rights.canRun && !rights.locked} errors={errors} />
      </HydrateLater>

      <section aria-labelledby="dagordning">
        <h2 id="dagordning" tabIndex={-1}>
          Dagordning
        </h2>
        {rights.canRun && meeting.status === "pagar" ? (
          <p className="muted">
            Varje ärende som behandlas blir en § i protokollet, i dagordningens ordning. När ett ärende behandlas får de tidigare ärendena utan § sina först,
            och när mötet avslutas får resten sina. Bordlagda ärenden och ärenden som utgår förs till nästa möte.
          </p>
        ) : null}
        {agenda.length === 0 ? <p>Dagordningen är tom.</p> : <AgendaDisclosureButtons />}
        <ol className="agenda">
          {agenda.map((item, index) => (
            <HydrateLater key={item.id}>
              <AgendaItem
                item={item}
                index={index}
                count={agenda.length}
                decisions={decisions.filter((d) => d.agendaItemId === item.id)}
                canEdit={rights.canEdit}
                canRun={rights.canRun}
                meetingRunning={meeting.status === "pagar"}
                openByDefault={meeting.status === "planerat" || meeting.status === "pagar"}
                locked={rights.locked}
                viewerId={viewerId}
                isApprover={isApprover}
                user={user}
                errors={item.id === refusedItemId ? errorsOf("adopt") : {}}
                refusal={item.id === refusedItemId ? itemRefusal : undefined}
                groupDecisions={groupDecisions}
                version={itemVersions[item.id]}
                meetingId={meeting.id}
                files={files}
                askedFileId={asked("remove-file") && result && !result.ok ? (result.fileId ?? null) : null}
                preparation={
                  preparation
                    ? {
                        steeringName: preparation.steeringName,
                        nextMeetingStartsAt: preparation.nextMeetingStartsAt,
                        mayPrepare: preparation.mayPrepare,
                        preparedTo: preparation.preparedTo[item.id] ?? null,
                      }
                    : null
                }
              />
            </HydrateLater>
          ))}
        </ol>
        <HydrateLater>
          {rights.canEdit ? (
            <ActionForm intent="add-item" className="stack" clearOnSuccess>
              <h3>Lägg till ärende</h3>
              <TextField label="Rubrik" name="title" required error={errorsOf("add-item").title} />
              <SelectField label="Typ av ärende" name="kind" defaultValue="information" error={errorsOf("add-item").kind}>
                {agendaItemKinds.map((k) => (
                  <option key={k} value={k}>
                    {agendaItemKindLabels[k]}
                  </option>
                ))}
              </SelectField>
              <SelectField label="Föredragande" name="presenterId" defaultValue="" error={errorsOf("add-item").presenterId}>
                <option value="">Ingen</option>
                {members.map((m) => (
                  <option key={m.personId} value={m.personId!}>
                    {m.name}
                  </option>
                ))}
              </SelectField>
              <div>
                <button type="submit" className="button">
                  Lägg till ärende
                </button>
              </div>
            </ActionForm>
          ) : null}
        </HydrateLater>
      </section>

      <HydrateLater>
        <FollowUpSection items={followUp} groupId={meeting.groupId} canRun={rights.canRun} viewerId={viewerId} />
        {promiseFollowUp ? <PromiseFollowUpSection {...promiseFollowUp} /> : null}
        <ActionItemsSection
          items={actionItems}
          agenda={agenda}
          members={members}
          canEdit={rights.canEdit}
          planRows={planRows}
          assigneeGroups={assigneeGroups}
          errors={errorsOf("add-action")}
        />
      </HydrateLater>

      <HydrateLater>
        <section aria-labelledby="anteckningar">
          <h2 id="anteckningar" tabIndex={-1}>
            Övriga anteckningar
          </h2>
          <MeetingDocument
            documentName={documentName({ kind: "minutes", meetingId: meeting.id })}
            label="Protokollsanteckningar"
            editable={rights.canEdit}
            user={user}
          />
        </section>

        <JusteringSection
          approvers={approvers}
          addenda={addenda}
          viewerId={viewerId}
          canRun={rights.canRun}
          locked={rights.locked}
          meetingEnded={meeting.status === "avslutat"}
          errors={errors}
          approvalAsked={asked("approve-minutes")}
        />
      </HydrateLater>
    </div>
  );
}

/** A field the reader types in (a button, also one pressed while waiting, is not). */
const typingField =
  'textarea, select, [contenteditable="true"], input:not([type="submit"], [type="button"], [type="reset"], [type="checkbox"], [type="radio"])';

/**
 * After an action, focus goes where the person can go on: to what the action
 * names (the § just adopted, the ärende just added, the move button just pressed), else, when the button pressed is gone (the
 * meeting ended, the ärende removed), to the message saying what happened,
 * instead of being dropped at the top of the page. Each answer moves focus once,
 * not again when someone else's change reloads the page.
 */
function useFocusAfterAction(result: MeetingActionResult | undefined) {
  const handled = useRef<MeetingActionResult | undefined>(undefined);
  // The answer arrives before the page's data is reloaded: wait until it is, so the § exists and the button is gone.
  const settled = useNavigation().state === "idle";
  // Where focus was when the form was sent (its button, or the field Enter was pressed in).
  const focusAtSubmit = useRef<Element | null>(null);
  useEffect(() => {
    const onSubmit = () => (focusAtSubmit.current = document.activeElement);
    document.addEventListener("submit", onSubmit, true);
    return () => document.removeEventListener("submit", onSubmit, true);
  }, []);
  useEffect(() => {
    if (!settled || !result?.ok || handled.current === result) return;
    handled.current = result;
    // The reader has gone on typing in another field (or live document) while the page reloaded: focus stays there.
    const active = document.activeElement;
    if (active !== focusAtSubmit.current && active?.matches(typingField)) return;
    const canFocus = (el: HTMLElement | null): el is HTMLElement => el !== null && !(el as HTMLButtonElement).disabled;
    const target = [result.focusId, result.fallbackFocusId].map((id) => (id ? document.getElementById(id) : null)).find(canFocus);
    // The target may be in an ärende someone collapsed: it is opened first, or it could not take focus.
    if (target) revealElement(target).focus();
    else if (!document.activeElement || document.activeElement === document.body) document.querySelector<HTMLElement>(".meeting-result .notice")?.focus();
  }, [result, settled]);
}
