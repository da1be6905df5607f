import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { and, eq, inArray } from "drizzle-orm";
import { type Db, writeTransaction } from "../../db/client";
import { documentLeases } from "../../db/schema";

/** Long enough to ride out a stalled event loop, short enough that a dead process's documents free up soon. */
export const LEASE_TTL_MS = 15_000;

/**
 * This process's leases on live documents (see `document_leases`). Several server processes may
 * share one database (behind a load balancer); a document is live in at most one of them, and a
 * connection for it reaching another process is refused with 4421 until the holder lets it go.
 */
export class DocumentLeases {
  /** "<host> <pid> <random>": a process on the same host can tell that a holder has died. */
  readonly holder = `${hostname()} ${process.pid} ${randomUUID()}`;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = LEASE_TTL_MS,
  ) {}

  /** Takes the document's lease (or renews ours); false while another process holds it. */
  acquire(name: string, now = Date.now()): boolean {
    return withoutFsync(this.db, () =>
      writeTransaction(this.db, (tx) => {
        const lease = tx.select().from(documentLeases).where(eq(documentLeases.documentName, name)).get();
        if (lease && lease.holder !== this.holder && lease.expiresAt > now && !holderIsGone(lease.holder)) return false;
        const row = { documentName: name, holder: this.holder, expiresAt: now + this.ttlMs };
        tx.insert(documentLeases).values(row).onConflictDoUpdate({ target: documentLeases.documentName, set: row }).run();
        return true;
      }),
    );
  }

  /** Renews the leases of the documents in memory; returns those no longer ours (taken over after ours expired). */
  renew(names: string[], now = Date.now()): string[] {
    if (names.length === 0) return [];
    return withoutFsync(this.db, () =>
      writeTransaction(this.db, (tx) => {
        const leases = new Map(
          tx
            .select()
            .from(documentLeases)
            .where(inArray(documentLeases.documentName, names))
            .all()
            .map((l) => [l.documentName, l]),
        );
        const lost: string[] = [];
        for (const name of names) {
          const lease = leases.get(name);
          // An expired lease nobody took is still ours to renew: nobody wrote the document meanwhile.
          if (lease && lease.holder !== this.holder && lease.expiresAt > now && !holderIsGone(lease.holder)) {
            lost.push(name);
            continue;
          }
          const row = { documentName: name, holder: this.holder, expiresAt: now + this.ttlMs };
          tx.insert(documentLeases).values(row).onConflictDoUpdate({ target: documentLeases.documentName, set: row }).run();
        }
        return lost;
      }),
    );
  }

  /** Lets documents go (after their last writes are committed). */
  release(names: string[]): void {
    if (names.length === 0) return;
    withoutFsync(this.db, () =>
      this.db
        .delete(documentLeases)
        .where(and(eq(documentLeases.holder, this.holder), inArray(documentLeases.documentName, names)))
        .run(),
    );
  }
}

/**
 * Runs `write` with synchronous=NORMAL on the shared connection (FULL otherwise): a lease is
 * committed to the WAL without waiting for an fsync, one per document opened. A lease only means
 * something while its holder runs; an OS crash or power loss that loses the last lease commits
 * stops every process that could hold one, and the next FULL commit makes them durable anyway.
 * better-sqlite3 is synchronous, so no other statement runs on the connection in between.
 */
function withoutFsync<T>(db: Db, write: () => T): T {
  const sqlite = db.$client;
  // The setting cannot change inside a transaction: there, the caller's transaction decides.
  if (sqlite.inTransaction) return write();
  const previous = sqlite.pragma("synchronous", { simple: true }) as number;
  sqlite.pragma("synchronous = NORMAL");
  try {
    return write();
  } finally {
    sqlite.pragma(`synchronous = ${previous}`);
  }
}

/**
 * Whether a lease's holder is a process of this host that no longer runs (killed, crashed): then
 * its leases are free at once, and a server restarted after a crash need not wait for them to
 * expire. A holder on another host, or a pid that runs (perhaps reused), waits for the expiry.
 */
function holderIsGone(holder: string): boolean {
  const [host, pid] = holder.split(" ");
  if (host !== hostname() || !/^\d+$/.test(pid ?? "")) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
