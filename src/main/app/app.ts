/**
 * The console's handlers: one typed map per domain (`createApp`), merged into one map that
 * every transport (Electron IPC, the browser-mode host, tests) calls through `invoke`, which
 * validates the input with the method's schema and checks the permission in the main process
 * before the handler runs. Results are values: `{ ok, value } | { ok: false, error }`.
 */
import { consoleApi, type ConsoleApi, type ConsoleMethod } from '../../shared/api/console.js';
import type { OutputOf, ParsedInputOf } from '../../shared/api/contract.js';
import { can } from '../../shared/permissions.js';
import { err, type Result } from '../../shared/result.js';
import type { HandlerContext } from './context.js';

export type Handler<K extends ConsoleMethod> = (input: ParsedInputOf<ConsoleApi, K>, ctx: HandlerContext) => Promise<Result<OutputOf<ConsoleApi, K>>>;
export type Handlers<K extends ConsoleMethod = ConsoleMethod> = { [P in K]: Handler<P> };

/** A domain's handlers, typed against the contract. */
export function createApp<K extends ConsoleMethod>(handlers: Handlers<K>): Handlers<K> {
  return handlers;
}

export async function invoke(handlers: Handlers, name: string, rawInput: unknown, ctx: HandlerContext): Promise<Result<unknown>> {
  if (!Object.prototype.hasOwnProperty.call(consoleApi, name)) return err('unknown_method', `there is no method "${String(name).slice(0, 64)}"`);
  const method = name as ConsoleMethod;
  const spec = consoleApi[method];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message }));
    return err('invalid_input', issues.map((i) => `${i.path || '(input)'}: ${i.message}`).join('; '), issues);
  }
  if (spec.permission) {
    const staff = ctx.session();
    if (!staff) return err('unauthenticated', 'sign in first');
    if (ctx.locked()) return err('locked', 'the session is locked; unlock it to continue');
    if (!can(staff.role, spec.permission)) return err('forbidden', `the ${staff.role} role may not use ${method}`);
  }
  try {
    return await (handlers[method] as (input: unknown, ctx: HandlerContext) => Promise<Result<unknown>>)(parsed.data, ctx);
  } catch (error) {
    ctx.log(`handler ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return err('internal', 'the console failed to do this; nothing was changed unless it said so');
  }
}
