import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, isNotNull } from "drizzle-orm";
import { closeDatabase, type Db } from "../../db/client";
import { LocalFileStore } from "../../db/files/local-store";
import { receiveUpload, sweepStaleUploads, type ReceivedUpload } from "../../db/files/receive";
import { setFileStore } from "../../db/files/store";
import { appendParagraphsOffline } from "../../db/documents/store";
import { MAX_FILE_BYTES } from "../../db/domain/file-types";
import { addAgendaItem } from "../../db/queries/agenda";
import { adoptDecision } from "../../db/queries/decisions";
import { addFile, cleanFileName, fileForDownload, listMeetingFiles, removeFile, type FileOwner } from "../../db/queries/files";
import { advanceMeetingStatus, approveMinutes, chooseJusterare, createMeeting, listApprovers } from "../../db/queries/meeting-lifecycle";
import { storeProtocol } from "../../server/protocol/archive";
import { kallelseData } from "../../server/protocol/kallelse-record";
import { readPdf } from "../support/pdf-text";
import type { Viewer } from "../../db/queries/sessions";
import { agendaItems, auditLog, groups, meetings, protocols, storedFiles } from "../../db/schema";
import { addMemberOnly, openSeededDatabase, viewerByEmail } from "../support/seeded-db";
import { sampleDocx, sampleExe, sampleOdt, samplePdf, samplePlainZip, samplePng } from "../support/sample-files";

/**
 * Handlingar through the domain verbs, with the real local file store in a temporary folder: the type
 * comes from the content, the size is limited, the rights are those of the ärende's meeting, and a
 * justerad meeting's files are frozen.
 */
let db: Db;
let store: LocalFileStore;
let chair: Viewer;
let reader: Viewer;
let outsider: Viewer;
let meetingId: number;
let itemId: number;
let decisionId: number;
let lockedItemId: number;

const startsAt = "2027-03-02T08:00:00.000Z";
const folder = mkdtempSync(path.join(tmpdir(), "samverkan-files-test-"));
/** This test's own folder of uploads being received, so other test files' uploads never show in it. */
const uploadFolder = path.join(folder, "mottagna");

/** An upload as the receiving stream leaves it: a temporary file with its size and SHA-256. */
function upload(bytes: Buffer): Promise<ReceivedUpload> {
  return receiveUpload([bytes], { folder: uploadFolder });
}

async function add(viewer: Viewer, owner: FileOwner, fileName: string, bytes: Buffer) {
  return addFile(db, viewer, { owner, fileName, upload: await upload(bytes) }, new Date(startsAt));
}

beforeAll(async () => {
  db = await openSeededDatabase();
  store = new LocalFileStore(path.join(folder, "filer"));
  setFileStore(store);
  chair = viewerByEmail(db, "sdd.skarholmen@example.se");
  reader = addMemberOnly(db, "Lokal styrgrupp Skärholmen", "lasare", "lasare.filer@example.se");
  outsider = addMemberOnly(db, "Lokal beredningsgrupp Östermalm", "ledamot", "utanfor.filer@example.se");
  const groupId = db.select().from(groups).where(eq(groups.name, "Lokal styrgrupp Skärholmen")).get()!.id;
  meetingId = createMeeting(
    db,
    chair,
    { groupId, title: "Styrgruppsmöte mars", startsAt, endsAt: null, location: "Rum 1", videoLink: null },
    new Date(startsAt),
  );
  itemId = addAgendaItem(db, chair, meetingId, { title: "Belysning i Vårberg", kind: "beslut", presenterId: chair.id });
  appendParagraphsOffline(db, { kind: "decision_text", agendaItemId: itemId }, { groupId, meetingId }, [
    "Styrgruppen ställer sig bakom förslaget enligt bilaga.",
  ]);
  advanceMeetingStatus(db, chair, meetingId, "pagar", new Date(startsAt));
  decisionId = adoptDecision(db, chair, { agendaItemId: itemId, kind: "ovrigt" }, new Date(startsAt)).id;
  const locked = db
    .select({ itemId: agendaItems.id })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(eq(meetings.groupId, groupId), isNotNull(meetings.lockedAt)))
    .get()!;
  lockedItemId = locked.itemId;
});
afterAll(() => closeDatabase());

describe("the type of an upload", () => {
  it("is found in the content: PDF, DOCX, ODT and PNG are taken with their sniffed type", async () => {
    const cases: [string, Buffer, string][] = [
      ["kallelse.pdf", samplePdf(), "application/pdf"],
      ["underlag.docx", await sampleDocx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["underlag.odt", sampleOdt(), "application/vnd.oasis.opendocument.text"],
      // The name says PDF, the content says PNG: the content wins.
      ["karta.pdf", samplePng(), "image/png"],
    ];
    for (const [name, bytes, type] of cases) {
      const id = await add(chair, { kind: "agendaItem", id: itemId }, name, bytes);
      expect(db.select().from(storedFiles).where(eq(storedFiles.id, id)).get()!.mediaType).toBe(type);
    }
  });

  it("refuses a renamed program and a plain zip archive, and keeps nothing of them", async () => {
    const before = db.select().from(storedFiles).all().length;
    await expect(add(chair, { kind: "agendaItem", id: itemId }, "protokoll.pdf", sampleExe())).rejects.toThrow("Filtypen är inte tillåten");
    await expect(add(chair, { kind: "agendaItem", id: itemId }, "underlag.docx", samplePlainZip())).rejects.toThrow("Filtypen är inte tillåten");
    await expect(add(chair, { kind: "agendaItem", id: itemId }, "tom.pdf", Buffer.alloc(0))).rejects.toThrow("Filen är tom");
    expect(db.select().from(storedFiles).all()).toHaveLength(before);
    expect(existsSync(uploadFolder) ? readdirSync(uploadFolder) : []).toEqual([]);
  });
});

describe("the size of an upload", () => {
  it("stops receiving past 25 MB with the Swedish refusal and leaves no temporary file", async () => {
    const megabyte = Buffer.alloc(1024 * 1024, 1);
    async function* chunks(count: number) {
      for (let i = 0; i < count; i++) yield megabyte;
    }
    await expect(receiveUpload(chunks(26), { folder: uploadFolder })).rejects.toThrow("Filen är för stor. Största tillåtna storlek är 25 MB.");
    expect(existsSync(uploadFolder) ? readdirSync(uploadFolder) : []).toEqual([]);
    const exactly = await receiveUpload(chunks(25), { folder: uploadFolder });
    expect(exactly.size).toBe(MAX_FILE_BYTES);
    // A file that somehow arrived larger is refused by the verb as well.
    writeFileSync(exactly.path, Buffer.concat([samplePdf(), Buffer.alloc(MAX_FILE_BYTES)]));
    await expect(
      addFile(db, chair, { owner: { kind: "agendaItem", id: itemId }, fileName: "stor.pdf", upload: { ...exactly, size: MAX_FILE_BYTES + 1 } }),
    ).rejects.toThrow("Filen är för stor");
    expect(existsSync(exactly.path)).toBe(false);
  });
});

describe("uploads left behind", () => {
  it("are swept once older than a day; one being received now stays", async () => {
    const stale = await receiveUpload([samplePdf()], { folder: uploadFolder });
    const fresh = await receiveUpload([samplePdf()], { folder: uploadFolder });
    const tomorrow = Date.now() + 25 * 60 * 60 * 1000;
    utimesSync(fresh.path, tomorrow / 1000, tomorrow / 1000);
    expect(await sweepStaleUploads(uploadFolder, tomorrow)).toBe(1);
    expect(existsSync(stale.path)).toBe(false);
    expect(existsSync(fresh.path)).toBe(true);
    rmSync(fresh.path);
  });
});

describe("the rights of a file", () => {
  it("stores the bytes under a random key with SHA-256, uploader and time, audited with the file name", async () => {
    const bytes = samplePdf();
    const id = await add(chair, { kind: "decision", id: decisionId }, "../../Bilaga 1 – belysning.pdf", bytes);
    const row = db.select().from(storedFiles).where(eq(storedFiles.id, id)).get()!;
    expect(row).toMatchObject({ category: "beslutsbilaga", fileName: "Bilaga 1 – belysning.pdf", size: bytes.length, uploadedBy: chair.id, decisionId });
    expect(row.sha256).toBe((await import("node:crypto")).createHash("sha256").update(bytes).digest("hex"));
    expect(row.storageKey).toMatch(/^[0-9a-f]{32}$/);
    expect(await store.exists(row.storageKey)).toBe(true);
    const entry = db.select().from(auditLog).where(eq(auditLog.action, "file.added")).all().at(-1)!;
    expect(entry.subject).toBe(`meeting:${meetingId}`);
    expect(JSON.parse(entry.payload)).toMatchObject({ fileId: id, title: "Bilaga 1 – belysning.pdf" });
  });

  it("lets a läsare download but not upload, and answers a non-member NotFound for the file and the list", async () => {
    const id = await add(chair, { kind: "agendaItem", id: itemId }, "handling.pdf", samplePdf());
    expect(fileForDownload(db, reader, id).fileName).toBe("handling.pdf");
    await expect(add(reader, { kind: "agendaItem", id: itemId }, "egen.pdf", samplePdf())).rejects.toThrow("Du kan inte ändra det här mötet.");
    expect(() => fileForDownload(db, outsider, id)).toThrow("Det finns inte");
    expect(() => fileForDownload(db, outsider, 999_999)).toThrow("Det finns inte");
    expect(() => listMeetingFiles(db, outsider, meetingId)).toThrow("Det finns inte");
    await expect(add(outsider, { kind: "agendaItem", id: itemId }, "egen.pdf", samplePdf())).rejects.toThrow("Det finns inte");
    expect(() => removeFile(db, outsider, id)).toThrow("Det finns inte");
    expect(() => removeFile(db, reader, id)).toThrow("Du kan inte ändra det här mötet.");
  });

  it("refuses a file to a justerat meeting's ärende", async () => {
    await expect(add(chair, { kind: "agendaItem", id: lockedItemId }, "sent.pdf", samplePdf())).rejects.toThrow("Protokollet är justerat och låst");
  });

  it("keeps a removed file's row and bytes as evidence but no longer lists or serves it", async () => {
    const id = await add(chair, { kind: "agendaItem", id: itemId }, "fel-fil.pdf", samplePdf());
    removeFile(db, chair, id, new Date(startsAt));
    const row = db.select().from(storedFiles).where(eq(storedFiles.id, id)).get()!;
    expect(row.removedBy).toBe(chair.id);
    expect(row.removedAt).not.toBeNull();
    expect(await store.exists(row.storageKey)).toBe(true);
    expect(listMeetingFiles(db, chair, meetingId).map((f) => f.id)).not.toContain(id);
    expect(() => fileForDownload(db, chair, id)).toThrow("Det finns inte");
    expect(() => removeFile(db, chair, id)).toThrow("Det finns inte");
    const entry = db.select().from(auditLog).where(eq(auditLog.action, "file.removed")).all().at(-1)!;
    expect(JSON.parse(entry.payload)).toMatchObject({ fileId: id, title: "fel-fil.pdf" });
  });
});

describe("file names", () => {
  it("keep only the last part of a path, without control characters, at most 200 characters with the extension", () => {
    expect(cleanFileName("C:\\Users\\anna\\Protokoll § 3.pdf")).toBe("Protokoll § 3.pdf");
    expect(cleanFileName("a\u0000b\nc.pdf")).toBe("abc.pdf");
    expect(cleanFileName("   ")).toBe("fil");
    const long = cleanFileName(`${"x".repeat(300)}.docx`);
    expect(long).toHaveLength(200);
    expect(long.endsWith(".docx")).toBe(true);
  });
});

describe("the kallelse and the justerat protocol", () => {
  it("lists the ärende's handlingar in the kallelse", () => {
    const handlingar = kallelseData(db, meetingId)!.handlingar;
    // Under the ärende's number on the föredragningslista (after the standard agenda's opening items).
    expect(handlingar.filter((h) => h.endsWith(": kallelse.pdf"))).toEqual([expect.stringMatching(/^Till ärende \d+, Belysning i Vårberg: kallelse.pdf$/)]);
  });

  it("voids an approval when a file is added after it, and lists each §'s files with their SHA-256 in the archived protocol", async () => {
    const ledamot = viewerByEmail(db, "karl.ljung@example.se");
    const secretary = viewerByEmail(db, "linnea.holmberg@example.se");
    chooseJusterare(db, chair, meetingId, [ledamot.id]);
    advanceMeetingStatus(db, chair, meetingId, "avslutat", new Date(startsAt));
    expect(approveMinutes(db, ledamot, meetingId)).toBe(false);
    const late = await add(chair, { kind: "decision", id: decisionId }, "Karta över belysningen.png", samplePng());
    expect(listApprovers(db, meetingId).find((a) => a.personId === ledamot.id)!.approval).toBe("voided");
    expect(approveMinutes(db, ledamot, meetingId)).toBe(false);
    expect(approveMinutes(db, secretary, meetingId)).toBe(false);
    expect(approveMinutes(db, chair, meetingId)).toBe(true);
    await storeProtocol(db, meetingId);
    const { text } = await readPdf(db.select().from(protocols).where(eq(protocols.meetingId, meetingId)).get()!.pdf);
    const sha = db.select().from(storedFiles).where(eq(storedFiles.id, late)).get()!.sha256;
    expect(text).toContain(`Bilaga till beslutet: Karta över belysningen.png (`);
    expect(text).toContain(`SHA-256 ${sha.slice(0, 16)}…`);
    expect(text).toContain("kallelse.pdf");
    // Removed before justering: not in the record.
    expect(text).not.toContain("fel-fil.pdf");
    // Frozen with the protocol: no file comes or goes any more.
    await expect(add(chair, { kind: "agendaItem", id: itemId }, "efterhand.pdf", samplePdf())).rejects.toThrow("Protokollet är justerat och låst");
    expect(() => removeFile(db, chair, late)).toThrow("Protokollet är justerat och låst");
  });
});
