/**
 * Staff authentication: scrypt password hashes, expiring bearer tokens (stored only as their
 * SHA-256), lock-out after repeated failures. Failures answer one generic message so a caller
 * cannot tell a wrong name from a wrong password.
 */
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { SessionResponse, StaffIdentity } from '../shared/api/hub.js';
import type { IdGenerator } from '../shared/ids.js';
import { ROLES, type Role } from '../shared/roles.js';
import type { HubStorage, StaffRecord } from './storage/types.js';

export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(password, salt, keylen, options, (e, key) => (e ? reject(e) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash`, base64url parts. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

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

export async function login(storage: HubStorage, name: string, password: string, ctx: { clock: () => number }): Promise<LoginResult> {
  const now = ctx.clock();
  const staff = await storage.write((tx) => tx.findStaffByName(name));
  if (staff?.lockedUntil && staff.lockedUntil > now) {
    return { ok: false, code: 'locked', message: 'this account is locked after repeated failed sign-ins; try again later', retryAt: staff.lockedUntil };
  }
  // Verify even for an unknown name, so timing does not tell names apart.
  const valid = await verifyPassword(password, staff?.passwordHash ?? DUMMY_HASH);
  if (!staff || staff.disabled || !valid) {
    if (staff) {
      const failures = staff.failedAttempts + 1;
      const lockedUntil = failures >= MAX_FAILED_LOGINS ? now + LOCKOUT_MS : null;
      await storage.write((tx) => tx.updateStaffAuth(staff.id, lockedUntil ? 0 : failures, lockedUntil));
    }
    return { ok: false, code: 'invalid_credentials', message: 'wrong name or password' };
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_TTL_MS;
  await storage.write(async (tx) => {
    await tx.updateStaffAuth(staff.id, 0, null);
    await tx.insertSession({ tokenHash: tokenHash(token), staffId: staff.id, createdAt: now, expiresAt });
    await tx.deleteExpiredSessions(now);
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
