import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { AgreementVersionsList } from "~/components/versions/agreement-versions";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { agreementsQueries, db, filesQueries, significantEventsQueries } from "~/models/db.server";
import { PartiesInformationLinks } from "~/components/events/agreement-links";
import { removeFileFromPage } from "~/models/files.server";
import { AgreementFiles } from "~/components/files/agreement-files";
import { formatIsoDate, formatLongDate } from "~/utils/format";
import { groupKindLabels, revisionRuleLabels, scopeLabels, steeringSubjectTitle } from "../../db/domain/labels";
import { notFound, requireParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";
import { SlugSchema } from "~/utils/validation";
import { stockholmYear } from "../../db/domain/stockholm-time";
import { adoptedDecisionElementId } from "~/utils/meeting-anchors";
import { DataTable } from "~/components/ui/data-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.agreement.title} – Samverkan` : "Överenskommelse – Samverkan" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const page = agreementsQueries.getAgreementPage(db(), viewer, requireParam(SlugSchema, params.slug));
  if (!page) throw notFound();
  const year = stockholmYear(new Date());
  // A lägesbild is revised every year; offer this year's and last year's.
  return {
    ...page,
    lagesbildYears: page.agreement.scope === "local" ? [year, year - 1] : [],
    files: filesQueries.listAgreementFiles(db(), viewer, page.agreement.id),
    canEditFiles: viewer.isAdmin,
    significantEvents: significantEventsQueries.significantEventsStanding(db(), viewer, page.agreement.id),
  };
}

/** Removing a file from the agreement's list (administrators; the verb checks). */
export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const result = removeFileFromPage(viewer, await request.formData());
  return data(result);
}

export default function AgreementPage() {
  const {
    agreement,
    parties,
    attachments,
    signatories,
    groups,
    parent,
    revisionDueUnderParent,
    revisionDue,
    versions,
    amendments,
    children,
    priorities,
    lagesbildYears,
    lagesbild,
    decidedVersions,
    files,
    canEditFiles,
    significantEvents,
  } = useLoaderData<typeof loader>();
  // A decided version belongs under its bilaga; one whose agreement lists no such bilaga is listed after them.
  const bilagaKinds = new Set(attachments.map((a) => a.kind));
  const unlisted = decidedVersions.filter((v) => !bilagaKinds.has(v.subjectKind));
  return (
    <div className="page">
      <Breadcrumbs
        trail={[{ to: "/", label: "Mina grupper" }, ...(parent ? [{ to: `/overenskommelser/${parent.slug}`, label: parent.title }] : [])]}
        current={agreement.title}
      />
      <h1>{agreement.title}</h1>
      <dl className="facts">
        <dt>Typ</dt>
        <dd>{scopeLabels[agreement.scope]} samverkansöverenskommelse</dd>
        <dt>Gäller</dt>
        <dd>
          från och med <time dateTime={agreement.startsOn}>{formatLongDate(agreement.startsOn)}</time> ({formatIsoDate(agreement.startsOn)}){" "}
          {agreement.endsOn ? `till ${formatLongDate(agreement.endsOn)}` : "tills vidare"}
        </dd>
        <dt>Revidering</dt>
        <dd>
          {revisionRuleLabels[agreement.revisionRule]}
          {revisionDue ? (
            <>
              {" "}
              <span className="badge badge--warn">Ska revideras</span>
            </>
          ) : null}
          <div className="muted">”{agreement.revisionText}”</div>
          {agreement.lastRevisedOn ? (
            <div>
              Version {agreement.version}, senast reviderad <time dateTime={agreement.lastRevisedOn}>{formatLongDate(agreement.lastRevisedOn)}</time>
            </div>
          ) : null}
        </dd>
        {agreement.copies ? (
          <>
            <dt>Exemplar</dt>
            <dd>Upprättad i {agreement.copies} likalydande exemplar</dd>
          </>
        ) : null}
        {parent && revisionDueUnderParent ? (
          <>
            <dt>Stadsövergripande överenskommelse</dt>
            <dd>
              Ingicks före <Link to={`/overenskommelser/${parent.slug}`}>{parent.title}</Link>, som gäller från och med{" "}
              <time dateTime={parent.startsOn}>{formatLongDate(parent.startsOn)}</time>. <strong>Ska revideras enligt den.</strong>
            </dd>
          </>
        ) : parent ? (
          <>
            <dt>Utgår från</dt>
            <dd>
              <Link to={`/overenskommelser/${parent.slug}`}>{parent.title}</Link>
            </dd>
          </>
        ) : null}
      </dl>

      <h2 id="parter">Parter</h2>
      <DataTable labelledBy="parter">
        <thead>
          <tr>
            <th scope="col">Part</th>
            <th scope="col">Benämning</th>
            <th scope="col">Org.nr</th>
            <th scope="col">Postadress</th>
            <th scope="col">Diarienummer</th>
          </tr>
        </thead>
        <tbody>
          {parties.map((p) => (
            <tr key={p.name}>
              <td>
                {p.name}
                {p.note ? <div className="muted">{p.note}</div> : null}
              </td>
              <td>”{p.shortName}”</td>
              <td className="nowrap">{p.orgNr ?? "–"}</td>
              <td>{p.postalAddress ?? "–"}</td>
              <td>{p.diarienummer ?? <span className="muted">Anges inte</span>}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>

      {lagesbildYears.length > 0 ? (
        <>
          <h2>Gemensam lokal lägesbild</h2>
          {lagesbild?.due ? (
            <div className="notice" role="status" data-lagesbild-due="">
              <p>
                {lagesbild.latestYear === null
                  ? "Det finns ingen fastställd lägesbild. Styrgruppen fastställer den gemensamma lokala lägesbilden."
                  : `Den senaste fastställda lägesbilden är från ${lagesbild.latestYear}.`}{" "}
                {agreement.revisionRule === "yearly" ? `Lägesbilden ska fastställas varje år; ${lagesbild.year} års saknas.` : null}
              </p>
              <p>
                <Link to={`/overenskommelser/${agreement.slug}/lagesbild/${lagesbild.year}`}>Till lägesbilden för {lagesbild.year}</Link>
              </p>
            </div>
          ) : null}
          <ul>
            {lagesbildYears.map((year) => (
              <li key={year}>
                <Link to={`/overenskommelser/${agreement.slug}/lagesbild/${year}`}>Lägesbild {year}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {agreement.scope === "local" ? (
        <>
          <h2>Åtgärdsplan och kommunikationsplan</h2>
          <ul>
            <li>
              <Link to={`/overenskommelser/${agreement.slug}/atgardsplan`}>Åtgärdsplan</Link>
            </li>
            <li>
              <Link to={`/overenskommelser/${agreement.slug}/kommunikationsplan`}>Kommunikationsplan</Link>: vad som kommuniceras, till vem, i vilken kanal, när
              och av vem
            </li>
          </ul>
          {/* The register is read by the members of the agreement's groups: the same readers as its events. */}
          {significantEvents ? (
            <p>
              <Link to={`/overenskommelser/${agreement.slug}/medborgarloften`}>Medborgarlöften</Link>: den lokala styrgruppens löften och hur deras aktiviteter
              följs upp
            </p>
          ) : null}
        </>
      ) : null}

      {/* Kontaktuppgifter: for members of the agreement's groups and administrators, as each group's link. */}
      <PartiesInformationLinks slug={agreement.slug} events={significantEvents} contacts={groups.some((g) => g.viewerMayOpen)} />

      <h2 id="bilagor">Bilagor</h2>
      {attachments.length === 0 ? (
        <p>Inga bilagor.</p>
      ) : (
        <ul>
          {attachments.map((a) => (
            <li key={a.id}>
              {a.label ? `Bilaga ${a.label}: ` : ""}
              {a.title}
              {a.datedOn ? <span className="muted"> (daterad {formatIsoDate(a.datedOn)})</span> : null}
              <DecidedVersionList versions={decidedVersions.filter((v) => v.subjectKind === a.kind)} />
            </li>
          ))}
        </ul>
      )}
      <DecidedVersionList versions={unlisted} />
      <AgreementFiles agreementId={agreement.id} slug={agreement.slug} files={files} attachments={attachments} canEdit={canEditFiles} />

      {priorities.length > 0 ? (
        <>
          <h2>Prioriterade samverkansområden</h2>
          <ol>
            {priorities.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ol>
        </>
      ) : null}

      <h2>Undertecknare</h2>
      {signatories.length === 0 ? (
        <p>Överenskommelsen anger inga undertecknare.</p>
      ) : (
        <ul>
          {signatories.map((s) => (
            <li key={s.name}>
              {s.name}, {s.title}
              {s.signedOn ? ` – undertecknad ${formatLongDate(s.signedOn)}` : ""}
            </li>
          ))}
        </ul>
      )}

      {amendments.length > 0 ? (
        <>
          <h2>Ändringar och tillägg</h2>
          <ul>
            {amendments.map((a) => (
              <li key={a.id}>
                {a.title}, daterad {formatIsoDate(a.datedOn)}
                {a.signedOn ? `, undertecknad ${formatIsoDate(a.signedOn)}${a.signedBy ? ` av ${a.signedBy}` : ""}` : ", inte undertecknad"}
                {a.agreementVersion ? ` (version ${a.agreementVersion})` : ""}
                {/* The amendment's signed document (helper F's file link) goes here. */}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <AgreementVersionsList slug={agreement.slug} versions={versions} heading="h2" />

      <h2>Samverkansgrupper</h2>
      <ul>
        {groups.map((g) => (
          <li key={g.id}>
            {g.viewerMayOpen ? <Link to={`/grupper/${g.id}`}>{g.name}</Link> : g.name} <span className="muted">({groupKindLabels[g.kind].toLowerCase()})</span>
          </li>
        ))}
      </ul>

      {children.length > 0 ? (
        <>
          <h2>Lokala överenskommelser</h2>
          <ul>
            {children.map((c) => (
              <li key={c.id}>
                <Link to={`/overenskommelser/${c.slug}`}>{c.title}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** Fastställda versions of a lägesbild or åtgärdsplan: the adoption date, the § (linking its ärende), the PDF/A and its hash. */
function DecidedVersionList({ versions }: { versions: ReturnType<typeof useLoaderData<typeof loader>>["decidedVersions"] }) {
  if (versions.length === 0) return null;
  return (
    <ul className="decided-versions">
      {versions.map((v) => (
        <li key={v.versionId}>
          {steeringSubjectTitle(v.subjectKind, v.year)}, fastställd {formatIsoDate(v.adoptedAt)},{" "}
          <Link to={`/moten/${v.meetingId}#${adoptedDecisionElementId(v.decisionId)}`}>
            {v.paragraph} ({v.groupName})
          </Link>
          {" – "}
          <a href={`/versioner/${v.versionId}.pdf`}>PDF/A</a>
          {", "}
          <a href={`/versioner/${v.versionId}.docx`}>Word</a> <span className="muted">SHA-256 {v.sha256.slice(0, 12)}…</span>
        </li>
      ))}
    </ul>
  );
}
