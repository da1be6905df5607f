import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { tempDatabasePath, demoPassword } from "./temp";

export interface RunningServer {
  url: string;
  port: number;
  databasePath: string;
  process: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for exit. */
  stop: () => Promise<number | null>;
}

/**
 * Starts the real server (server/index.ts) as a child process on port 0 with
 * its own SQLite file, and resolves once it listens. `cwd`: another checkout's
 * server (a bench comparing against earlier code); by default this one. `nodeArgs`: flags for
 * Node itself (a bench's `--cpu-prof`).
 */
export function startServer(env: Record<string, string> = {}, { cwd, nodeArgs = [] }: { cwd?: string; nodeArgs?: string[] } = {}): Promise<RunningServer> {
  const databasePath = env.DATABASE_PATH ?? tempDatabasePath();
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "--import", "./tests/support/exit-with-parent.ts", "server/index.ts"], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      DEMO_PASSWORD: demoPassword,
      // Demo data only when asked for (SEED_DEMO defaults to false); most tests log in as demo people.
      SEED_DEMO: "true",
      SESSION_SECRET: "",
      // No daily digest unless a test asks for one: the demo's uppdrag would add notices to every test's counts.
      DIGEST_HOUR: "off",
      ...env,
      DATABASE_PATH: databasePath,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // Nobody gets a handle to stop it: stop it here, or it outlives the test run.
      child.kill("SIGKILL");
      reject(new Error(`server did not start:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/listening on http:\/\/[^:\s]+:(\d+)/);
      if (match) {
        clearTimeout(timer);
        const port = Number(match[1]);
        resolve({
          url: `http://127.0.0.1:${port}`,
          port,
          databasePath,
          process: child,
          output: () => output,
          stop: async () => {
            if (child.exitCode === null) child.kill("SIGTERM");
            return exited;
          },
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
}

/** Rows read from a running server's database on a read-only connection of its own. */
export function queryServerDatabase<T>(server: RunningServer, sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
