import { readFileSync } from "node:fs";
import net from "node:net";
import { startServer, type RunningServer } from "../support/server";

/** Issue 10, finding 8: request bodies are limited before anything reads them, also before login. */

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

function residentMegabytes(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return Number(match![1]) / 1024;
}

interface RawAnswer {
  status: number | null;
  /** From the first byte sent to the first byte of the answer. */
  answeredAfterMs: number | null;
  sentBytes: number;
}

/**
 * Posts like an attacker with a raw socket: the headers, then the body as fast as the server takes
 * it, until the server answers and closes, the body is sent, or `giveUpMs` has passed.
 */
function rawPost(headers: string[], bodyBytes: number, giveUpMs = 15_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(server.port, "127.0.0.1");
    const data = Buffer.alloc(64 * 1024, "a");
    // A chunked body is framed as HTTP requires (size line, data, CRLF): unframed bytes would be a
    // parse error that Node answers itself, racing the answer under test.
    const chunked = headers.some((header) => /^transfer-encoding:\s*chunked$/i.test(header));
    const chunk = chunked ? Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from("\r\n")]) : data;
    const started = performance.now();
    let answer = "";
    let answeredAfterMs: number | null = null;
    let sentBytes = 0;
    socket.on("data", (data) => {
      answeredAfterMs ??= performance.now() - started;
      answer += data.toString("latin1");
    });
    socket.on("error", () => {});
    socket.on("close", () => resolve({ status: Number(answer.match(/^HTTP\/1\.1 (\d{3})/)?.[1]) || null, answeredAfterMs, sentBytes }));
    const pump = () => {
      while (!socket.destroyed && sentBytes < bodyBytes) {
        if (performance.now() - started > giveUpMs || answeredAfterMs !== null) return void socket.destroy();
        sentBytes += chunk.length;
        if (!socket.write(chunk)) return void socket.once("drain", pump);
      }
      socket.end();
    };
    socket.write(["POST /login HTTP/1.1", `Host: 127.0.0.1:${server.port}`, ...headers, "", ""].join("\r\n"));
    pump();
  });
}

describe("request body limits", () => {
  it("refuses six 250 MB posts to /login with 413 at once, and the server's memory does not grow", async () => {
    const before = residentMegabytes(server.process.pid!);
    const size = 250 * 1024 * 1024;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => rawPost(["Content-Type: application/x-www-form-urlencoded", `Content-Length: ${size}`], size)),
    );
    const after = residentMegabytes(server.process.pid!);
    for (const answer of answers) {
      expect(answer.status).toBe(413);
      expect(answer.answeredAfterMs!).toBeLessThan(2_000);
      // Whatever the kernel's buffers took before the close, not the 250 MB.
      expect(answer.sentBytes).toBeLessThan(size / 10);
    }
    expect(after - before).toBeLessThan(50);
    // The server is still there for everyone else.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("answers a chunked body (no declared length) with 411, without reading it", async () => {
    const answer = await rawPost(["Content-Type: application/x-www-form-urlencoded", "Transfer-Encoding: chunked"], 50 * 1024 * 1024, 5_000);
    expect(answer.status).toBe(411);
  });

  it("takes a form of up to 1 MB and refuses one byte more", async () => {
    const fits = "email=a%40example.se&password=x&pad=" + "a".repeat(1024 * 1024 - 36);
    const small = await fetch(`${server.url}/login`, {
      method: "POST",
      body: fits,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    });
    expect(small.status).toBe(200);
    const tooBig = await fetch(`${server.url}/login`, {
      method: "POST",
      body: fits + "a",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    });
    expect(tooBig.status).toBe(413);
  });
});
