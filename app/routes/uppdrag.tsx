import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { refusalFrom } from "~/models/domain-errors.server";
import { actionItemsQueries, db } from "~/models/db.server";
import { formatIsoDate } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { actionItemStatusLabels } from "../../db/domain/labels";
import { requireViewer } from "~/utils/session.server";
import { ActionItemStatusSchema } from "~/utils/validation";
import { DataTable } from "~/components/ui/data-table";
import { ParagraphLink } from "~/components/ui/paragraph-link";
import { OverdueBadge } from "~/components/ui/overdue-badge";
import { ActionStatusFields } from "~/components/ui/action-status-fields";

export const meta: MetaFunction = () => [{ title: "Mina uppdrag – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  return actionItemsQueries.listMyActionItems(db(), viewer);
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const parsed = parseForm(ActionItemStatusSchema, await request.formData());
  if (!parsed.ok) return { error: Object.values(parsed.fieldErrors)[0] };
  try {
    actionItemsQueries.setActionItemStatus(db(), viewer, parsed.data.actionItemId, parsed.data.status);
    return { error: null };
  } catch (error) {
    const { fieldErrors, status } = refusalFrom(error);
    return data({ error: Object.values(fieldErrors)[0] }, { status });
  }
}

/** A 404 means the uppdrag is gone from this person's view (e.g. they left its group): reload the list too. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 404 || defaultShouldRevalidate;

type Item = ReturnType<typeof actionItemsQueries.listMyActionItems>["assignedToMe"][number];

function ItemTable({ items, caption, mine }: { items: Item[]; caption: string; mine: boolean }) {
  if (items.length === 0) return <p>Inga uppdrag.</p>;
  return (
    <DataTable label={caption}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Uppdrag</th>
          <th scope="col">{mine ? "Från" : "Ansvarig"}</th>
          <th scope="col">Klart senast</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id} data-action-item={item.title}>
            <td>
              {item.title}
              <div className="muted">
                {item.groupName}
                {item.assigneeGroupName ? ` till ${item.assigneeGroupName}` : ""}
                {item.meetingId && item.mayOpenMeeting ? (
                  <>
                    , <Link to={`/moten/${item.meetingId}`}>{item.meetingTitle}</Link>
                    {item.paragraphNumber !== null ? (
                      <>
                        , <ParagraphLink item={item} />
                      </>
                    ) : null}
                  </>
                ) : null}
              </div>
            </td>
            <td>{mine ? item.groupName : item.ownerName}</td>
            <td>
              <span className="nowrap">{item.dueOn ? formatIsoDate(item.dueOn) : "–"}</span>
              <OverdueBadge overdue={item.overdue} />
            </td>
            <td>
              {mine ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="actionItemId" value={item.id} />
                  <ActionStatusFields id={item.id} title={item.title} status={item.status} idPrefix="status" />
                </Form>
              ) : (
                actionItemStatusLabels[item.status]
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

export default function MyActionItems() {
  const { assignedToMe, writtenByMe } = useLoaderData<typeof loader>();
  // The action answers { error } (with a 404 status when the uppdrag is not the viewer's to see).
  const result = useActionData() as { error: string | null } | undefined;
  return (
    <div className="page">
      <h1>Mina uppdrag</h1>
      {result?.error ? (
        <p className="notice notice--error" role="alert">
          {result.error}
        </p>
      ) : null}
      <h2>Uppdrag till mig</h2>
      <ItemTable items={assignedToMe} caption="Uppdrag till mig" mine />
      <h2>Uppdrag jag har gett andra</h2>
      <ItemTable items={writtenByMe} caption="Uppdrag jag har gett andra" mine={false} />
    </div>
  );
}
