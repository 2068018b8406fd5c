/**
 * A small, strict argument parser for the project's command-line tools: `--name value` pairs
 * and boolean `--flag`s, validated against what each command declares. Unknown or repeated
 * options are errors, never silently ignored.
 */
import type { z } from 'zod';

export class UsageError extends Error {
  readonly exitCode = 2;
}

export interface OptionSpec {
  /** Takes a value (`--db FILE`) or is a switch (`--json`). */
  value: boolean;
  required?: boolean;
}

export type ParsedOptions = Record<string, string | true | undefined>;

export function parseOptions(argv: readonly string[], spec: Record<string, OptionSpec>): ParsedOptions {
  const out: ParsedOptions = {};
  for (let i = 0; i < argv.length; i += 1) {
    const token = argv[i];
    if (!token.startsWith('--')) throw new UsageError(`unexpected argument "${token}"`);
    const [name, inline] = token.slice(2).split(/=(.*)/s, 2);
    const option = spec[name];
    if (!option) throw new UsageError(`unknown option --${name}`);
    if (out[name] !== undefined) throw new UsageError(`--${name} given twice`);
    if (!option.value) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      out[name] = true;
      continue;
    }
    const value = inline ?? argv[i + 1];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    if (inline === undefined) i += 1;
    out[name] = value;
  }
  for (const [name, option] of Object.entries(spec)) {
    if (option.required && out[name] === undefined) throw new UsageError(`--${name} is required`);
  }
  return out;
}

/**
 * A whole-number option from min to max; undefined when absent. Digits only: a sign, a fraction
 * or an exponent ("1e3") is refused rather than read as some other number.
 */
export function intOption(value: string | true | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/**
 * A URL option checked by `schema` (hubUrlSchema for a hub), as given; undefined when absent. The
 * schema's first message completes "--name must be ...".
 */
export function urlOption(value: string | true | undefined, name: string, schema: z.ZodType<string>): string | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--${name} must be ${parsed.error.issues[0]?.message ?? 'a URL'} (got "${String(value).slice(0, 80)}")`);
  return parsed.data;
}

/** Runs a CLI entry point: usage errors exit 2 with a message, other failures exit 1 without a stack. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`error: ${message}\n`);
      if (process.env.ESCROW_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
      process.exitCode = error instanceof UsageError ? 2 : 1;
    },
  );
}
