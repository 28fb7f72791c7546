// The one way the web app talks to the API: fetch with the session cookie, JSON in and out,
// and the server's error format ({error: {code, message, details}}) turned into an ApiError
// so a page can show the message and branch on the code or status.
import type { ErrorCode } from '../../../definition/error-codes.ts';

/** The server's codes, and `network` when the server could not be reached at all. */
export type ApiErrorCode = ErrorCode | 'network';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** The session hook listens here: any 401 means the session ended (expired, signed out elsewhere). */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

function isErrorBody(v: unknown): v is { error: { code: ApiErrorCode; message: string; details?: unknown } } {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string';
}

/** A file sent as it is (a bank statement), with its own content type, instead of JSON. */
type RawBody = { text: string; contentType: string };
const isRaw = (body: unknown): body is RawBody => typeof body === 'object' && body !== null && 'contentType' in body && 'text' in body;

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': isRaw(body) ? body.contentType : 'application/json' },
      body: body === undefined ? undefined : isRaw(body) ? body.text : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && path !== '/api/auth/login') for (const l of unauthenticatedListeners) l();
    if (isErrorBody(parsed)) throw new ApiError(response.status, parsed.error.code, parsed.error.message, parsed.error.details);
    throw new ApiError(response.status, response.status >= 500 ? 'internal' : 'invalid', `${method} ${path} failed with status ${response.status}`);
  }
  return parsed as T;
}

/** A PDF from the API (a letter, a print batch, a template preview); an error answer is thrown as ApiError. */
async function pdf(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/pdf, application/json' } : { accept: 'application/pdf, application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.');
  }
  if (response.ok) return await response.blob();
  const parsed: unknown = await response.json().catch(() => undefined);
  if (response.status === 401) for (const l of unauthenticatedListeners) l();
  if (isErrorBody(parsed)) throw new ApiError(response.status, parsed.error.code, parsed.error.message, parsed.error.details);
  throw new ApiError(response.status, response.status >= 500 ? 'internal' : 'invalid', `${method} ${path} failed with status ${response.status}`);
}

/** Opens a PDF in a new tab (the browser's own viewer prints it); the tab's address is a local blob. */
export async function openPdf(blob: Promise<Blob>): Promise<void> {
  const url = URL.createObjectURL(await blob);
  window.open(url, '_blank', 'noopener');
  // The new tab has loaded it by then; the memory is given back.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** Posts a file's text as the body, with its content type (CSV, XML, ...). */
  upload: <T>(path: string, text: string, contentType: string) => request<T>('POST', path, { text, contentType } satisfies RawBody),
  pdf: (path: string, body?: unknown) => pdf(body === undefined ? 'GET' : 'POST', path, body),
};

/** Query strings from plain objects; undefined values are left out. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
