import type { ApiErrorBody, ErrorCode } from './contract';

/** Thrown by handlers for an expected failure; it reaches the UI as its code and message. */
export class ApiError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly fields?: ApiErrorBody['fields']) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string, id: number) => new ApiError('not_found', `${what} ${id} does not exist (it may have been deleted)`);
