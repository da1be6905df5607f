/**
 * Preloaded into every server a test starts: the server exits when the test
 * process that started it is gone (killed by a timeout, crashed in setup),
 * instead of running on as an orphan. An orphan is re-parented, so its parent
 * pid changes; polling that needs no cooperation from the test process.
 */
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) process.exit(1);
}, 500).unref();
