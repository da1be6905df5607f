import { decisionKinds, type ParagraphOutcome, type VersionSubject } from "../../../db/domain/enums";
import { SelectField } from "~/components/ui/select-field";
import { ShortLabel } from "~/components/ui/short-label";
import { decisionKindLabels, paragraphLabel } from "../../../db/domain/labels";
import { adoptedDecisionElementId, agendaItemRefusalId, moveButtonId } from "~/utils/meeting-anchors";
import { ActionForm } from "./action-form";
import { formatLongDate } from "~/utils/format";
import { AgendaItemDisclosure } from "./agenda-item-disclosure";
import { MeetingDocument } from "./meeting-document";
import { documentName } from "../../../db/domain/document-names";
import type { FileView } from "~/components/files/file-list";
import { MeetingFiles } from "./meeting-files";

export interface AgendaItemView {
  id: number;
  title: string;
  kind: "information" | "diskussion" | "beslut";
  presenterName: string | null;
  /** Who added it; null for the standard agenda's items. */
  createdBy: number | null;
  /** Its § once dealt with (permanent), with what became of it. */
  paragraph: { number: number; year: number; outcome: ParagraphOutcome } | null;
  /** "Beredd av": the beredningsgrupp that prepared the ärende for this styrgrupp. */
  preparedByGroupName: string | null;
  /** A report sent up the chain that the ärende puts before the meeting (its PDF/A). */
  reportId?: number | null;
  /** A decided bilaga a local agreement handed over, which the ärende deals with (its PDF/A). */
  receivedVersionId?: number | null;
}

/** On a beredningsgrupp's meeting: preparing an ärende for the styrgrupp, or where it already went. */
export interface ItemPreparation {
  steeringName: string;
  /** The styrgrupp's next planned meeting, where a prepared ärende goes; null when none is planned. */
  nextMeetingStartsAt: string | null;
  mayPrepare: boolean;
  preparedTo: { startsAt: string; groupName: string } | null;
}

/** A lägesbild, åtgärdsplan or kommunikationsplan version an ärende puts up for decision. */
export interface ItemVersion {
  versionId: number;
  label: string;
  subjectKind: VersionSubject;
  /** "Lägesbild 2026", "Åtgärdsplan", "Kommunikationsplan". */
  title: string;
  decided: boolean;
  sha256: string;
}

export interface DecisionView {
  id: number;
  number: number;
  year: number;
  agendaItemId: number | null;
  kind: (typeof decisionKinds)[number];
  text: string;
  immediatelyApprovedAt: string | null;
  approvedBy: number[];
  present: { name: string }[];
}

interface Props {
  item: AgendaItemView;
  index: number;
  count: number;
  decisions: DecisionView[];
  canEdit: boolean;
  canRun: boolean;
  meetingRunning: boolean;
  /** Shown open at first (while the meeting is planned or running), else collapsed to its summary. */
  openByDefault: boolean;
  /** Justerat: the record is final, so no § is offered for omedelbar justering any more. */
  locked: boolean;
  viewerId: number;
  isApprover: boolean;
  user: { name: string; color: string };
  errors: Record<string, string | undefined>;
  /** Why the last press of one of this ärende's buttons was refused, shown next to them. */
  refusal?: string;
  groupDecisions: { id: number; number: number; year: number; title: string }[];
  /** The lägesbild or åtgärdsplan version the ärende puts up for decision, if any. */
  version?: ItemVersion;
  meetingId: number;
  /** The handlingar of this ärende and the bilagor of its decisions. */
  files: (FileView & { agendaItemId: number | null; decisionId: number | null })[];
  /** The file whose removal the server asked to confirm (a post without JavaScript). */
  askedFileId: number | null;
  preparation: ItemPreparation | null;
}

/**
 * One ärende: its notes and, for a decision item, the proposal until it is
 * adopted, then the adopted § in its place, read-only (an ärende gets one
 * decision; the server refuses a second).
 */
export function AgendaItem({
  item,
  index,
  count,
  decisions,
  canEdit,
  canRun,
  meetingRunning,
  openByDefault,
  locked,
  viewerId,
  isApprover,
  user,
  errors,
  refusal,
  groupDecisions,
  version,
  meetingId,
  files,
  askedFileId,
  preparation,
}: Props) {
  const refusalId = agendaItemRefusalId(item.id);
  const describedBy = refusal ? refusalId : undefined;
  // Mirrors mayRearrangeItem on the server: a ledamot moves and removes only the ärenden they added,
  // and an ärende with its § stays where it was dealt with.
  const mayRearrange = (canRun || item.createdBy === viewerId) && item.paragraph === null;
  const movedOn = item.paragraph !== null && item.paragraph.outcome !== "behandlat";
  return (
    <AgendaItemDisclosure item={item} index={index} decisions={decisions} openByDefault={openByDefault}>
      {movedOn ? <p className="muted">Ärendet förs till nästa möte när mötet avslutas.</p> : null}
      {item.preparedByGroupName ? (
        <p className="muted" data-prepared-by={item.preparedByGroupName}>
          Ärendet är berett av {item.preparedByGroupName}, med dess handlingar och förslag till beslut.
        </p>
      ) : null}
      {item.reportId ? (
        <p data-report={item.reportId}>
          <a href={`/rapporter/${item.reportId}.pdf`}>Rapporten som PDF/A</a>
        </p>
      ) : null}
      {item.receivedVersionId ? (
        <p data-received-version={item.receivedVersionId}>
          <a href={`/versioner/${item.receivedVersionId}.pdf`}>Den överlämnade bilagan som PDF/A</a> (fastställd av den lokala styrgruppen)
        </p>
      ) : null}
      {preparation ? <PreparationLine item={item} preparation={preparation} /> : null}
      {item.presenterName ? <p className="muted">Föredragande: {item.presenterName}</p> : null}
      {canEdit ? (
        <div className="agenda-item__tools">
          {mayRearrange ? (
            <>
              <ActionForm intent="move-item" fields={{ itemId: item.id, direction: "up" }}>
                <button
                  type="submit"
                  aria-describedby={describedBy}
                  id={moveButtonId(item.id, "up")}
                  className="button button--secondary"
                  disabled={index === 0}
                >
                  Flytta upp<span className="visually-hidden"> {item.title}</span>
                </button>
              </ActionForm>{" "}
              <ActionForm intent="move-item" fields={{ itemId: item.id, direction: "down" }}>
                <button
                  type="submit"
                  aria-describedby={describedBy}
                  id={moveButtonId(item.id, "down")}
                  className="button button--secondary"
                  disabled={index === count - 1}
                >
                  Flytta ned<span className="visually-hidden"> {item.title}</span>
                </button>
              </ActionForm>{" "}
              {decisions.length === 0 ? (
                <ActionForm intent="remove-item" fields={{ itemId: item.id }}>
                  <button type="submit" aria-describedby={describedBy} className="button button--secondary">
                    Ta bort<span className="visually-hidden"> {item.title}</span>
                  </button>
                </ActionForm>
              ) : null}{" "}
            </>
          ) : null}{" "}
          {canRun && meetingRunning ? <OutcomeButtons item={item} decided={decisions.length > 0} describedBy={describedBy} /> : null}
          {refusal ? (
            <p className="notice notice--error" role="alert" id={refusalId} tabIndex={-1}>
              {refusal}
            </p>
          ) : null}
        </div>
      ) : null}
      <h4>Anteckningar</h4>
      <MeetingDocument
        documentName={documentName({ kind: "agenda_item_notes", agendaItemId: item.id })}
        label={`Anteckningar: ${item.title}`}
        editable={canEdit}
        user={user}
      />
      <MeetingFiles
        meetingId={meetingId}
        heading="Handlingar"
        HeadingTag="h4"
        owner={`arende-${item.id}`}
        adds="handling"
        to={item.title}
        files={files.filter((f) => f.agendaItemId === item.id)}
        canEdit={canEdit}
        askedFileId={askedFileId}
      />
      {item.kind === "beslut" && decisions.length === 0 && !movedOn ? (
        <div className="decision">
          <h4>Förslag till beslut</h4>
          {version ? (
            <p>
              Version för beslut: <a href={`/versioner/${version.versionId}.pdf`}>{version.label} (PDF)</a>
            </p>
          ) : null}
          <MeetingDocument
            documentName={documentName({ kind: "decision_text", agendaItemId: item.id })}
            label={`Beslutstext: ${item.title}`}
            editable={canEdit}
            user={user}
          />
          {canRun && meetingRunning ? (
            <ActionForm intent="adopt" fields={{ agendaItemId: item.id }} className="adopt-form">
              {(busy) => (
                <>
                  {version ? (
                    <SteeringChoice version={version} errors={errors} />
                  ) : (
                    <SelectField label={<ShortLabel shown="Beslutstyp" hidden={` för ${item.title}`} />} name="kind" defaultValue="ovrigt" error={errors.kind}>
                      {decisionKinds.map((k) => (
                        <option key={k} value={k}>
                          {decisionKindLabels[k]}
                        </option>
                      ))}
                    </SelectField>
                  )}
                  {groupDecisions.length > 0 ? (
                    <SelectField label="Rättar tidigare beslut" name="correctsId" defaultValue="" error={errors.correctsId}>
                      <option value="">Nej, nytt beslut</option>
                      {groupDecisions.map((d) => (
                        <option key={d.id} value={d.id}>
                          {paragraphLabel(d.number, d.year)} {d.title}
                        </option>
                      ))}
                    </SelectField>
                  ) : null}
                  <button type="submit" className="button" aria-disabled={busy || undefined}>
                    Fatta beslut<span className="visually-hidden"> om {item.title}</span>
                  </button>
                </>
              )}
            </ActionForm>
          ) : null}
        </div>
      ) : null}
      {decisions.length > 0 ? (
        <div className="decision">
          <h4>Beslut</h4>
          {decisions.map((d) => (
            <div
              key={d.id}
              id={adoptedDecisionElementId(d.id)}
              tabIndex={-1}
              role="group"
              aria-label={`Beslut ${paragraphLabel(d.number, d.year)}`}
              className="adopted"
              data-paragraph={paragraphLabel(d.number, d.year)}
            >
              <p>
                <strong>{paragraphLabel(d.number, d.year)}</strong> – {decisionKindLabels[d.kind]}
                {d.immediatelyApprovedAt ? <span className="badge badge--ok"> Omedelbart justerad</span> : null}
              </p>
              <blockquote className="adopted__text">{d.text}</blockquote>
              {version?.decided ? (
                <p>
                  Bilaga: <a href={`/versioner/${version.versionId}.pdf`}>{version.title} (PDF)</a>{" "}
                  <span className="muted">SHA-256 {version.sha256.slice(0, 12)}…</span>
                </p>
              ) : null}
              <p className="muted">Närvarande: {d.present.map((p) => p.name).join(", ") || "ingen markerad"}</p>
              <MeetingFiles
                meetingId={meetingId}
                heading="Bilagor"
                HeadingTag="h5"
                owner={`beslut-${d.id}`}
                adds="bilaga"
                to={paragraphLabel(d.number, d.year)}
                files={files.filter((f) => f.decisionId === d.id)}
                canEdit={canEdit}
                askedFileId={askedFileId}
              />
              {isApprover && !locked && !d.immediatelyApprovedAt && !d.approvedBy.includes(viewerId) ? (
                <ActionForm intent="approve-paragraph" fields={{ decisionId: d.id }}>
                  <button type="submit" className="button button--secondary">
                    Justera {paragraphLabel(d.number, d.year)} omedelbart
                  </button>
                </ActionForm>
              ) : null}
            </div>
          ))}
        </div>
      ) : null}
    </AgendaItemDisclosure>
  );
}

/**
 * The decision on a lägesbild or åtgärdsplan put up for decision: fastställa the version, or send it back
 * to the beredning (the decision text must then say so). The kind of decision follows from the version.
 */
function SteeringChoice({ version, errors }: { version: ItemVersion; errors: Record<string, string | undefined> }) {
  return (
    <fieldset className="radio-group">
      <legend>Beslut om {version.title.toLowerCase()}</legend>
      <input type="hidden" name="kind" value={version.subjectKind} />
      <label>
        <input type="radio" name="sentBack" value="" defaultChecked /> Fastställ versionen
      </label>
      <label>
        <input type="radio" name="sentBack" value="ja" /> Återförvisa till beredningen
      </label>
      {errors.sentBack ? <p className="field-error">{errors.sentBack}</p> : null}
    </fieldset>
  );
}

/** What can be done with an ärende, by where it stands: not dealt with yet, dealt with, or moving on to the next meeting. */
const outcomeChoices: Record<ParagraphOutcome | "none", { outcome: ParagraphOutcome; label: string }[]> = {
  none: [
    { outcome: "behandlat", label: "Markera som behandlat" },
    { outcome: "bordlagt", label: "Bordlägg" },
    { outcome: "utgar", label: "Utgår" },
  ],
  behandlat: [
    { outcome: "bordlagt", label: "Bordlägg" },
    { outcome: "utgar", label: "Utgår" },
  ],
  bordlagt: [{ outcome: "behandlat", label: "Ångra, ärendet behandlas" }],
  utgar: [{ outcome: "behandlat", label: "Ångra, ärendet behandlas" }],
};

/**
 * Dealing with an ärende while the meeting runs: it gets its § (the ärenden before it too) as
 * behandlat, bordlagt or utgår. The outcome can change until the meeting ends; a decided ärende
 * was dealt with and stays so.
 */
function OutcomeButtons({ item, decided, describedBy }: { item: AgendaItemView; decided: boolean; describedBy: string | undefined }) {
  const offered = decided ? [] : outcomeChoices[item.paragraph?.outcome ?? "none"];
  return (
    <>
      {offered.map(({ outcome, label }) => (
        <ActionForm key={outcome} intent="deal-with-item" fields={{ itemId: item.id, outcome }}>
          <button type="submit" aria-describedby={describedBy} className="button button--secondary">
            {label}
            <span className="visually-hidden"> {item.title}</span>
          </button>
        </ActionForm>
      ))}{" "}
    </>
  );
}

/** "Beredd till styrgruppen": where the ärende went, or the button that sends it to the styrgrupp's next meeting. */
function PreparationLine({ item, preparation }: { item: AgendaItemView; preparation: ItemPreparation }) {
  if (preparation.preparedTo)
    return (
      <p className="muted" data-prepared-to>
        Berett till {preparation.preparedTo.groupName}, mötet {formatLongDate(preparation.preparedTo.startsAt)}.
      </p>
    );
  if (!preparation.mayPrepare) return null;
  if (!preparation.nextMeetingStartsAt) return <p className="muted">{preparation.steeringName} har inget planerat möte att bereda ärendet till.</p>;
  return (
    <ActionForm intent="prepare-item" fields={{ itemId: item.id }}>
      {(busy) => (
        <button type="submit" className="button button--secondary" disabled={busy}>
          Bered till {preparation.steeringName} ({formatLongDate(preparation.nextMeetingStartsAt!)})<span className="visually-hidden">: {item.title}</span>
        </button>
      )}
    </ActionForm>
  );
}
