import { session } from './session.js';

export const API = '/api/v1';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.code ?? null;
    this.details = body?.details ?? null;
  }

  /** The route itself does not exist on this server (yet), as opposed to a missing record. */
  get missingEndpoint() {
    return this.status === 404 && (this.code === null || this.code === 'NOT_FOUND');
  }
}

/** JSON in, JSON out; the session's token is sent when there is one. */
export async function api(path, { method = 'GET', body, auth = true, headers = {} } = {}) {
  const h = { accept: 'application/json', ...headers };
  const s = auth ? session() : null;
  if (s) h.authorization = `Bearer ${s.token}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  let response;
  try {
    response = await fetch(`${API}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw Object.assign(new ApiError(0, { code: 'NETWORK', message: String(e?.message ?? e) }));
  }
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

export const get = (path, options) => api(path, options);
export const post = (path, body, options = {}) => api(path, { ...options, method: 'POST', body });

/** Fetches, and answers null instead of throwing when the endpoint is not built yet. */
export async function getOptional(path, options) {
  try {
    return await api(path, options);
  } catch (e) {
    if (e instanceof ApiError && e.missingEndpoint) return null;
    throw e;
  }
}
