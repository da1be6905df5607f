/**
 * A test process that dies (a hook timeout, a crash in setup) must not leave
 * the servers it started running: they exit once their parent is gone.
 */
import { spawn } from "node:child_process";

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

it("stops a test server whose test process was killed", async () => {
  const script = `const { startServer } = await import("./tests/support/server.ts"); const s = await startServer(); console.log("SERVER " + s.process.pid);`;
  const testProcess = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const serverPid = await new Promise<number>((resolve, reject) => {
    let output = "";
    testProcess.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/SERVER (\d+)/);
      if (match) resolve(Number(match[1]));
    });
    testProcess.once("exit", (code) => reject(new Error(`the test process exited with ${code} before its server listened`)));
  });
  expect(isRunning(serverPid)).toBe(true);
  testProcess.kill("SIGKILL");
  const deadline = Date.now() + 10_000;
  while (isRunning(serverPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(isRunning(serverPid)).toBe(false);
});
