import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { fieldErrorsFrom } from "~/models/domain-errors.server";
import { db, notificationsQueries } from "~/models/db.server";
import { requireViewer } from "~/utils/session.server";
import { choosableNotificationKinds, notificationChannels, type NotificationChannel, type NotificationKind } from "../../db/domain/enums";
import { notificationChannelLabels, notificationKindLabels } from "../../db/domain/labels";

export const meta: MetaFunction = () => [{ title: "Inställningar för notiser – Samverkan" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  return { preferences: notificationsQueries.myNotificationPreferences(db(), viewer) };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const form = await request.formData();
  const choices: Partial<Record<NotificationKind, NotificationChannel>> = {};
  for (const kind of choosableNotificationKinds) {
    const value = form.get(kind);
    if (typeof value === "string" && (notificationChannels as readonly string[]).includes(value)) choices[kind] = value as NotificationChannel;
  }
  try {
    notificationsQueries.setNotificationPreferences(db(), viewer, choices);
    return { message: "Dina val är sparade.", fieldErrors: {} };
  } catch (error) {
    return { message: null, fieldErrors: fieldErrorsFrom(error) };
  }
}

/** Per kind: e-mail (and in the app), in the app only, or off; the kallelse cannot be turned off. */
export default function NoticeSettings() {
  const { preferences } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = answer?.fieldErrors ?? {};
  return (
    <div className="page">
      <Breadcrumbs trail={[{ to: "/notiser", label: "Notiser" }]} current="Inställningar" />
      <h1>Inställningar för notiser</h1>
      <p className="lead">
        Välj för varje slag av notis om du vill få den som e-post, bara se den under Notiser, eller inte alls. Kallelser kan inte stängas av.
      </p>
      <Form method="post" className="stack">
        {preferences.map(({ kind, channel, mayTurnOff }) => (
          <fieldset key={kind} aria-describedby={errors[kind] ? `${kind}-fel` : undefined}>
            <legend>{notificationKindLabels[kind]}</legend>
            {notificationChannels
              .filter((option) => mayTurnOff || option !== "off")
              .map((option) => (
                <label key={option} className="radio">
                  <input type="radio" name={kind} value={option} defaultChecked={channel === option} /> {notificationChannelLabels[option]}
                </label>
              ))}
            {errors[kind] ? (
              <p id={`${kind}-fel`} className="field-error">
                {errors[kind]}
              </p>
            ) : null}
          </fieldset>
        ))}
        <div>
          <button type="submit" className="button">
            Spara
          </button>
        </div>
        <p role="status">{answer?.message ?? ""}</p>
      </Form>
    </div>
  );
}
