/**
 * The demo data set, declared as plain data and inserted by `seedDemoData`
 * in ./demo.ts. Rows refer to each other by name (organisation name,
 * agreement slug, function name, person e-mail) so the data reads like the
 * documents it comes from; the seeder resolves the names to ids and fails
 * loudly on a misspelt reference.
 *
 * Organisations, agreements, priority areas and the groups' required
 * functions are taken verbatim from the documents in
 * shared/domain/seed-documents. People, memberships and meetings are
 * fictional (names are invented, e-mails use example.se).
 */
import type { AgreementScope, AttachmentKind, GroupKind, GroupLevel, GroupPermanence, MemberRole, OrganisationKind, RevisionRule } from "../domain/enums";

// ---------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------

export interface OrganisationSeed {
  name: string;
  kind: OrganisationKind;
  orgNr: string | null;
  postalAddress: string | null;
  /** Name of the parent organisation; it must be listed earlier. */
  parent?: string;
}

// Every unit of the city shares the city's org.nr and every unit of the
// police the Police Authority's, exactly as the agreements state them.
const CITY_ORG_NR = "212000-0142";
const POLICE_ORG_NR = "202100-0076";

export const organisationSeeds: OrganisationSeed[] = [
  { name: "Stockholms stad", kind: "kommun", orgNr: CITY_ORG_NR, postalAddress: null },
  { name: "Polisregion Stockholm", kind: "polisregion", orgNr: POLICE_ORG_NR, postalAddress: null },
  { name: "Polisområde Stockholm syd", kind: "polisomrade", orgNr: POLICE_ORG_NR, postalAddress: null, parent: "Polisregion Stockholm" },
  { name: "Polisområde Stockholm City", kind: "polisomrade", orgNr: POLICE_ORG_NR, postalAddress: null, parent: "Polisregion Stockholm" },
  { name: "Polisområde Stockholm Nord", kind: "polisomrade", orgNr: POLICE_ORG_NR, postalAddress: null, parent: "Polisregion Stockholm" },
  { name: "Stadsledningskontoret", kind: "fackforvaltning", orgNr: CITY_ORG_NR, postalAddress: null, parent: "Stockholms stad" },
  // Östermalm's agreement names the Grundskoleavdelningen of this department
  // as party, with this address; the department is one organisation here and
  // the agreement party row carries "Grundskoleavdelningen".
  {
    name: "Utbildningsförvaltningen",
    kind: "fackforvaltning",
    orgNr: CITY_ORG_NR,
    postalAddress: "Hantverkargatan 2F, Box 22049, 104 22 Stockholm",
    parent: "Stockholms stad",
  },
  { name: "Trafikkontoret", kind: "fackforvaltning", orgNr: CITY_ORG_NR, postalAddress: null, parent: "Stockholms stad" },
  {
    name: "Skärholmens stadsdelsförvaltning",
    kind: "stadsdelsforvaltning",
    orgNr: CITY_ORG_NR,
    postalAddress: "Box 503, 127 26 Skärholmen",
    parent: "Stockholms stad",
  },
  {
    name: "Lokalpolisområde Skärholmen",
    kind: "lokalpolisomrade",
    orgNr: POLICE_ORG_NR,
    postalAddress: "Polismyndigheten, Polisen Skärholmen, 106 75 Stockholm",
    parent: "Polisområde Stockholm syd",
  },
  {
    name: "Östermalms stadsdelsförvaltning",
    kind: "stadsdelsforvaltning",
    orgNr: CITY_ORG_NR,
    postalAddress: "Box 24 156, 104 51 Stockholm",
    parent: "Stockholms stad",
  },
  {
    name: "Lokalpolisområde Norrmalm",
    kind: "lokalpolisomrade",
    orgNr: POLICE_ORG_NR,
    postalAddress: "106 75 Stockholm",
    parent: "Polisområde Stockholm City",
  },
  {
    name: "Hässelby-Vällingby stadsdelsförvaltning",
    kind: "stadsdelsforvaltning",
    orgNr: CITY_ORG_NR,
    postalAddress: "Box 3424, 165 23 Hässelby",
    parent: "Stockholms stad",
  },
  {
    name: "Lokalpolisområde Vällingby",
    kind: "lokalpolisomrade",
    orgNr: POLICE_ORG_NR,
    postalAddress: "Pajalagatan 46, 162 65 Vällingby",
    parent: "Polisområde Stockholm Nord",
  },
];

// ---------------------------------------------------------------------------
// Agreements
// ---------------------------------------------------------------------------

export interface PartySeed {
  organisation: string;
  shortName: string;
  diarienummer: string | null;
  note: string | null;
}

export interface AttachmentSeed {
  /** "1", "3a-c", or null when the agreement lists its attachments as bullets. */
  label: string | null;
  title: string;
  kind: AttachmentKind;
}

export interface SignatorySeed {
  name: string;
  title: string;
  organisation: string;
}

export interface AgreementSeed {
  slug: string;
  title: string;
  scope: AgreementScope;
  area: string | null;
  /** Slug of the agreement this one derives from; it must be listed earlier. */
  parent?: string;
  startsOn: string;
  /** null: "tills vidare". */
  endsOn: string | null;
  revisionRule: RevisionRule;
  revisionText: string;
  copies: number | null;
  parties: PartySeed[];
  attachments: AttachmentSeed[];
  signatories: SignatorySeed[];
  priorityAreas: string[];
}

export const CITY_WIDE_SLUG = "stadsovergripande";

export const agreementSeeds: AgreementSeed[] = [
  {
    slug: CITY_WIDE_SLUG,
    title: "Stadsövergripande samverkansöverenskommelse",
    scope: "city_wide",
    area: null,
    startsOn: "2024-01-01",
    endsOn: null,
    revisionRule: "when_needed",
    revisionText: "Dokumentet kan uppdateras genom beslut av den stadsövergripande styrgruppen.",
    // The document does not say how many copies were signed.
    copies: null,
    // The document names no short forms; its text speaks of "staden" and "polisen".
    parties: [
      { organisation: "Stockholms stad", shortName: "Staden", diarienummer: null, note: null },
      { organisation: "Polisregion Stockholm", shortName: "Polisen", diarienummer: null, note: null },
    ],
    // Its only attachment, the priority areas, is modelled as priorityAreas below.
    attachments: [],
    // The signature lines carry no date.
    signatories: [
      { name: "Karin Wanngård", title: "Finansborgarråd Stockholms stad", organisation: "Stockholms stad" },
      { name: "Mattias Andersson", title: "TF Regionpolischef Stockholm", organisation: "Polisregion Stockholm" },
    ],
    priorityAreas: [
      "Unga i risk för kriminalitet",
      "Avhopparverksamhet för kriminella",
      "Arbetet mot våldsbejakande extremism",
      "Särskilt utsatta och sårbara brottsoffer",
      "Otillåten påverkan",
      "Riktat arbete mot avgränsade platser och utsatta områden",
    ],
  },
  {
    slug: "skarholmen",
    title: "Lokal samverkansöverenskommelse Skärholmen",
    scope: "local",
    area: "Skärholmen",
    parent: CITY_WIDE_SLUG,
    startsOn: "2024-12-05",
    endsOn: null,
    revisionRule: "when_needed",
    revisionText:
      "Överenskommelsen ska revideras vid behov efter samråd mellan Parterna och under förutsättning att den övergripande samverkansöverenskommelsen är giltig.",
    copies: 4,
    // The document states no diarienummer for Skärholmen; none is invented.
    parties: [
      {
        organisation: "Skärholmens stadsdelsförvaltning",
        shortName: "Kommunen",
        diarienummer: null,
        note: "samt Utbildningsförvaltningen och Trafikkontoret (Stockholms stad)",
      },
      { organisation: "Lokalpolisområde Skärholmen", shortName: "Polisen", diarienummer: null, note: "Polisområde Stockholm syd" },
    ],
    // A bulleted list in the document (the running text calls the first two
    // "bilaga 1" and "bilaga 2", matching this order).
    attachments: [
      { label: null, title: "Övergripande samverkansöverenskommelse", kind: "overgripande_overenskommelse" },
      { label: null, title: "Gemensam lokal lägesbild", kind: "lagesbild" },
      { label: null, title: "Åtgärdsplan inklusive hur uppföljning av åtgärder ska ske", kind: "atgardsplan" },
      { label: null, title: "Kommunikationsplan", kind: "kommunikationsplan" },
      { label: null, title: "Kontaktuppgifter", kind: "kontaktuppgifter" },
    ],
    // The document has no signature block.
    signatories: [],
    priorityAreas: [],
  },
  {
    slug: "ostermalm",
    title: "Lokal samverkansöverenskommelse Östermalm",
    scope: "local",
    area: "Östermalm",
    // Made before the city-wide agreement in force (2024-01-01), under an earlier one that
    // is not among the documents. It holds while a city-wide agreement is valid; the link
    // is to the one in force, and the agreement page says it is due for revision under it.
    parent: CITY_WIDE_SLUG,
    startsOn: "2021-02-11",
    endsOn: null,
    revisionRule: "yearly",
    revisionText:
      "Överenskommelsen ska revideras en gång per år efter samråd mellan Parterna och under förutsättning att den övergripande samverkansöverenskommelsen är giltig.",
    copies: 3,
    parties: [
      { organisation: "Östermalms stadsdelsförvaltning", shortName: "Kommunen", diarienummer: "ÖST 2021/66", note: null },
      {
        organisation: "Utbildningsförvaltningen",
        shortName: "Grundskoleavdelningen",
        // The document prints "1.7 .1-556/2021"; the stray space is a typing
        // slip in a case number, removed so the number can be searched for.
        diarienummer: "1.7.1-556/2021",
        note: "Grundskoleavdelningen",
      },
      {
        organisation: "Lokalpolisområde Norrmalm",
        shortName: "Polisen",
        diarienummer: "A049.962/2021",
        note: "region Stockholm, polisområde Stockholm City",
      },
    ],
    attachments: [
      // The document misspells "lokalpolsområde"; corrected here.
      {
        label: "1",
        title: "Gemensam lokal lägesbild, Östermalms stadsdelsförvaltning och lokalpolisområde Norrmalm",
        kind: "lagesbild",
      },
      { label: "2", title: "Samverkansstruktur", kind: "samverkansstruktur" },
      { label: "3a-c", title: "Åtgärdsplan", kind: "atgardsplan" },
      { label: "4", title: "Kommunikationsplan", kind: "kommunikationsplan" },
      { label: "5", title: "Övergripande samverkansöverenskommelse", kind: "overgripande_overenskommelse" },
    ],
    // The document has no signature block.
    signatories: [],
    priorityAreas: [],
  },
  {
    slug: "hasselby-vallingby",
    title: "Lokal samverkansöverenskommelse Hässelby-Vällingby",
    scope: "local",
    area: "Hässelby-Vällingby",
    // Made before the city-wide agreement in force (2024-01-01), under an earlier one that
    // is not among the documents. It holds while a city-wide agreement is valid; the link
    // is to the one in force, and the agreement page says it is due for revision under it.
    parent: CITY_WIDE_SLUG,
    startsOn: "2020-02-24",
    endsOn: null,
    revisionRule: "yearly",
    revisionText:
      "Överenskommelsen ska revideras en gång per år efter samråd mellan Parterna och under förutsättning att den övergripande samverkansöverenskommelsen är giltig.",
    copies: 2,
    parties: [
      // The document writes the short name in lower case ("kommunen"); it is
      // capitalised like the other agreements' short names.
      { organisation: "Hässelby-Vällingby stadsdelsförvaltning", shortName: "Kommunen", diarienummer: null, note: null },
      { organisation: "Lokalpolisområde Vällingby", shortName: "Polisen", diarienummer: null, note: "region Stockholm, Polisområde Nord" },
    ],
    // Bulleted, in the document's order (its running text calls the city-wide
    // agreement "bilaga 1" although the list puts it last).
    attachments: [
      { label: null, title: "Gemensam lokal lägesbild", kind: "lagesbild" },
      { label: null, title: "Åtgärdsplan inklusive lokala arbetsgrupper", kind: "atgardsplan" },
      { label: null, title: "Uppföljningsplan", kind: "uppfoljningsplan" },
      { label: null, title: "Kommunikationsplan", kind: "kommunikationsplan" },
      { label: null, title: "Kontaktuppgifter", kind: "kontaktuppgifter" },
      { label: null, title: "Övergripande samverkansöverenskommelse", kind: "overgripande_overenskommelse" },
    ],
    // "Stockholm den" is left blank in the document, so signedOn stays null.
    signatories: [
      {
        name: "Denise Melin",
        title: "Stadsdelsdirektör, Hässelby-Vällingby stadsdelsförvaltning",
        organisation: "Hässelby-Vällingby stadsdelsförvaltning",
      },
      { name: "Catrine Kimerius Wikström", title: "Lokalpolisområdeschef Vällingby", organisation: "Lokalpolisområde Vällingby" },
    ],
    priorityAreas: [],
  },
];

// ---------------------------------------------------------------------------
// Functions (befattningar): one catalogue row each, shared by all groups
// ---------------------------------------------------------------------------

export const functionNames = [
  // City-wide groups
  "Biträdande stadsdirektör",
  "Kanslichef regionkansliet",
  "Förvaltningschef",
  "Polisområdeschef Stockholm Syd",
  "Polisområdeschef Stockholm City",
  "Polisområdeschef Stockholm Nord",
  "Medarbetare stadsledningskontoret",
  "Brottsförebyggande samordnare polisen",
  // Local steering groups
  "Stadsdelsdirektör",
  "Lokalpolisområdeschef",
  "Biträdande lokalpolisområdeschef",
  "Grundskolechef utbildningsförvaltningen",
  "Chef med mandat från utbildningsförvaltningen",
  "Chef med mandat från fackförvaltning eller bolag",
  // Local preparatory groups
  "Kommunpolis",
  "Representant med mandat från stadsdelsförvaltningen",
  "Representant med mandat från relevanta förvaltningar och bolag",
  "Representant med mandat från utbildningsförvaltningen",
  "Trygghets- och säkerhetssamordnare",
  "Preventionssamordnare",
  "Grundskolesamordnare utbildningsförvaltningen",
  // Local working groups
  "Representant stadsdelsförvaltningen",
  "Representant lokalpolisområdet",
  "Representant skolan",
] as const;

export type FunctionName = (typeof functionNames)[number];

// ---------------------------------------------------------------------------
// People (fictional)
// ---------------------------------------------------------------------------

export interface PersonSeed {
  email: string;
  name: string;
  title: string;
  organisation: string;
  isAdmin?: boolean;
}

export const personSeeds: PersonSeed[] = [
  // The logins the startup banner advertises (see demoLogins).
  { email: "admin@example.se", name: "Maja Forsberg", title: "Systemförvaltare", organisation: "Stadsledningskontoret", isAdmin: true },
  { email: "sdd.skarholmen@example.se", name: "Sara Lindqvist", title: "Stadsdelsdirektör", organisation: "Skärholmens stadsdelsförvaltning" },
  { email: "lpo.skarholmen@example.se", name: "Johan Bergström", title: "Lokalpolisområdeschef", organisation: "Lokalpolisområde Skärholmen" },
  { email: "kommunpolis.ostermalm@example.se", name: "Nils Ekström", title: "Kommunpolis", organisation: "Lokalpolisområde Norrmalm" },
  { email: "samordnare.stad@example.se", name: "Sofia Ahlgren", title: "Samordnare", organisation: "Stadsledningskontoret" },

  // City-wide
  { email: "helena.sjoberg@example.se", name: "Helena Sjöberg", title: "Biträdande stadsdirektör", organisation: "Stadsledningskontoret" },
  { email: "peter.holm@example.se", name: "Peter Holm", title: "Kanslichef, regionkansliet", organisation: "Polisregion Stockholm" },
  { email: "anders.nyberg@example.se", name: "Anders Nyberg", title: "Polisområdeschef", organisation: "Polisområde Stockholm syd" },
  { email: "eva.lundgren@example.se", name: "Eva Lundgren", title: "Polisområdeschef", organisation: "Polisområde Stockholm City" },
  { email: "mikael.dahl@example.se", name: "Mikael Dahl", title: "Polisområdeschef", organisation: "Polisområde Stockholm Nord" },
  { email: "lena.aberg@example.se", name: "Lena Åberg", title: "Förvaltningschef", organisation: "Utbildningsförvaltningen" },
  { email: "ingrid.falk@example.se", name: "Ingrid Falk", title: "Strateg, trygghet och säkerhet", organisation: "Stadsledningskontoret" },
  { email: "erik.sandberg@example.se", name: "Erik Sandberg", title: "Utredare", organisation: "Stadsledningskontoret" },
  { email: "oskar.blom@example.se", name: "Oskar Blom", title: "Brottsförebyggande samordnare", organisation: "Polisregion Stockholm" },

  // Skärholmen
  { email: "linnea.holmberg@example.se", name: "Linnea Holmberg", title: "Trygghetssamordnare", organisation: "Skärholmens stadsdelsförvaltning" },
  { email: "daniel.lund@example.se", name: "Daniel Lund", title: "Preventionssamordnare", organisation: "Skärholmens stadsdelsförvaltning" },
  { email: "ahmed.yusuf@example.se", name: "Ahmed Yusuf", title: "Kommunpolis", organisation: "Lokalpolisområde Skärholmen" },
  { email: "karl.ljung@example.se", name: "Karl Ljung", title: "Biträdande lokalpolisområdeschef", organisation: "Lokalpolisområde Skärholmen" },
  { email: "patrik.sjodin@example.se", name: "Patrik Sjödin", title: "Enhetschef, trafiksäkerhet", organisation: "Trafikkontoret" },

  // Östermalm
  { email: "cecilia.wahlberg@example.se", name: "Cecilia Wahlberg", title: "Stadsdelsdirektör", organisation: "Östermalms stadsdelsförvaltning" },
  { email: "henrik.lindstrom@example.se", name: "Henrik Lindström", title: "Lokalpolisområdeschef", organisation: "Lokalpolisområde Norrmalm" },
  { email: "annika.berglund@example.se", name: "Annika Berglund", title: "Grundskolechef", organisation: "Utbildningsförvaltningen" },
  { email: "tove.hedlund@example.se", name: "Tove Hedlund", title: "Trygghets- och säkerhetssamordnare", organisation: "Östermalms stadsdelsförvaltning" },
  { email: "rasmus.oberg@example.se", name: "Rasmus Öberg", title: "Preventionssamordnare", organisation: "Östermalms stadsdelsförvaltning" },

  // Hässelby-Vällingby
  { email: "birgitta.soderberg@example.se", name: "Birgitta Söderberg", title: "Stadsdelsdirektör", organisation: "Hässelby-Vällingby stadsdelsförvaltning" },
  { email: "jonas.hedberg@example.se", name: "Jonas Hedberg", title: "Lokalpolisområdeschef", organisation: "Lokalpolisområde Vällingby" },
  { email: "malin.eklund@example.se", name: "Malin Eklund", title: "Trygghetssamordnare", organisation: "Hässelby-Vällingby stadsdelsförvaltning" },
  { email: "yasmin.abdi@example.se", name: "Yasmin Abdi", title: "Preventionssamordnare", organisation: "Hässelby-Vällingby stadsdelsförvaltning" },
  { email: "kristian.nord@example.se", name: "Kristian Nord", title: "Kommunpolis", organisation: "Lokalpolisområde Vällingby" },
  { email: "filip.akesson@example.se", name: "Filip Åkesson", title: "Områdespolis", organisation: "Lokalpolisområde Vällingby" },
  { email: "sanna.wiklund@example.se", name: "Sanna Wiklund", title: "Utvecklingsledare, grundskoleavdelningen", organisation: "Utbildningsförvaltningen" },
  { email: "ida.gustafsson@example.se", name: "Ida Gustafsson", title: "Rektor", organisation: "Utbildningsförvaltningen" },
];

/**
 * Work phones for the kontaktuppgifter, by e-mail. FICTIONAL numbers (070-000 00 xx), belonging to
 * nobody; a few people have none, so the page shows "Saknas" too.
 */
export const demoPhones: Record<string, string> = {
  "sdd.skarholmen@example.se": "070-000 00 01",
  "lpo.skarholmen@example.se": "070-000 00 02",
  "linnea.holmberg@example.se": "070-000 00 03",
  "daniel.lund@example.se": "070-000 00 04",
  "ahmed.yusuf@example.se": "070-000 00 05",
  "karl.ljung@example.se": "070-000 00 06",
  "cecilia.wahlberg@example.se": "070-000 00 07",
  "henrik.lindstrom@example.se": "070-000 00 08",
  "kommunpolis.ostermalm@example.se": "070-000 00 09",
  "birgitta.soderberg@example.se": "070-000 00 10",
  "jonas.hedberg@example.se": "070-000 00 11",
};

// ---------------------------------------------------------------------------
// Groups, their required functions, members and meeting rhythm
// ---------------------------------------------------------------------------

export interface RequiredFunctionSeed {
  function: FunctionName;
  /** The agreement's own wording, when it says more than the function name. */
  note?: string;
}

export interface MemberSeed {
  email: string;
  role: MemberRole;
  function: FunctionName;
}

/**
 * Meetings are placed relative to the seeding time so the demo always shows
 * a recent history and an upcoming meeting, whatever the date.
 */
export interface MeetingPlanSeed {
  title: string;
  location: string;
  /** Local (Stockholm) start hour. */
  hour: 9 | 13;
  /** Days before "now" of the meetings already held. */
  pastDaysAgo: number[];
  /** Days after "now" of the planned meetings. */
  upcomingInDays: number[];
}

export interface GroupSeed {
  agreement: string;
  name: string;
  kind: GroupKind;
  level: GroupLevel;
  focusArea?: string;
  permanence: GroupPermanence;
  /** For a time-limited group: "MM-DD" in the year after seeding, so it is still running. */
  endsNextYearOn?: string;
  minMeetingsPerYear: number | null;
  required: RequiredFunctionSeed[];
  /**
   * Groups are led jointly, one ordförande per party: the city's is listed first and leads the demo's
   * meetings unless demo-meetings.ts says otherwise.
   */
  members: MemberSeed[];
  meetings?: MeetingPlanSeed;
}

// The city-wide agreement sets the minimum of four meetings a year for every
// local beredningsgrupp; Östermalm's and Hässelby-Vällingby's own documents
// only say "återkommande möten enligt lokala förutsättningar och behov".
const CITY_WIDE_MIN_BEREDNING = 4;

// Skärholmen's and Hässelby-Vällingby's agreements word this bullet identically.
const CHEF_MED_MANDAT_WORDING =
  "Chef eller annan befattning med mandat från relevanta fackförvaltningar och bolag. Särskilt prioriterade i detta hänseende är trafikkontoret och stadens bostadsbolag.";

/*
 * Meeting rhythm, checked against a "now" late in the year (the tests use
 * 2026-11-23): Skärholmen and Hässelby-Vällingby have held their minimum
 * this calendar year, Östermalm is behind in both groups (styrgrupp 1 of 2,
 * beredningsgrupp 3 of 4) so the compliance gap shows in the demo.
 */
export const groupSeeds: GroupSeed[] = [
  // --- City-wide --------------------------------------------------------
  {
    agreement: CITY_WIDE_SLUG,
    name: "Stadsövergripande styrgrupp",
    kind: "styrgrupp",
    level: "city_wide",
    permanence: "fixed",
    minMeetingsPerYear: 4,
    required: [
      { function: "Biträdande stadsdirektör", note: "Styrgruppen ska för stadens del ledas av biträdande stadsdirektör." },
      { function: "Kanslichef regionkansliet", note: "För polisens del ska styrgruppen ledas av kanslichefen för regionkansliet." },
      { function: "Förvaltningschef", note: "Förvaltningschefer från relevanta förvaltningar samt chefer från stadsledningskontoret." },
      { function: "Polisområdeschef Stockholm Syd" },
      { function: "Polisområdeschef Stockholm City" },
      { function: "Polisområdeschef Stockholm Nord" },
    ],
    members: [
      { email: "helena.sjoberg@example.se", role: "ordforande", function: "Biträdande stadsdirektör" },
      // Led jointly, as the agreement says: one ordförande for the city, one for the police.
      { email: "peter.holm@example.se", role: "ordforande", function: "Kanslichef regionkansliet" },
      { email: "lena.aberg@example.se", role: "ledamot", function: "Förvaltningschef" },
      { email: "anders.nyberg@example.se", role: "ledamot", function: "Polisområdeschef Stockholm Syd" },
      { email: "eva.lundgren@example.se", role: "ledamot", function: "Polisområdeschef Stockholm City" },
      { email: "mikael.dahl@example.se", role: "ledamot", function: "Polisområdeschef Stockholm Nord" },
    ],
    // Not strictly needed for the local demo, but without meetings the
    // city-wide styrgrupp would show as failing its four-a-year minimum.
    meetings: {
      title: "Styrgruppsmöte",
      location: "Stadsledningskontoret, sammanträdesrum 1",
      hour: 13,
      pastDaysAgo: [265, 180, 90, 20],
      upcomingInDays: [23],
    },
  },
  {
    agreement: CITY_WIDE_SLUG,
    name: "Stadsövergripande beredningsgrupp",
    kind: "beredningsgrupp",
    level: "city_wide",
    permanence: "fixed",
    // The agreement sets no number; it follows up local work once a year.
    minMeetingsPerYear: null,
    required: [
      { function: "Medarbetare stadsledningskontoret", note: "För stadens del medarbetare från stadsledningskontoret." },
      {
        function: "Brottsförebyggande samordnare polisen",
        note: "För polisens del brottsförebyggande samordnare på polisområdesnivå och regionnivå.",
      },
    ],
    members: [
      { email: "ingrid.falk@example.se", role: "ordforande", function: "Medarbetare stadsledningskontoret" },
      { email: "oskar.blom@example.se", role: "ledamot", function: "Brottsförebyggande samordnare polisen" },
      { email: "erik.sandberg@example.se", role: "sekreterare", function: "Medarbetare stadsledningskontoret" },
      // The demo login for the city-wide overview: sees every local agreement's figures and what they handed over.
      { email: "samordnare.stad@example.se", role: "ledamot", function: "Medarbetare stadsledningskontoret" },
    ],
  },

  // --- Skärholmen -------------------------------------------------------
  {
    agreement: "skarholmen",
    name: "Lokal styrgrupp Skärholmen",
    kind: "styrgrupp",
    level: "local",
    permanence: "fixed",
    minMeetingsPerYear: 2,
    required: [
      { function: "Stadsdelsdirektör" },
      { function: "Lokalpolisområdeschef", note: "Lokalpolisområdets chef" },
      { function: "Chef med mandat från fackförvaltning eller bolag", note: CHEF_MED_MANDAT_WORDING },
    ],
    // Deliberately nobody from Trafikkontoret or a housing company: the
    // third required function shows as "saknas".
    members: [
      // Led for the city by the stadsdelsdirektör and for the police by the lokalpolisområdeschef (city-wide agreement).
      { email: "sdd.skarholmen@example.se", role: "ordforande", function: "Stadsdelsdirektör" },
      { email: "lpo.skarholmen@example.se", role: "ordforande", function: "Lokalpolisområdeschef" },
      // "For the police … the function the lokalpolisområdeschef designates" (city-wide agreement).
      { email: "karl.ljung@example.se", role: "ledamot", function: "Biträdande lokalpolisområdeschef" },
      { email: "linnea.holmberg@example.se", role: "sekreterare", function: "Trygghets- och säkerhetssamordnare" },
      { email: "ahmed.yusuf@example.se", role: "adjungerad", function: "Kommunpolis" },
    ],
    meetings: {
      title: "Styrgruppsmöte",
      location: "Skärholmens stadsdelsförvaltning, sammanträdesrum 1",
      hour: 9,
      pastDaysAgo: [250, 95, 30],
      upcomingInDays: [24],
    },
  },
  {
    agreement: "skarholmen",
    name: "Lokal beredningsgrupp Skärholmen",
    kind: "beredningsgrupp",
    level: "local",
    permanence: "fixed",
    minMeetingsPerYear: 4,
    required: [
      { function: "Kommunpolis" },
      { function: "Representant med mandat från stadsdelsförvaltningen" },
      { function: "Representant med mandat från relevanta förvaltningar och bolag" },
    ],
    members: [
      // Led for the city by a function with mandate from the district and for the police by the kommunpolis (city-wide agreement).
      { email: "linnea.holmberg@example.se", role: "ordforande", function: "Representant med mandat från stadsdelsförvaltningen" },
      { email: "ahmed.yusuf@example.se", role: "ordforande", function: "Kommunpolis" },
      { email: "patrik.sjodin@example.se", role: "ledamot", function: "Representant med mandat från relevanta förvaltningar och bolag" },
      { email: "daniel.lund@example.se", role: "sekreterare", function: "Preventionssamordnare" },
    ],
    meetings: {
      title: "Beredningsgruppsmöte",
      location: "Skärholmens stadsdelsförvaltning, sammanträdesrum 2",
      hour: 13,
      pastDaysAgo: [300, 200, 100, 40],
      upcomingInDays: [10, 52],
    },
  },
  {
    // Fictional time-limited working group for one of the priority areas; named after the
    // area, not a real place, since naming a place would say it has high crime.
    agreement: "skarholmen",
    name: "Arbetsgrupp avgränsade platser",
    kind: "arbetsgrupp",
    level: "local",
    focusArea: "Riktat arbete mot avgränsade platser",
    permanence: "temporary",
    endsNextYearOn: "06-30",
    minMeetingsPerYear: null,
    required: [
      {
        function: "Representant stadsdelsförvaltningen",
        note: "Representanter från både stadsdelsförvaltningen och lokalpolisområdet som har ett ansvarsområde kopplat till det som ska utföras.",
      },
      { function: "Representant lokalpolisområdet" },
    ],
    members: [
      { email: "daniel.lund@example.se", role: "ordforande", function: "Representant stadsdelsförvaltningen" },
      { email: "ahmed.yusuf@example.se", role: "ledamot", function: "Representant lokalpolisområdet" },
      // The agreement names Trafikkontoret first among those to co-opt.
      { email: "patrik.sjodin@example.se", role: "adjungerad", function: "Representant med mandat från relevanta förvaltningar och bolag" },
    ],
    meetings: {
      title: "Arbetsgruppsmöte",
      location: "Skärholmens stadsdelsförvaltning, sammanträdesrum 3",
      hour: 13,
      pastDaysAgo: [35],
      upcomingInDays: [8],
    },
  },

  // --- Östermalm --------------------------------------------------------
  {
    agreement: "ostermalm",
    name: "Lokal styrgrupp Östermalm",
    kind: "styrgrupp",
    level: "local",
    permanence: "fixed",
    minMeetingsPerYear: 2,
    required: [
      { function: "Stadsdelsdirektör" },
      { function: "Lokalpolisområdeschef" },
      { function: "Grundskolechef utbildningsförvaltningen", note: "Grundskolechef, utbildningsförvaltningen" },
    ],
    members: [
      { email: "cecilia.wahlberg@example.se", role: "ordforande", function: "Stadsdelsdirektör" },
      { email: "henrik.lindstrom@example.se", role: "ordforande", function: "Lokalpolisområdeschef" },
      { email: "annika.berglund@example.se", role: "ledamot", function: "Grundskolechef utbildningsförvaltningen" },
      { email: "tove.hedlund@example.se", role: "sekreterare", function: "Trygghets- och säkerhetssamordnare" },
    ],
    // Behind: the earlier meeting falls in the previous year, so only one
    // counts this year; the planned one would bring it up to the minimum.
    meetings: {
      title: "Styrgruppsmöte",
      location: "Östermalms stadsdelsförvaltning, sammanträdesrum 1",
      hour: 9,
      pastDaysAgo: [340, 200],
      upcomingInDays: [17],
    },
  },
  {
    agreement: "ostermalm",
    name: "Lokal beredningsgrupp Östermalm",
    kind: "beredningsgrupp",
    level: "local",
    permanence: "fixed",
    minMeetingsPerYear: CITY_WIDE_MIN_BEREDNING,
    required: [
      { function: "Kommunpolis" },
      {
        function: "Trygghets- och säkerhetssamordnare",
        note: "Trygghets- och säkerhetssamordnare, preventionssamordnare från stadsdelsförvaltningen",
      },
      {
        function: "Preventionssamordnare",
        note: "Trygghets- och säkerhetssamordnare, preventionssamordnare från stadsdelsförvaltningen",
      },
      { function: "Grundskolesamordnare utbildningsförvaltningen", note: "Grundskolesamordnare från utbildningsförvaltningen" },
    ],
    // Deliberately no Grundskolesamordnare: that function shows as "saknas".
    members: [
      { email: "tove.hedlund@example.se", role: "ordforande", function: "Trygghets- och säkerhetssamordnare" },
      { email: "kommunpolis.ostermalm@example.se", role: "ordforande", function: "Kommunpolis" },
      { email: "rasmus.oberg@example.se", role: "sekreterare", function: "Preventionssamordnare" },
      // The police area head follows the preparatory work without taking part.
      { email: "henrik.lindstrom@example.se", role: "lasare", function: "Lokalpolisområdeschef" },
    ],
    // Behind: three held this year against a minimum of four.
    meetings: {
      title: "Beredningsgruppsmöte",
      location: "Östermalms stadsdelsförvaltning, sammanträdesrum 2",
      hour: 13,
      pastDaysAgo: [280, 160, 60],
      upcomingInDays: [14, 45],
    },
  },

  // --- Hässelby-Vällingby -----------------------------------------------
  {
    agreement: "hasselby-vallingby",
    name: "Lokal styrgrupp Hässelby-Vällingby",
    kind: "styrgrupp",
    level: "local",
    permanence: "fixed",
    minMeetingsPerYear: 2,
    required: [
      { function: "Stadsdelsdirektör" },
      { function: "Lokalpolisområdeschef", note: "Lokalpolisområdets chef" },
      {
        function: "Chef med mandat från utbildningsförvaltningen",
        note: "Chef eller annan befattning med mandat från utbildningsförvaltningen",
      },
      { function: "Chef med mandat från fackförvaltning eller bolag", note: CHEF_MED_MANDAT_WORDING },
    ],
    members: [
      { email: "birgitta.soderberg@example.se", role: "ordforande", function: "Stadsdelsdirektör" },
      { email: "jonas.hedberg@example.se", role: "ordforande", function: "Lokalpolisområdeschef" },
      { email: "annika.berglund@example.se", role: "ledamot", function: "Chef med mandat från utbildningsförvaltningen" },
      { email: "patrik.sjodin@example.se", role: "ledamot", function: "Chef med mandat från fackförvaltning eller bolag" },
      { email: "malin.eklund@example.se", role: "sekreterare", function: "Trygghets- och säkerhetssamordnare" },
    ],
    meetings: {
      title: "Styrgruppsmöte",
      location: "Hässelby-Vällingby stadsdelsförvaltning, sammanträdesrum 1",
      hour: 9,
      pastDaysAgo: [290, 110],
      upcomingInDays: [16],
    },
  },
  {
    agreement: "hasselby-vallingby",
    name: "Lokal beredningsgrupp Hässelby-Vällingby",
    kind: "beredningsgrupp",
    level: "local",
    permanence: "fixed",
    minMeetingsPerYear: CITY_WIDE_MIN_BEREDNING,
    required: [
      { function: "Kommunpolis" },
      { function: "Representant med mandat från stadsdelsförvaltningen" },
      { function: "Representant med mandat från utbildningsförvaltningen" },
    ],
    members: [
      { email: "malin.eklund@example.se", role: "ordforande", function: "Representant med mandat från stadsdelsförvaltningen" },
      { email: "kristian.nord@example.se", role: "ordforande", function: "Kommunpolis" },
      { email: "sanna.wiklund@example.se", role: "ledamot", function: "Representant med mandat från utbildningsförvaltningen" },
      { email: "yasmin.abdi@example.se", role: "sekreterare", function: "Preventionssamordnare" },
    ],
    meetings: {
      title: "Beredningsgruppsmöte",
      location: "Hässelby-Vällingby stadsdelsförvaltning, sammanträdesrum 2",
      hour: 13,
      pastDaysAgo: [310, 220, 160, 45],
      upcomingInDays: [21],
    },
  },
  {
    // "En fast grupp ska finnas för lokal samverkan kring barn och unga där
    // också skolan ska vara representerad."
    agreement: "hasselby-vallingby",
    name: "Arbetsgrupp barn och unga",
    kind: "arbetsgrupp",
    level: "local",
    focusArea: "Barn och unga",
    permanence: "fixed",
    minMeetingsPerYear: null,
    required: [
      {
        function: "Representant stadsdelsförvaltningen",
        note: "Representanter från både stadsdelsförvaltningen och lokalpolisområdet som har ett ansvarsområde kopplat till det som ska utföras.",
      },
      { function: "Representant lokalpolisområdet" },
      { function: "Representant skolan", note: "En fast grupp ska finnas för lokal samverkan kring barn och unga där också skolan ska vara representerad." },
    ],
    members: [
      { email: "yasmin.abdi@example.se", role: "ordforande", function: "Representant stadsdelsförvaltningen" },
      { email: "filip.akesson@example.se", role: "ledamot", function: "Representant lokalpolisområdet" },
      { email: "ida.gustafsson@example.se", role: "ledamot", function: "Representant skolan" },
      { email: "kristian.nord@example.se", role: "adjungerad", function: "Kommunpolis" },
    ],
    meetings: {
      title: "Arbetsgruppsmöte",
      location: "Lokalpolisområde Vällingby, sammanträdesrum 1",
      hour: 9,
      pastDaysAgo: [60, 25],
      upcomingInDays: [28],
    },
  },
];
