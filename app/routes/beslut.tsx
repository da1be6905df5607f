import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { decisionKinds } from "../../db/domain/enums";
import { SelectField } from "~/components/ui/select-field";
import { TextField } from "~/components/ui/text-field";
import { db, decisionsQueries, groupsQueries } from "~/models/db.server";
import { formatLongDate } from "~/utils/format";
import { decisionKindLabels, paragraphLabel } from "../../db/domain/labels";
import { requireViewer } from "~/utils/session.server";
import { RegisterFilterSchema } from "~/utils/validation";

export const meta: MetaFunction = () => [{ title: "Beslutsregister – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = RegisterFilterSchema.safeParse(params);
  const filter = parsed.success ? parsed.data : null;
  const decisions = decisionsQueries.listDecisionRegister(db(), viewer, {
    groupId: filter?.groupId ?? undefined,
    year: filter?.year ?? undefined,
    kind: filter?.kind ?? undefined,
    text: filter?.q ?? undefined,
  });
  const groups = groupsQueries.listGroupsForViewer(db(), viewer).map((g) => ({ id: g.groupId, name: g.name }));
  return { decisions, groups, filter: { ...params }, invalid: !parsed.success };
}

export default function DecisionRegister() {
  const { decisions, groups, filter, invalid } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Beslutsregister</h1>
      <Form method="get" className="filters" role="search" aria-label="Filtrera beslut">
        <SelectField label="Grupp" name="groupId" defaultValue={filter.groupId ?? ""}>
          <option value="">Alla mina grupper</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </SelectField>
        <TextField label="År" name="year" inputMode="numeric" defaultValue={filter.year ?? ""} />
        <SelectField label="Beslutstyp" name="kind" defaultValue={filter.kind ?? ""}>
          <option value="">Alla typer</option>
          {decisionKinds.map((k) => (
            <option key={k} value={k}>
              {decisionKindLabels[k]}
            </option>
          ))}
        </SelectField>
        <TextField label="Sök i beslutstext" name="q" type="search" defaultValue={filter.q ?? ""} />
        <div>
          <button type="submit" className="button">
            Filtrera
          </button>
        </div>
      </Form>
      {invalid ? <p className="notice notice--error">Filtret var ogiltigt och har ignorerats.</p> : null}
      <p role="status">{decisions.length === 1 ? "1 beslut" : `${decisions.length} beslut`}</p>
      <ul className="register">
        {decisions.map((d) => (
          <li key={d.id} className="card" data-paragraph={paragraphLabel(d.number, d.year)}>
            <h2 className="card__title">
              {paragraphLabel(d.number, d.year)} {d.title}
            </h2>
            <p className="muted">
              {d.groupName} · {decisionKindLabels[d.kind]} · {formatLongDate(d.adoptedAt)}
            </p>
            <p className="register__text">{d.text}</p>
            <p>
              <Link to={`/moten/${d.meetingId}`}>Mötet: {d.meetingTitle}</Link> · <a href={`/moten/${d.meetingId}/protokoll.pdf`}>Protokoll</a> ·{" "}
              <a href={`/moten/${d.meetingId}/protokoll.pdf?paragraf=${d.id}`}>Protokollsutdrag</a>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
