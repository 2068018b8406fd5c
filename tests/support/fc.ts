/**
 * fast-check settings shared by the property tests: a fixed seed (override with
 * ESCROW_FC_SEED to replay a failure; fast-check prints the seed and path of a failing run) and
 * a run count scaled by ESCROW_FC_RUNS_SCALE for longer fuzzing sessions.
 */
import type { Parameters } from 'fast-check';

export const FC_SEED = Number(process.env.ESCROW_FC_SEED ?? 20261125);
const SCALE = Math.max(1, Number(process.env.ESCROW_FC_RUNS_SCALE ?? 1));

export function fcOptions<T>(numRuns = 200): Parameters<T> {
  return {
    seed: FC_SEED,
    numRuns: Math.round(numRuns * SCALE),
    endOnFailure: false,
    reporter: (details) => {
      if (details.failed) {
        throw new Error(
          `property failed (seed ${details.seed}, path "${details.counterexamplePath}"; replay with ESCROW_FC_SEED=${details.seed}):\n` +
            `${JSON.stringify(details.counterexample, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}\n${details.errorInstance ?? ''}`,
        );
      }
    },
  };
}
