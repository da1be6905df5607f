// Hocuspocus 4.7 as a peer for `npm run bench:collab`: in memory, or with its SQLite extension
// when started with `--sqlite <file>` (its defaults: stores 2 s after the last change, at the
// latest every 10 s). No authentication. Same `ws` and `yjs` packages as our server.
// Prints "listening on <port>" once it accepts connections.
import { Server } from "@hocuspocus/server";
import { SQLite } from "@hocuspocus/extension-sqlite";

const sqliteAt = process.argv.indexOf("--sqlite");
const extensions = sqliteAt > 0 ? [new SQLite({ database: process.argv[sqliteAt + 1] })] : [];
const server = new Server({ port: 0, address: "127.0.0.1", quiet: true, stopOnSignals: false, extensions });
await server.listen();
console.log(`listening on ${server.address.port}`);

const stop = () => void server.destroy().finally(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
// The bench process owns us: when it goes away without stopping us, leave too.
process.on("disconnect", stop);
