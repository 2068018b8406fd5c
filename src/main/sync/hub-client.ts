/**
 * The console's HTTP client for the hub. Every failure is classified once, here:
 * - transient: the network, a timeout, 429 or 5xx; retrying later may succeed;
 * - unauthenticated: 401; sign in again;
 * - final: any other 4xx; retrying the same request cannot succeed.
 */
import { MAX_ATTACHMENT_BYTES } from '../../shared/escrow/dispute.js';
import type { AuditHeadReport, CommandAnswer, EventsPage, SessionResponse, StaffIdentity } from '../../shared/api/hub.js';

export type HubErrorKind = 'transient' | 'unauthenticated' | 'final';

export class HubError extends Error {
  constructor(
    readonly kind: HubErrorKind,
    readonly status: number | null,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface HubClientOptions {
  /** Per-request timeout, on top of any long-poll wait. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface RequestOptions {
  auth?: boolean;
  extraTimeoutMs?: number;
  cancellable?: boolean;
}

export class HubClient {
  token: string | null = null;
  /** Whose token it is: the hub decides every command as this staff member. */
  staffId: string | null = null;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  /** Aborts the long polls in flight (a sign-out must not wait up to a poll's length). */
  private waits = new AbortController();

  constructor(
    readonly baseUrl: string,
    options: HubClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async signIn(name: string, password: string): Promise<SessionResponse> {
    const session = (await this.request('POST', '/v1/session', JSON.stringify({ name, password }), { auth: false })) as SessionResponse;
    this.token = session.token;
    this.staffId = session.staff.id;
    return session;
  }

  /** Ends the session at the hub: the token stops working at once. */
  async signOut(): Promise<void> {
    if (!this.token) return;
    await this.request('DELETE', '/v1/session/current', undefined);
    this.token = null;
    this.staffId = null;
  }

  async staff(): Promise<StaffIdentity[]> {
    return ((await this.request('GET', '/v1/staff', undefined)) as { staff: StaffIdentity[] }).staff;
  }

  /** A page of the log; `wait` long-polls when nothing is new. Events are returned unparsed. */
  async events(after: number, limit: number, waitMs: number): Promise<EventsPage> {
    return (await this.request('GET', `/v1/events?after=${after}&limit=${limit}&wait=${waitMs}`, undefined, { extraTimeoutMs: waitMs, cancellable: waitMs > 0 })) as EventsPage;
  }

  /** Ends the long polls now waiting on the hub (they fail as unreachable); later ones wait again. */
  cancelWaits(): void {
    this.waits.abort();
    this.waits = new AbortController();
  }

  /** Sends commands already encoded as JSON (the outbox keeps them encoded). */
  async commands(encoded: readonly string[]): Promise<CommandAnswer[]> {
    const body = `{"commands":[${encoded.join(',')}]}`;
    const result = (await this.request('POST', '/v1/commands', body)) as { answers: CommandAnswer[] };
    return result.answers;
  }

  /** Records this console's audit head in the hub's chain. */
  async anchorAuditHead(head: AuditHeadReport): Promise<{ seq: number }> {
    return (await this.request('POST', '/v1/audit/heads', JSON.stringify(head))) as { seq: number };
  }

  /**
   * An evidence file's bytes and the type the hub stored them as (the caller checks them). Read
   * at most MAX_ATTACHMENT_BYTES: a larger answer is refused as it arrives, not held in memory.
   */
  async attachment(sha256: string): Promise<{ mime: string; bytes: Uint8Array }> {
    const response = await this.send('GET', `/v1/attachments/${sha256}`, undefined);
    const tooLarge = () => new HubError('final', response.status, 'attachment_too_large', `the hub's answer for ${sha256} is larger than ${MAX_ATTACHMENT_BYTES} bytes`);
    if (Number(response.headers.get('content-length') ?? 0) > MAX_ATTACHMENT_BYTES) {
      await response.body?.cancel();
      throw tooLarge();
    }
    const chunks: Uint8Array[] = [];
    let received = 0;
    try {
      for await (const chunk of response.body ?? []) {
        received += chunk.byteLength;
        if (received > MAX_ATTACHMENT_BYTES) break;
        chunks.push(chunk);
      }
    } catch (error) {
      throw new HubError('transient', response.status, 'unreachable', `the download of ${sha256} broke off (${error instanceof Error ? error.message : String(error)})`);
    }
    if (received > MAX_ATTACHMENT_BYTES) throw tooLarge();
    return { mime: response.headers.get('content-type') ?? '', bytes: Buffer.concat(chunks) };
  }

  private async request(method: string, path: string, body: string | undefined, options: RequestOptions = {}): Promise<unknown> {
    const response = await this.send(method, path, body, options);
    const text = await response.text().catch(() => '');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new HubError('transient', response.status, 'bad_response', 'the hub answered something that is not JSON');
    }
  }

  /** One request; a response that is not 2xx becomes a classified HubError. */
  private async send(method: string, path: string, body: string | undefined, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.auth !== false) {
      if (!this.token) throw new HubError('unauthenticated', null, 'unauthenticated', 'not signed in to the hub');
      headers.authorization = `Bearer ${this.token}`;
    }
    const timeout = AbortSignal.timeout(this.timeoutMs + (options.extraTimeoutMs ?? 0));
    const cancellable = options.cancellable === true;
    let response: Response;
    try {
      response = await this.fetchImpl(new URL(path, this.baseUrl), {
        method,
        headers,
        body,
        signal: cancellable ? AbortSignal.any([timeout, this.waits.signal]) : timeout,
      });
    } catch (error) {
      const reason = error instanceof Error ? (error.name === 'TimeoutError' ? 'timed out' : error.message) : String(error);
      throw new HubError('transient', null, 'unreachable', `the hub at ${this.baseUrl} is unreachable (${reason})`);
    }
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    let code = `http_${response.status}`;
    let message = `the hub answered ${response.status}`;
    try {
      const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
      code = parsed.error?.code ?? code;
      message = parsed.error?.message ?? message;
    } catch {
      // not a JSON error body: keep the status
    }
    const kind: HubErrorKind = response.status === 401 ? 'unauthenticated' : response.status === 429 || response.status >= 500 ? 'transient' : 'final';
    throw new HubError(kind, response.status, code, message);
  }
}
