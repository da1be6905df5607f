import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Tillgänglighetsredogörelse – Samverkan" }];

/** The accessibility statement required by lagen (2018:1937) om tillgänglighet till digital offentlig service. */
export default function AccessibilityStatement() {
  return (
    <div className="page">
      <h1>Tillgänglighetsredogörelse</h1>
      <p>
        Stockholms stad och Polisregion Stockholm står bakom Samverkan, tjänsten för den lokala samverkan mellan stadsdelsförvaltningar och lokalpolisområden.
        Vi vill att så många som möjligt ska kunna använda tjänsten. Den här redogörelsen beskriver hur Samverkan uppfyller lagen (2018:1937) om tillgänglighet
        till digital offentlig service, kända tillgänglighetsproblem och hur du kan rapportera brister till oss så att vi kan åtgärda dem.
      </p>

      <h2>Hur tillgänglig är tjänsten?</h2>
      <p>
        Vi bedömer att Samverkan är förenlig med lagen. Tjänsten är byggd för att uppfylla nivå AA i WCAG 2.1: den kan användas med enbart tangentbord, fungerar
        med skärmläsare, har tillräcklig kontrast och förstoras utan att innehåll går förlorat.
      </p>

      <h2>Vad kan du göra om du inte kan använda delar av tjänsten?</h2>
      <p>
        Om du behöver innehåll i ett annat format, till exempel ett protokoll som du inte kan läsa, kontakta den som är sekreterare i din samverkansgrupp eller
        tjänstens förvaltare på <a href="mailto:samverkan@example.se">samverkan@example.se</a>.
      </p>

      <h2>Rapportera brister i tjänstens tillgänglighet</h2>
      <p>
        Vi strävar hela tiden efter att förbättra tillgängligheten. Om du upptäcker problem som inte beskrivs här, eller om du anser att vi inte uppfyller
        lagens krav, meddela oss på <a href="mailto:samverkan@example.se">samverkan@example.se</a> så att vi får veta att problemet finns.
      </p>

      <h2>Tillsyn</h2>
      <p>
        Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med
        hur vi hanterar dina synpunkter kan du <a href="https://www.digg.se/anmal-bristande-tillganglighet">kontakta Digg och påtala det</a>.
      </p>

      <h2>Teknisk information om tjänstens tillgänglighet</h2>
      <p>Samverkan är helt förenlig med lagen om tillgänglighet till digital offentlig service.</p>

      <h2>Hur vi testat tjänsten</h2>
      <p>
        Varje version av tjänsten testas automatiskt med verktyget axe-core mot WCAG 2.1 nivå A och AA på inloggningssidan, startsidan, gruppsidor,
        överenskommelser och administrationen, och navigering med tangentbord provas i webbläsaren. Redogörelsen uppdaterades senast den 23 november 2026.
      </p>
    </div>
  );
}
