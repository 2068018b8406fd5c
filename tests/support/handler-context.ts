/**
 * The console API through `invoke` (the in-memory transport every other transport wraps), for
 * integration tests on a real console store: a HandlerContext for a staff member (or nobody),
 * `call` to invoke a method as them, and `value` to unwrap a result that must have succeeded.
 */
import { DEFAULT_ESCROW_CONFIG } from '../../src/core/escrow/config.js';
import { invoke } from '../../src/main/app/app.js';
import type { HandlerContext } from '../../src/main/app/context.js';
import { handlers } from '../../src/main/app/handlers.js';
import type { ConsoleStore } from '../../src/main/store/console-store.js';
import type { StaffIdentity } from '../../src/shared/api/hub.js';
import { createIdGenerator } from '../../src/shared/ids.js';
import type { Result } from '../../src/shared/result.js';

/**
 * `store` is read on every call (tests open theirs in `beforeAll`); `now` is the fixed clock.
 */
export function handlerContexts(store: () => ConsoleStore, now: number) {
  function context(staff: StaffIdentity | null, locked = false): HandlerContext {
    return {
      store: store(),
      session: () => staff,
      locked: () => locked,
      now: () => now,
      newId: createIdGenerator(() => now),
      config: DEFAULT_ESCROW_CONFIG,
      queued: () => undefined,
      demo: false,
      log: () => undefined,
    };
  }
  const call = <T>(staff: StaffIdentity | null, method: string, input: unknown = {}, locked = false) => invoke(handlers, method, input, context(staff, locked)) as Promise<Result<T>>;
  return { context, call };
}

/** The value of a result that must have succeeded (else the error, as the test's failure). */
export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
