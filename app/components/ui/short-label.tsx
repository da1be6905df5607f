/**
 * A label (of a field, or a disclosure's summary) that is short on screen, where its place already says what
 * it belongs to (a person's row, an ärende's box), and whole for those who hear it: "Kom" reads "Kom, Sara
 * Lindqvist". The visible words come first, so the accessible name contains them (WCAG 2.5.3).
 */
export function ShortLabel({ shown, hidden }: { shown: string; hidden: string }) {
  return (
    <>
      {shown}
      <span className="visually-hidden">{hidden}</span>
    </>
  );
}
