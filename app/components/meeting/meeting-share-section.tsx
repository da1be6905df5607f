import { formatLongDate } from "~/utils/format";
import { ActionForm } from "./action-form";
import { ConfirmedActionForm } from "./confirmed-action-form";

interface Props {
  /** The beredningsgrupper of the styrgrupp, each with when the meeting was shared with it (null: not shared now). */
  shares: { groupId: number; groupName: string; sharedAt: string | null }[];
  /** The server asked to confirm a share (a post without JavaScript). */
  asked: boolean;
  error?: string;
}

/**
 * "Dela med beredningsgruppen", for the styrgrupp's ordförande and sekreterare. The beredningsgrupp sees
 * the styrgrupp's decisions anyway; a share lets its members also read this meeting (kallelse,
 * handlingar, texts, protocol), never change it. Sharing is asked first; ending a share is not (it only
 * takes reading away again).
 */
export function MeetingShareSection({ shares, asked, error }: Props) {
  if (shares.length === 0) return null;
  return (
    <section aria-labelledby="delning" className="stack">
      <h2 id="delning" tabIndex={-1}>
        Delning med beredningsgruppen
      </h2>
      {shares.map((share) =>
        share.sharedAt ? (
          <div key={share.groupId} className="stack" data-meeting-shared-with={share.groupName}>
            <p>
              Mötet är delat med {share.groupName} sedan {formatLongDate(share.sharedAt)}. Dess medlemmar kan läsa mötet, handlingarna och protokollet men inte
              ändra något.
            </p>
            <ActionForm intent="revoke-share" fields={{ groupId: share.groupId }}>
              <button type="submit" className="button button--secondary">
                Sluta dela med {share.groupName}
              </button>
            </ActionForm>
          </div>
        ) : (
          <div key={share.groupId} className="stack">
            <p className="muted">{share.groupName} ser styrgruppens beslut men inte mötets övriga texter. Delar du mötet kan gruppens medlemmar läsa det.</p>
            <ConfirmedActionForm
              intent="share-meeting"
              fields={{ groupId: share.groupId }}
              label="Dela med beredningsgruppen"
              question={`Dela mötet med ${share.groupName}?`}
              consequence={`Medlemmarna i ${share.groupName} får läsa mötet: kallelsen, handlingarna, anteckningarna och protokollet. De kan inte ändra något och blir inte medlemmar i styrgruppen. Du kan sluta dela när som helst.`}
              confirmLabel="Ja, dela mötet"
              asked={asked}
            />
          </div>
        ),
      )}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
