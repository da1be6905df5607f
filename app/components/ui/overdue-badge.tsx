/** "Försenat" next to an uppdrag's due date once the day has passed and it is neither done nor cancelled. */
export function OverdueBadge({ overdue }: { overdue: boolean }) {
  return overdue ? (
    <>
      {" "}
      <span className="badge badge--danger" data-overdue="">
        Försenat
      </span>
    </>
  ) : null;
}
