/**
 * The world an end-to-end journey runs in: a real hub process on its own copy of the seeded
 * hub database (so journeys never see each other's decisions and can run side by side), and a
 * real browser-mode console syncing with it. The seeded template is made once per run by
 * global-setup.ts in the run's folder (ESCROW_E2E_RUN_DIR), with the hub's simulated time.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_RETRY, HubClient } from '../../../src/sim/hub-client.js';
import { HubClock } from '../../../src/sim/hub-clock.js';
import { Random } from '../../../src/sim/random.js';
import { startHub, type HubProcess } from '../../support/hub-process.js';
import { startWeb, type WebProcess } from '../../support/web-process.js';

/** Each Playwright run works in its own folder (global setup names it), so runs side by side never share one. */
export const E2E_RUNS = resolve('test-results', 'e2e-world');
const RUN_DIR_VARIABLE = 'ESCROW_E2E_RUN_DIR';

export function newRunDir(): string {
  mkdirSync(E2E_RUNS, { recursive: true });
  const dir = mkdtempSync(join(E2E_RUNS, 'run-'));
  // Global setup's environment is what the workers start with.
  process.env[RUN_DIR_VARIABLE] = dir;
  return dir;
}

function runDir(): string {
  const dir = process.env[RUN_DIR_VARIABLE];
  if (!dir) throw new Error(`${RUN_DIR_VARIABLE} is not set: run the journeys with \`npx playwright test\` (its global setup seeds the world)`);
  return dir;
}

/** What global setup seeded: the hub database and where its simulated clock had got to. */
export interface TemplateInfo {
  hubDb: string;
  hubNow: number;
  orders: number;
  seed: string;
}

/** The staff global setup adds; each signs in with `${name}-password-1`. */
export const STAFF = {
  agent: { name: 'agent', role: 'agent' },
  agent2: { name: 'agent2', role: 'agent' },
  risk: { name: 'risk', role: 'risk' },
  onboarding: { name: 'onboarding', role: 'onboarding' },
  finance: { name: 'finance', role: 'finance' },
  finance2: { name: 'finance2', role: 'finance' },
  admin: { name: 'admin', role: 'admin' },
} as const;
export type StaffName = keyof typeof STAFF;
export const passwordOf = (name: StaffName): string => `${name}-password-1`;

export function writeTemplateInfo(info: TemplateInfo): void {
  writeFileSync(join(runDir(), 'template.json'), JSON.stringify(info));
}

export function readTemplateInfo(): TemplateInfo {
  return JSON.parse(readFileSync(join(runDir(), 'template.json'), 'utf8')) as TemplateInfo;
}

function hubClient(url: string): HubClient {
  return new HubClient({ baseUrl: url, headers: {}, retry: DEFAULT_RETRY, jitter: new Random('e2e') });
}

/** Moves a (re)started test hub's clock to the simulated time the template had reached. */
export async function catchUpClock(url: string, hubNow: number): Promise<void> {
  await HubClock.attach(hubClient(url), hubNow);
}

export class World {
  private constructor(
    readonly dir: string,
    private readonly hubDb: string,
    private readonly hubNow: number,
    public hub: HubProcess | null,
    readonly web: WebProcess,
  ) {}

  /** The link a browser opens: the console's origin with its per-launch secret. */
  get url(): string {
    return `${this.web.origin}?secret=${this.web.secret}`;
  }

  get hubUrl(): string {
    if (!this.hub) throw new Error('the hub is stopped');
    return this.hub.url;
  }

  static async start(name: string): Promise<World> {
    const template = readTemplateInfo();
    const dir = mkdtempSync(join(runDir(), `${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}-`));
    const hubDb = join(dir, 'hub.db');
    copyFileSync(template.hubDb, hubDb);
    const hub = await startHub({ db: hubDb });
    try {
      await catchUpClock(hub.url, template.hubNow);
      const web = await startWeb(['--hub', hub.url, '--data', join(dir, 'console'), '--port', '0', '--no-build', '--follow-hub-clock']);
      return new World(dir, hubDb, template.hubNow, hub, web);
    } catch (error) {
      await hub.stop();
      throw error;
    }
  }

  /** Takes the hub away (the console goes offline). */
  async stopHub(): Promise<void> {
    await this.hub?.stop();
    this.hub = null;
  }

  /** Brings the hub back on the same port and database, on the simulated time. */
  async restartHub(port: number): Promise<void> {
    if (this.hub) throw new Error('the hub is running');
    this.hub = await startHub({ db: this.hubDb }, { port });
    await catchUpClock(this.hub.url, this.hubNow);
  }

  async stop(): Promise<void> {
    await this.web.stop();
    await this.hub?.stop();
  }
}
