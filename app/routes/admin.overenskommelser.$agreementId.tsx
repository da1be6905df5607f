import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { AgreementVersionsList } from "~/components/versions/agreement-versions";
import { FileUploadForm } from "~/components/files/file-upload-form";
import { formatFileSize, type FileView } from "../../db/domain/file-types";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AgreementFields } from "~/components/admin/agreement-fields";
import { AgreementRowList, useFormErrors, type RowField } from "~/components/admin/agreement-rows";
import { ActionForm } from "~/components/meeting/action-form";
import { ConfirmedActionForm } from "~/components/meeting/confirmed-action-form";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { TextAreaField } from "~/components/ui/text-area-field";
import { TextField } from "~/components/ui/text-field";
import { adminQueries } from "~/models/admin.server";
import { handleAgreementAdminAction, type AgreementAdminAnswer } from "~/models/agreement-admin.server";
import { db, filesQueries } from "~/models/db.server";
import { formatIsoDate, formatLongDate } from "~/utils/format";
import { notFound, requireIdParam } from "~/utils/http.server";
import { requireAdmin } from "~/utils/session.server";
import { attachmentKinds } from "../../db/domain/enums";
import { attachmentKindLabels, revisionRuleLabels, scopeLabels } from "../../db/domain/labels";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.agreement.title} – Administration – Samverkan` : "Överenskommelse – Samverkan" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireAdmin(request);
  const page = adminQueries.getAgreementForAdmin(db(), viewer, requireIdParam(params.agreementId));
  if (!page) throw notFound();
  return {
    ...page,
    cityWide: adminQueries.listCityWideAgreements(db(), viewer).filter((a) => a.id !== page.agreement.id),
    organisations: adminQueries.listOrganisations(db(), viewer),
    // An amendment's signed document is one of the agreement's files (owner "andring-<id>").
    amendmentFiles: filesQueries.listAgreementFiles(db(), viewer, page.agreement.id).filter((f) => f.amendmentId !== null),
  };
}

export async function action({ request, params }: ActionFunctionArgs): Promise<AgreementAdminAnswer> {
  const viewer = await requireAdmin(request);
  return handleAgreementAdminAction(request, viewer, requireIdParam(params.agreementId));
}

const text = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

export default function AdminAgreement() {
  const { agreement, parties, signatories, priorityAreas, inheritedPriorityAreas, attachments, amendments, versions, cityWide, organisations, amendmentFiles } =
    useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const agreementErrors = useFormErrors("update-agreement");
  const revisionErrors = useFormErrors("revise");
  const organisationOptions = organisations.map((o) => ({ value: o.id, label: o.name }));
  const partyFields: RowField[] = [
    { name: "organisationId", label: "Organisation", options: organisationOptions, noneLabel: "Välj organisation" },
    { name: "shortName", label: "Benämning i överenskommelsen", hint: "Till exempel Kommunen eller Polisen." },
    { name: "diarienummer", label: "Diarienummer" },
    { name: "note", label: "Anmärkning", hint: "Till exempel samt Utbildningsförvaltningen och Trafikkontoret." },
    { name: "position", label: "Ordning", type: "number", hint: "Lämna tomt för sist." },
  ];
  const signatoryFields: RowField[] = [
    { name: "name", label: "Namn" },
    { name: "title", label: "Befattning" },
    { name: "organisationId", label: "Organisation", options: organisationOptions, noneLabel: "Ingen angiven" },
    { name: "signedOn", label: "Undertecknad", type: "date" },
    { name: "position", label: "Ordning", type: "number", hint: "Lämna tomt för sist." },
  ];
  const attachmentFields: RowField[] = [
    { name: "label", label: "Beteckning", hint: "Som överenskommelsen anger, till exempel 1 eller 3a–c. Tomt för en punktlista." },
    { name: "title", label: "Titel" },
    { name: "kind", label: "Vad bilagan är", options: attachmentKinds.map((k) => ({ value: k, label: attachmentKindLabels[k] })), noneLabel: "Välj" },
    { name: "datedOn", label: "Daterad", type: "date" },
    { name: "position", label: "Ordning", type: "number", hint: "Lämna tomt för sist." },
  ];
  const amendmentFields: RowField[] = [
    { name: "title", label: "Vad ändringen gäller" },
    { name: "datedOn", label: "Daterad", type: "date" },
    { name: "signedOn", label: "Undertecknad", type: "date" },
    { name: "signedBy", label: "Undertecknad av" },
    {
      name: "agreementVersion",
      label: "Hör till revideringen",
      options: versions.map((v) => ({ value: v.version + 1, label: `Version ${v.version + 1} (reviderad ${formatIsoDate(v.createdAt)})` })),
      noneLabel: "Ingen revidering",
    },
  ];
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          { to: "/admin", label: "Administration" },
          { to: "/admin/overenskommelser", label: "Överenskommelser" },
        ]}
        current={agreement.title}
      />
      <h1>{agreement.title}</h1>
      {answer?.message ? (
        <p className="notice notice--ok" role="status">
          {answer.message}
        </p>
      ) : null}
      <dl className="facts">
        <dt>Typ</dt>
        <dd>
          {scopeLabels[agreement.scope]}
          {agreement.area ? `, ${agreement.area}` : ""}
        </dd>
        <dt>Sida</dt>
        <dd>
          <Link to={`/overenskommelser/${agreement.slug}`}>/overenskommelser/{agreement.slug}</Link>
        </dd>
        <dt>Version</dt>
        <dd>
          {agreement.version}
          {agreement.lastRevisedOn ? `, senast reviderad ${formatLongDate(agreement.lastRevisedOn)}` : ", inte reviderad"}
        </dd>
        <dt>Revidering</dt>
        <dd>
          {revisionRuleLabels[agreement.revisionRule]}
          {agreement.revisionDue ? (
            <>
              {" "}
              <span className="badge badge--warn">Ska revideras</span>
            </>
          ) : null}
        </dd>
      </dl>
      {agreement.scope === "local" && parties.length < 2 ? (
        <p className="notice" role="status">
          En lokal överenskommelse har minst två parter: kommunen och polisen. Lägg till dem nedan.
        </p>
      ) : null}

      <section aria-labelledby="uppgifter">
        <h2 id="uppgifter">Uppgifter</h2>
        <ActionForm intent="update-agreement" className="stack">
          <AgreementFields cityWide={cityWide} values={agreement} errors={agreementErrors} />
          <div>
            <button type="submit" className="button">
              Spara uppgifterna
            </button>
          </div>
        </ActionForm>
      </section>

      <AgreementRowList
        list="party"
        heading="Parter"
        headingId="parter"
        rows={parties}
        columns={[
          { header: "Organisation", cell: (p) => p.organisation },
          { header: "Benämning", cell: (p) => `”${p.shortName}”` },
          { header: "Diarienummer", cell: (p) => p.diarienummer ?? "–" },
          { header: "Anmärkning", cell: (p) => p.note ?? "–" },
        ]}
        fields={partyFields}
        values={(p) => ({
          organisationId: text(p.organisationId),
          shortName: p.shortName,
          diarienummer: text(p.diarienummer),
          note: text(p.note),
          position: text(p.position),
        })}
        name={(p) => p.shortName}
        empty="Inga parter ännu."
        addLabel="Lägg till part"
      />

      <AgreementRowList
        list="signatory"
        heading="Undertecknare"
        headingId="undertecknare"
        rows={signatories}
        columns={[
          { header: "Namn", cell: (s) => s.name },
          { header: "Befattning", cell: (s) => s.title },
          { header: "Organisation", cell: (s) => s.organisation ?? "–" },
          { header: "Undertecknad", cell: (s) => (s.signedOn ? formatIsoDate(s.signedOn) : "–") },
        ]}
        fields={signatoryFields}
        values={(s) => ({ name: s.name, title: s.title, organisationId: text(s.organisationId), signedOn: text(s.signedOn), position: text(s.position) })}
        name={(s) => s.name}
        empty="Inga undertecknare ännu."
        addLabel="Lägg till undertecknare"
      />

      {agreement.scope === "city_wide" ? (
        <AgreementRowList
          list="priority_area"
          heading="Prioriterade samverkansområden"
          headingId="prioriterade"
          rows={priorityAreas}
          columns={[
            { header: "Ordning", cell: (p) => p.position },
            { header: "Område", cell: (p) => p.name },
          ]}
          fields={[
            { name: "name", label: "Område" },
            { name: "position", label: "Ordning", type: "number", hint: "Lämna tomt för sist." },
          ]}
          values={(p) => ({ name: p.name, position: text(p.position) })}
          name={(p) => p.name}
          empty="Inga prioriterade områden ännu."
          addLabel="Lägg till område"
        />
      ) : (
        <section aria-labelledby="prioriterade">
          <h2 id="prioriterade">Prioriterade samverkansområden</h2>
          <p>En lokal överenskommelse arbetar med den stadsövergripande överenskommelsens områden:</p>
          {inheritedPriorityAreas.length === 0 ? (
            <p>Den stadsövergripande överenskommelsen anger inga ännu.</p>
          ) : (
            <ol>
              {inheritedPriorityAreas.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ol>
          )}
        </section>
      )}

      <AgreementRowList
        list="attachment"
        heading="Bilagor"
        headingId="bilagor"
        rows={attachments}
        columns={[
          { header: "Beteckning", cell: (a) => a.label ?? "–" },
          { header: "Titel", cell: (a) => a.title },
          { header: "Vad", cell: (a) => attachmentKindLabels[a.kind] },
          { header: "Daterad", cell: (a) => (a.datedOn ? formatIsoDate(a.datedOn) : "–") },
        ]}
        fields={attachmentFields}
        values={(a) => ({ label: text(a.label), title: a.title, kind: a.kind, datedOn: text(a.datedOn), position: text(a.position) })}
        name={(a) => a.title}
        empty="Inga bilagor ännu."
        addLabel="Lägg till bilaga"
      >
        <section aria-labelledby="handlingar-rubrik">
          <h3 id="handlingar-rubrik">Handlingar</h3>
          <p>
            Bilagorna som filer och det undertecknade originalet laddas upp och tas bort under{" "}
            <Link to={`/overenskommelser/${agreement.slug}#handlingar`}>Handlingar på överenskommelsens sida</Link>, där alla som ser överenskommelsen hämtar
            dem.
          </p>
        </section>
      </AgreementRowList>

      <AgreementRowList
        list="amendment"
        heading="Ändringar och tillägg"
        headingId="andringar"
        rows={amendments}
        columns={[
          { header: "Vad", cell: (a) => a.title },
          { header: "Daterad", cell: (a) => formatIsoDate(a.datedOn) },
          { header: "Undertecknad", cell: (a) => (a.signedOn ? `${formatIsoDate(a.signedOn)}${a.signedBy ? `, ${a.signedBy}` : ""}` : "Inte undertecknad") },
          { header: "Version", cell: (a) => (a.agreementVersion ? `Version ${a.agreementVersion}` : "–") },
          {
            header: "Handling",
            cell: (a) => <AmendmentDocument slug={agreement.slug} amendment={a} files={amendmentFiles.filter((f) => f.amendmentId === a.id)} />,
          },
        ]}
        fields={amendmentFields}
        values={(a) => ({
          title: a.title,
          datedOn: a.datedOn,
          signedOn: text(a.signedOn),
          signedBy: text(a.signedBy),
          agreementVersion: text(a.agreementVersion),
        })}
        name={(a) => a.title}
        empty="Inga ändringar eller tillägg."
        addLabel="Lägg till ändring eller tillägg"
      />

      <section aria-labelledby="revidering">
        <h2 id="revidering">Revidering</h2>
        <p>
          När parterna har reviderat överenskommelsen: ändra uppgifterna och listorna ovan så att de säger det nya, och revidera den. Det som gällde fram till
          dess sparas som version {agreement.version} och går att läsa på överenskommelsens sida. (Eller revidera först och ändra sedan: versionen sparar det
          som står nu.)
        </p>
        <ConfirmedActionForm
          intent="revise"
          label="Revidera överenskommelsen"
          question="Revidera överenskommelsen?"
          consequence={`Det som står nu sparas som version ${agreement.version}, som inte kan ändras. Överenskommelsen blir version ${agreement.version + 1}.`}
          confirmLabel="Ja, revidera"
          asked={answer?.intent === "revise" && !answer.ok}
        >
          <TextField label="Reviderad den" name="revisedOn" type="date" required error={revisionErrors.revisedOn} />
          <TextAreaField label="Skäl" name="reason" required error={revisionErrors.reason} hint="Till exempel Ny lägesbild och åtgärdsplan 2026." />
        </ConfirmedActionForm>
        <AgreementVersionsList slug={agreement.slug} versions={versions} heading="h3" />
      </section>

      <section aria-labelledby="grupper">
        <h2 id="grupper">Grupper</h2>
        <p>
          <Link to={`/admin/grupper/ny?overenskommelse=${agreement.id}`}>Ny grupp under denna överenskommelse</Link>
        </p>
      </section>
    </div>
  );
}

/** An amendment's signed document: its file(s) as links, and an upload for the administrator. */
function AmendmentDocument({ slug, amendment, files }: { slug: string; amendment: { id: number; title: string }; files: FileView[] }) {
  return (
    <>
      {files.length > 0 ? (
        <ul>
          {files.map((f) => (
            <li key={f.id}>
              <a href={`/filer/${f.id}`}>{f.title ?? f.fileName}</a> ({formatFileSize(f.size)})
            </li>
          ))}
        </ul>
      ) : null}
      <FileUploadForm action={`/overenskommelser/${slug}/handlingar`} owner={`andring-${amendment.id}`} legend={`Undertecknad handling: ${amendment.title}`}>
        <input type="hidden" name="category" value="andring" />
      </FileUploadForm>
    </>
  );
}
