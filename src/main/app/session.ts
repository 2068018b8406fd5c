import { err, ok } from '../../shared/result.js';
import { createApp } from './app.js';
import type { HandlerContext } from './context.js';

const noSessions = () => err('unavailable', 'this console has no sign-in (its session is fixed)');

export const sessionApp = createApp<'session.current' | 'session.signIn' | 'session.signOut' | 'session.lock' | 'session.unlock'>({
  'session.current': async (_input, ctx) => ok({ staff: ctx.session(), demo: ctx.demo, locked: ctx.locked() }),
  'session.signIn': async ({ name, password }, ctx: HandlerContext) => (ctx.auth ? ctx.auth.signIn(name, password) : noSessions()),
  'session.signOut': async (_input, ctx) => {
    if (!ctx.auth) return noSessions();
    const signedIn = ctx.auth.staff() !== null;
    await ctx.auth.signOut();
    return ok({ signedOut: signedIn });
  },
  'session.lock': async ({ reason }, ctx) => {
    if (!ctx.auth) return noSessions();
    if (!ctx.auth.staff()) return err('unauthenticated', 'nobody is signed in');
    await ctx.auth.lock(reason);
    return ok({ locked: true });
  },
  'session.unlock': async ({ password }, ctx) => (ctx.auth ? ctx.auth.unlock(password) : noSessions()),
});
