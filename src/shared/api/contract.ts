/**
 * How the console's API is declared: each method has an input schema, an output type and the
 * permission it needs. One declaration drives every transport (Electron IPC, the browser-mode
 * host, tests' in-memory calls); the renderer gets a typed client from it.
 */
import type { z } from 'zod';
import type { Permission } from '../permissions.js';
import type { Failure, Result } from '../result.js';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** null: callable before signing in (sign-in itself, settings). */
  permission: Permission | null;
  /** Carries the output type; never read at run time. */
  output?: O;
}

/** Declares a method: `method<Output>()(inputSchema, permission)` (the input type is inferred). */
export function method<O>() {
  return <I extends z.ZodType>(input: I, permission: Permission | null): MethodSpec<I, O> => ({ input, permission });
}

export type Contract = Record<string, MethodSpec>;
export type InputOf<C extends Contract, K extends keyof C> = z.input<C[K]['input']>;
export type ParsedInputOf<C extends Contract, K extends keyof C> = z.output<C[K]['input']>;
export type OutputOf<C extends Contract, K extends keyof C> = C[K] extends MethodSpec<z.ZodType, infer O> ? O : never;

/** Flat error codes every method may answer besides its own. */
export const TRANSPORT_ERRORS = ['invalid_input', 'unauthenticated', 'forbidden', 'not_found', 'locked', 'internal', 'unknown_method'] as const;

/** A typed client over any transport that can carry `(method, input) -> Result`. */
export type Client<C extends Contract> = {
  invoke<K extends keyof C & string>(name: K, input: InputOf<C, K>): Promise<Result<OutputOf<C, K>>>;
};

export type Transport = (name: string, input: unknown) => Promise<Result<unknown>>;

export function createClient<C extends Contract>(transport: Transport): Client<C> {
  return {
    invoke: (name, input) => transport(name, input) as never,
  };
}

export function isFailure(value: unknown): value is { ok: false; error: Failure } {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}
