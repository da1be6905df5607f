/**
 * Runs `task` soon after start and then every `intervalMs`, on timers that never keep the process
 * alive; `stop` ends it (at shutdown). The task catches its own errors: a failed round must not stop
 * the server, the next one tries again.
 */
export function runPeriodically(task: () => void, intervalMs: number): { stop: () => void } {
  const first = setTimeout(task, 0);
  const timer = setInterval(task, intervalMs);
  first.unref();
  timer.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
