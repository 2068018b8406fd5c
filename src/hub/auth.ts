/**
 * Staff authentication: scrypt password hashes, expiring bearer tokens (stored only as their
 * SHA-256), lock-out after repeated failures. Failures answer one generic message so a caller
 * cannot tell a wrong name from a wrong password.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from '../core/auth/passwords.js';
import type { AuditActor, AuditFields } from '../core/audit/chain.js';
import type { SessionResponse, StaffIdentity } from '../shared/api/hub.js';
import type { IdGenerator } from '../shared/ids.js';
import { ROLES, type Role } from '../shared/roles.js';
import type { HubStorage, StaffRecord } from './storage/types.js';

export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class PasswordPolicyError extends Error {}

export function checkPasswordPolicy(password: string): void {
  if (password.length < 10) throw new PasswordPolicyError('a staff password needs at least 10 characters');
}

export async function addStaff(storage: HubStorage, input: { name: string; role: Role; password: string }, ctx: { clock: () => number; newId: IdGenerator }): Promise<StaffIdentity> {
  if (!ROLES.includes(input.role)) throw new Error(`unknown role "${input.role}" (one of ${ROLES.join(', ')})`);
  if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(input.name)) throw new Error('a staff name is 2-64 characters: lowercase letters, digits, . _ -');
  checkPasswordPolicy(input.password);
  const passwordHash = await hashPassword(input.password);
  return storage.write(async (tx) => {
    if (await tx.findStaffByName(input.name)) throw new Error(`staff "${input.name}" already exists`);
    const staff: StaffRecord = {
      id: ctx.newId(),
      name: input.name,
      role: input.role,
      passwordHash,
      failedAttempts: 0,
      lockedUntil: null,
      disabled: false,
      createdAt: ctx.clock(),
    };
    await tx.insertStaff(staff);
    await tx.appendAudit([{ at: ctx.clock(), actor: { kind: 'system' }, action: 'staff.created', target: `staff:${staff.id}`, detail: { name: staff.name, role: staff.role } }]);
    return { id: staff.id, name: staff.name, role: staff.role };
  });
}

/** Creates the first admin from ESCROW_BOOTSTRAP_ADMIN=name:password when there is no staff yet. */
export async function bootstrapAdmin(storage: HubStorage, spec: string | undefined, ctx: { clock: () => number; newId: IdGenerator }): Promise<StaffIdentity | null> {
  if (!spec) return null;
  const colon = spec.indexOf(':');
  if (colon <= 0) throw new Error('ESCROW_BOOTSTRAP_ADMIN must be name:password');
  const empty = await storage.write((tx) => tx.countStaff().then((n) => n === 0));
  if (!empty) return null;
  return addStaff(storage, { name: spec.slice(0, colon), role: 'admin', password: spec.slice(colon + 1) }, ctx);
}

export type LoginResult = { ok: true; session: SessionResponse } | { ok: false; code: 'invalid_credentials' | 'locked'; message: string; retryAt?: number };

/** Who a sign-in attempt was for: the staff member when the name is known, else the hub itself. */
function attemptActor(staff: StaffRecord | null): AuditActor {
  return staff ? { id: staff.id, role: staff.role } : { kind: 'system' };
}

export async function login(storage: HubStorage, name: string, password: string, ctx: { clock: () => number }): Promise<LoginResult> {
  const now = ctx.clock();
  const staff = await storage.write((tx) => tx.findStaffByName(name));
  const failed = (reason: string, extra: AuditFields[] = []) =>
    storage.write((tx) => tx.appendAudit([{ at: now, actor: attemptActor(staff), action: 'session.login_failed', target: `staff-name:${name}`, detail: { reason } }, ...extra]));
  if (staff?.lockedUntil && staff.lockedUntil > now) {
    await failed('locked');
    return { ok: false, code: 'locked', message: 'this account is locked after repeated failed sign-ins; try again later', retryAt: staff.lockedUntil };
  }
  // Verify even for an unknown name, so timing does not tell names apart.
  const valid = await verifyPassword(password, staff?.passwordHash ?? DUMMY_HASH);
  if (!staff || staff.disabled || !valid) {
    if (staff) {
      const failures = staff.failedAttempts + 1;
      const lockedUntil = failures >= MAX_FAILED_LOGINS ? now + LOCKOUT_MS : null;
      await storage.write((tx) => tx.updateStaffAuth(staff.id, lockedUntil ? 0 : failures, lockedUntil));
      const lock: AuditFields[] = lockedUntil
        ? [{ at: now, actor: attemptActor(staff), action: 'session.lock', target: `staff:${staff.id}`, detail: { reason: 'repeated_failed_sign_ins', until: lockedUntil } }]
        : [];
      await failed(staff.disabled ? 'disabled' : 'wrong_password', lock);
    } else {
      await failed('unknown_name');
    }
    return { ok: false, code: 'invalid_credentials', message: 'wrong name or password' };
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_TTL_MS;
  await storage.write(async (tx) => {
    await tx.updateStaffAuth(staff.id, 0, null);
    await tx.insertSession({ tokenHash: tokenHash(token), staffId: staff.id, createdAt: now, expiresAt });
    await tx.deleteExpiredSessions(now);
    await tx.appendAudit([{ at: now, actor: attemptActor(staff), action: 'session.login', target: `staff:${staff.id}`, detail: { expiresAt } }]);
  });
  return { ok: true, session: { token, expiresAt, staff: { id: staff.id, name: staff.name, role: staff.role } } };
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** The staff member a bearer token belongs to, if it is valid and unexpired. */
export async function authenticate(storage: HubStorage, token: string, now: number): Promise<StaffIdentity | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const found = await storage.findSession(tokenHash(token));
  if (!found || found.session.expiresAt <= now || found.staff.disabled) return null;
  return { id: found.staff.id, name: found.staff.name, role: found.staff.role };
}

/** Signs out: the token stops working at once, and the sign-out is audited. */
export async function logout(storage: HubStorage, token: string, staff: StaffIdentity, ctx: { clock: () => number }): Promise<boolean> {
  return storage.write(async (tx) => {
    const ended = await tx.deleteSession(tokenHash(token));
    if (ended) await tx.appendAudit([{ at: ctx.clock(), actor: { id: staff.id, role: staff.role }, action: 'session.logout', target: `staff:${staff.id}`, detail: {} }]);
    return ended;
  });
}
