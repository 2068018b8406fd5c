/**
 * A console on a separate `--test-clock` hub's simulated time (end-to-end tests, demos against a
 * hub the simulator fed): the simulated orders live in 2031, and a console on this machine's
 * clock would see every deadline as years away. The hub's clock is read as an offset from ours
 * and read again every few seconds, so a test that moves the hub's clock is followed; while the
 * hub is unreachable the last offset stands (the hub's test clock runs at real speed too).
 */

/** How often the offset is read again. */
const REFRESH_MS = 2000;
/** A read that takes longer is dropped (the next one tries again). */
const READ_TIMEOUT_MS = 5000;

async function readOffset(hubUrl: string): Promise<number> {
  const before = Date.now();
  // Moving the clock by nothing answers its current time; only a --test-clock hub has the route.
  const response = await fetch(`${hubUrl}/v1/test/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: 0 }),
    signal: AbortSignal.timeout(READ_TIMEOUT_MS),
  });
  if (response.status === 404) throw new Error(`the hub at ${hubUrl} was not started with --test-clock, so it has no clock to follow`);
  if (!response.ok) throw new Error(`the hub at ${hubUrl} answered ${response.status} when asked for its clock`);
  const body = (await response.json()) as { now?: unknown };
  if (typeof body.now !== 'number' || !Number.isSafeInteger(body.now)) throw new Error(`the hub at ${hubUrl} answered its clock without a time`);
  // The hub read its clock somewhere during the round trip: assume the middle.
  return body.now - Math.round((before + Date.now()) / 2);
}

export async function followHubTestClock(hubUrl: string, log: (message: string) => void): Promise<() => number> {
  let offset = await readOffset(hubUrl);
  let failing = false;
  const timer = setInterval(() => {
    readOffset(hubUrl).then(
      (next) => {
        offset = next;
        failing = false;
      },
      (error: unknown) => {
        // Said once per outage, not every few seconds.
        if (!failing) log(`clock: keeping the last hub offset (${error instanceof Error ? error.message : String(error)})`);
        failing = true;
      },
    );
  }, REFRESH_MS);
  // The reads last as long as the console: an unref'd timer ends with the process.
  timer.unref();
  return () => Date.now() + offset;
}
