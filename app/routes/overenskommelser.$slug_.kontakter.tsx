import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ContactTable } from "~/components/contacts/contact-table";
import { Breadcrumbs } from "~/components/ui/breadcrumbs";
import { contactsQueries, db } from "~/models/db.server";
import { groupKindLabels } from "../../db/domain/labels";
import { notFound, requireParam } from "~/utils/http.server";
import { requireViewer } from "~/utils/session.server";
import { SlugSchema } from "~/utils/validation";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Kontaktuppgifter – ${data.agreement.title} – Samverkan` : "Kontaktuppgifter – Samverkan" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const page = contactsQueries.getContacts(db(), viewer, requireParam(SlugSchema, params.slug));
  if (!page) throw notFound();
  return page;
}

export default function ContactsPage() {
  const { agreement, groups } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <Breadcrumbs
        trail={[
          { to: "/", label: "Mina grupper" },
          { to: `/overenskommelser/${agreement.slug}`, label: agreement.title },
        ]}
        current="Kontaktuppgifter"
      />
      <h1>Kontaktuppgifter</h1>
      <p className="lead">
        Vem som är kontakt i varje organisation, per grupp och funktion, som medlemskapen ser ut just nu. Ditt eget telefonnummer anger du under{" "}
        <Link to="/mitt-konto#telefon">Mitt konto</Link>.
      </p>
      <p>
        <a href={`/overenskommelser/${agreement.slug}/kontakter.vcf`} download>
          Ladda ner alla som kontaktkort (vCard)
        </a>
      </p>
      {groups.length === 0 ? <p>Överenskommelsen har inga aktiva grupper.</p> : null}
      {groups.map((group) => (
        <section key={group.id} aria-labelledby={`grupp-${group.id}`}>
          <h2 id={`grupp-${group.id}`}>
            {group.name} <span className="muted">({groupKindLabels[group.kind].toLowerCase()})</span>
          </h2>
          {group.parties.length === 0 ? <p>Gruppen har inga medlemmar.</p> : null}
          {group.parties.map(({ party, contacts }) => (
            <ContactTable
              key={party ?? ""}
              id={`grupp-${group.id}-${party ?? "okand"}`.replace(/\W+/g, "-")}
              party={party ?? "Part okänd"}
              groupName={group.name}
              contacts={contacts}
            />
          ))}
        </section>
      ))}
    </div>
  );
}
