/**
 * Shown on every page of a database seeded with demo data: the agreements are real, but the
 * people, meetings and decisions are invented, and nothing seen here may be taken for a
 * real record. A named region (not a live alert): it is read once in the page's landmarks
 * instead of being announced on every navigation.
 */
export function DemoBanner() {
  return (
    <section className="demo-banner" aria-label="Demodata">
      <p>
        <strong>Demodata – fiktiva personer och händelser.</strong> Överenskommelserna är verkliga; personer, möten, beslut och uppdrag är påhittade.
      </p>
    </section>
  );
}
