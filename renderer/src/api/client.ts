import type { ApiErrorBody, CallInput, CallName, CallOutput, LiveEvent, NotificationMessage, OutpostBridge } from '../../../main/api/contract';
import { httpBridge } from './http-bridge';

declare global {
  interface Window {
    outpost?: OutpostBridge;
  }
}

// Electron's preload has set window.outpost before any script runs; in a browser we set it here.
const bridge: OutpostBridge = window.outpost ?? (window.outpost = httpBridge());

export class CallError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
  }
  /** The message for one form field, e.g. fieldError('addresses.0.email'). */
  fieldError(path: string): string | undefined {
    return this.body.fields?.find((f) => f.path === path)?.message;
  }
}

export async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const result = await bridge.call(name, input);
  if (!result.ok) throw new CallError(result.error);
  return result.value as CallOutput<K>;
}

/** Hears the core's live events (renderer/src/live/ turns them into refreshes). */
export const subscribeLive = (listener: (event: LiveEvent) => void): (() => void) => bridge.subscribe(listener);

/** Hears the core's desktop notifications (renderer/src/notify/ shows them or opens what they are about). */
export const subscribeNotifications = (listener: (message: NotificationMessage) => void): (() => void) => bridge.subscribeNotifications(listener);
