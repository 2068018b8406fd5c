/**
 * The console's settings file (`<data folder>/config.json`): language, hub address, idle lock.
 * It crosses a boundary (anyone can edit it), so it is read through a schema; a file that does
 * not parse is reported and the defaults are used, never half of it.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type ConsoleSettings } from '../../shared/api/console.js';
import { hubUrlSchema } from '../../shared/schemas.js';

const fileSchema = z.strictObject({
  language: z.enum(LANGUAGES).default('zh-CN'),
  hubUrl: z.union([hubUrlSchema, z.null()]).default(null),
  idleLockMinutes: z.number().int().min(1).max(240).default(15),
});
type FileSettings = z.output<typeof fileSchema>;

export const DEFAULT_IDLE_LOCK_MINUTES = 15;

export class SettingsFile {
  private constructor(
    private readonly dataDir: string,
    private values: FileSettings,
  ) {}

  static async load(dataDir: string, log: (message: string) => void): Promise<SettingsFile> {
    const file = join(dataDir, 'config.json');
    let raw: unknown = {};
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`settings: ${file} is not valid JSON; using the defaults`);
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) log(`settings: ${file} is invalid (${parsed.error.issues[0]?.message}); using the defaults`);
    return new SettingsFile(dataDir, parsed.success ? parsed.data : fileSchema.parse({}));
  }

  /** `hubUrlOverride`: a hub given on the command line wins over the file (and is not saved). */
  view(demo: boolean, hubUrlOverride?: string | null): ConsoleSettings {
    return { ...this.values, hubUrl: hubUrlOverride === undefined ? this.values.hubUrl : hubUrlOverride, dataDir: this.dataDir, demo };
  }

  get current(): FileSettings {
    return this.values;
  }

  /** Writes the whole file atomically (a crash leaves the old or the new file, never half). */
  async update(patch: Partial<FileSettings>): Promise<void> {
    this.values = fileSchema.parse({ ...this.values, ...patch });
    const file = join(this.dataDir, 'config.json');
    await writeFile(`${file}.tmp`, `${JSON.stringify(this.values, null, 2)}\n`, { mode: 0o600 });
    await rename(`${file}.tmp`, file);
  }
}
