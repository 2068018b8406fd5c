/**
 * `npm run console -- <command>`: the console's headless tools, for scripts and scheduled jobs.
 * Node only; nothing here imports electron.
 */
import { runCli, UsageError } from '../../core/cli-args.js';
import { IMPORT_USAGE, importStatementCommand, SAVE_MAPPING_USAGE, saveMappingCommand } from './import-statement.js';
import { STATS_USAGE, statsCommand } from './stats.js';
import { SYNC_USAGE, syncCommand } from './sync.js';
import { VERIFY_USAGE, verifyCommand } from './verify.js';

const COMMANDS: Record<string, { usage: string; run: (argv: readonly string[]) => Promise<number> }> = {
  verify: { usage: VERIFY_USAGE, run: verifyCommand },
  sync: { usage: SYNC_USAGE, run: syncCommand },
  stats: { usage: STATS_USAGE, run: statsCommand },
  'import-statement': { usage: IMPORT_USAGE, run: importStatementCommand },
  'save-mapping': { usage: SAVE_MAPPING_USAGE, run: saveMappingCommand },
};

function usage(): string {
  return ['usage:', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join('\n');
}

runCli(async () => {
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(name ? `unknown command "${name}"\n${usage()}` : usage());
  return command.run(rest);
});
