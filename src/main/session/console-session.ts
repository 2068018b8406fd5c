/**
 * Who works at this console: sign-in (at the hub, or offline with the credentials cached at the
 * last hub sign-in), idle lock and unlock, sign-out. Every step is written to the console's
 * audit trail. The main process asks this object, not the window, who is signed in.
 */
import { hashPassword, verifyPassword } from '../../core/auth/passwords.js';
import type { StaffIdentity } from '../../shared/api/hub.js';
import type { Role } from '../../shared/roles.js';
import { err, ok, type Result } from '../../shared/result.js';
import type { ConsoleStore } from '../store/console-store.js';
import { HubError, type HubClient } from '../sync/hub-client.js';

/** Offline attempts allowed before the console stops trying for a while (the hub is not there to lock the account). */
const MAX_OFFLINE_FAILURES = 5;
const OFFLINE_LOCKOUT_MS = 15 * 60 * 1000;

export interface SignedIn {
  staff: StaffIdentity;
  /** Signed in with the cached credentials because the hub was out of reach. */
  offline: boolean;
}

export class ConsoleSession {
  private current: StaffIdentity | null = null;
  private isLocked = false;
  private failures = 0;
  private blockedUntil = 0;

  constructor(
    private store: ConsoleStore,
    private readonly hub: HubClient | null,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Continues on a rebuilt store (after a resync). */
  replaceStore(store: ConsoleStore): void {
    this.store = store;
  }

  staff(): StaffIdentity | null {
    return this.current;
  }

  locked(): boolean {
    return this.isLocked;
  }

  async signIn(name: string, password: string): Promise<Result<SignedIn>> {
    const now = this.clock();
    if (now < this.blockedUntil) return err('locked', 'too many failed attempts on this console; try again later');
    if (this.hub) {
      try {
        const session = await this.hub.signIn(name, password);
        await this.cacheCredentials(name, session.staff, password);
        return ok(await this.begin(session.staff, false));
      } catch (error) {
        if (!(error instanceof HubError)) throw error;
        if (error.kind !== 'transient') return this.failed(name, error.code, error.code === 'locked' ? 'this account is locked at the hub; try again later' : 'wrong name or password');
      }
    }
    const cached = await this.store.ledger.db.read.get<{ staff_id: string; role: Role; password_hash: string }>(
      'SELECT staff_id, role, password_hash FROM offline_credentials WHERE name = ?',
      [name],
    );
    if (!cached) return this.failed(name, 'offline_unknown', 'the hub is out of reach and this staff member has not signed in on this console before');
    if (!(await verifyPassword(password, cached.password_hash))) return this.failed(name, 'invalid_credentials', 'wrong name or password');
    return ok(await this.begin({ id: cached.staff_id, name, role: cached.role }, true));
  }

  async lock(reason: 'idle' | 'manual'): Promise<void> {
    if (!this.current || this.isLocked) return;
    this.isLocked = true;
    await this.store.record({ at: this.clock(), actor: { id: this.current.id, role: this.current.role }, action: 'session.lock', detail: { reason } });
  }

  /** Unlocks with the signed-in staff member's password, checked here (works offline). */
  async unlock(password: string): Promise<Result<StaffIdentity>> {
    const staff = this.current;
    if (!staff || !this.isLocked) return err('not_locked', 'the console is not locked');
    if (this.clock() < this.blockedUntil) return err('locked', 'too many failed attempts on this console; try again later');
    const cached = await this.store.ledger.db.read.get<{ password_hash: string }>('SELECT password_hash FROM offline_credentials WHERE name = ?', [staff.name]);
    if (!cached || !(await verifyPassword(password, cached.password_hash))) return this.failed(staff.name, 'invalid_credentials', 'wrong password');
    this.isLocked = false;
    this.failures = 0;
    await this.store.record({ at: this.clock(), actor: { id: staff.id, role: staff.role }, action: 'session.unlock', detail: {} });
    return ok(staff);
  }

  async signOut(): Promise<void> {
    const staff = this.current;
    if (!staff) return;
    this.current = null;
    this.isLocked = false;
    await this.store.record({ at: this.clock(), actor: { id: staff.id, role: staff.role }, action: 'session.logout', detail: {} });
    await this.hub?.signOut().catch(() => undefined); // offline: the token expires on its own
  }

  private async begin(staff: StaffIdentity, offline: boolean): Promise<SignedIn> {
    this.current = staff;
    this.isLocked = false;
    this.failures = 0;
    await this.store.record({ at: this.clock(), actor: { id: staff.id, role: staff.role }, action: 'session.login', detail: { offline } });
    return { staff, offline };
  }

  private async cacheCredentials(name: string, staff: StaffIdentity, password: string): Promise<void> {
    const hash = await hashPassword(password);
    await this.store.ledger.db.transaction((tx) =>
      tx.run(
        `INSERT INTO offline_credentials (name, staff_id, role, password_hash, verified_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET staff_id = excluded.staff_id, role = excluded.role, password_hash = excluded.password_hash, verified_at = excluded.verified_at`,
        [name, staff.id, staff.role, hash, this.clock()],
      ),
    );
  }

  private async failed<T>(name: string, code: string, message: string): Promise<Result<T>> {
    this.failures += 1;
    if (this.failures >= MAX_OFFLINE_FAILURES) {
      this.blockedUntil = this.clock() + OFFLINE_LOCKOUT_MS;
      this.failures = 0;
    }
    await this.store.record({ at: this.clock(), actor: { kind: 'system' }, action: 'session.login_failed', target: `staff-name:${name.slice(0, 64)}`, detail: { code } });
    return err(code, message);
  }
}
