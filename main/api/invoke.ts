import { z } from 'zod';
import { calls, isCallName, type ApiResult, type CallName, type CallOutput, type ParsedInput } from './contract';
import { ApiError } from './errors';

export type Handlers = { [K in CallName]: (input: ParsedInput<K>) => CallOutput<K> | Promise<CallOutput<K>> };

export interface InvokeLog {
  error(message: string, err: unknown): void;
}

/**
 * The single entrance for every transport: validates the input against the contract, runs the
 * handler, and turns every outcome into an ApiResult. Invalid input never reaches a handler.
 */
export async function invoke(handlers: Handlers, name: string, rawInput: unknown, log: InvokeLog = console): Promise<ApiResult> {
  if (!isCallName(name)) return { ok: false, error: { code: 'unknown_call', message: `There is no call named "${name}".` } };
  const parsed = calls[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
  try {
    const handler = handlers[name] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: { code: err.code, message: err.message, fields: err.fields } };
    if (err instanceof z.ZodError) return { ok: false, error: invalidInput(err) };
    log.error(`call ${name} failed`, err);
    return { ok: false, error: { code: 'internal', message: `${name} failed: ${err instanceof Error ? err.message : String(err)}` } };
  }
}

function invalidInput(error: z.ZodError) {
  const fields = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = fields[0];
  const message = first ? `${first.path || 'input'}: ${first.message}` : 'invalid input';
  return { code: 'invalid_input' as const, message: fields.length > 1 ? `${message} (and ${fields.length - 1} more)` : message, fields };
}
