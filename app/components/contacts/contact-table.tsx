import { DataTable } from "~/components/ui/data-table";
import { roleLabels } from "../../../db/domain/labels";
import { telHref } from "../../../db/domain/phone";
import type { MemberRole } from "../../../db/domain/enums";

export interface ContactRow {
  personId: number;
  name: string;
  title: string | null;
  email: string;
  phone: string | null;
  organisation: string | null;
  role: MemberRole;
  functionName: string | null;
}

/** One party's people in one group: function and role, name and title, organisation, e-mail and phone as links. */
export function ContactTable({ id, party, groupName, contacts }: { id: string; party: string; groupName: string; contacts: ContactRow[] }) {
  return (
    <DataTable labelledBy={id}>
      <caption id={id}>
        {party}
        <span className="visually-hidden"> i {groupName}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">Funktion och roll</th>
          <th scope="col">Namn</th>
          <th scope="col">Organisation</th>
          <th scope="col">E-post</th>
          <th scope="col">Telefon</th>
        </tr>
      </thead>
      <tbody>
        {contacts.map((c) => (
          <tr key={c.personId}>
            <td>
              {c.functionName ?? <span className="muted">Ingen funktion angiven</span>}
              <div className="muted">{roleLabels[c.role]}</div>
            </td>
            <th scope="row">
              {c.name}
              {c.title ? <div className="muted">{c.title}</div> : null}
            </th>
            <td>{c.organisation ?? "–"}</td>
            <td>
              <a href={`mailto:${c.email}`}>{c.email}</a>
            </td>
            <td className="nowrap">{c.phone ? <a href={telHref(c.phone)}>{c.phone}</a> : <span className="muted">Saknas</span>}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
