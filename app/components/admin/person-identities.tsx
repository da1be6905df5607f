import { Form } from "@remix-run/react";
import { DataTable } from "~/components/ui/data-table";
import { formatIsoDate } from "~/utils/format";

export interface LinkedIdentity {
  id: number;
  providerName: string;
  createdAt: string;
  lastLoginAt: string | null;
}

/**
 * The person's accounts at identity providers, linked at their first login there. Removing a link
 * lets the next login through that provider map by verified e-mail again (a new account at the
 * provider; decision 36 in the README).
 */
export function PersonIdentities({ identities }: { identities: LinkedIdentity[] }) {
  return (
    <>
      <h2 id="inloggningstjanster">Inloggningstjänster</h2>
      {identities.length === 0 ? (
        <p>Personen har inte loggat in via någon inloggningstjänst.</p>
      ) : (
        <DataTable labelledBy="inloggningstjanster">
          <thead>
            <tr>
              <th scope="col">Inloggningstjänst</th>
              <th scope="col">Kopplad</th>
              <th scope="col">Senast inloggad</th>
              <th scope="col">
                <span className="visually-hidden">Åtgärd</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {identities.map((identity) => (
              <tr key={identity.id}>
                <td>{identity.providerName}</td>
                <td>{formatIsoDate(identity.createdAt)}</td>
                <td>{identity.lastLoginAt ? formatIsoDate(identity.lastLoginAt) : "–"}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="unlink-identity" />
                    <input type="hidden" name="identityId" value={identity.id} />
                    <button type="submit" className="button button--secondary">
                      Ta bort kopplingen<span className="visually-hidden"> till {identity.providerName}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </>
  );
}
