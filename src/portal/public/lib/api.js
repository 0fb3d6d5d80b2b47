import { loadRefusals } from './i18n.js';
import { session, signOut } from './session.js';

export const API = '/api/v1';

/** A refusal, with its sentences loaded so it can be shown in words at once (lib/ui.js). */
async function refusal(status, body) {
  await loadRefusals().catch(() => {}); // offline mid-visit: the notice falls back to the server's words
  return new ApiError(status, body);
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.code ?? null;
    this.details = body?.details ?? null;
  }
}

// Read your own writes: every write answers the position of its last event, and a later read asks
// the server (?after=) to answer only once its projections have reached it (API.md, Conventions).
const POSITION = 'gongzhi.position';
const lastWrite = () => sessionStorage.getItem(POSITION);

function remember(position) {
  if (!/^\d+$/.test(String(position ?? ''))) return;
  const before = lastWrite();
  if (!before || BigInt(position) > BigInt(before)) sessionStorage.setItem(POSITION, String(position));
}

function afterLastWrite(path) {
  const position = lastWrite();
  if (!position || path.startsWith('/auth/') || /[?&]after=/.test(path)) return path;
  return `${path}${path.includes('?') ? '&' : '?'}after=${position}`;
}

const STALE = new Set(['INVALID_TOKEN', 'TOKEN_EXPIRED']);
/** Fired on window when the server turned the session's token away: the page's header redraws. */
export const SIGNED_OUT = 'gongzhi:signed-out';

/** JSON in, JSON out; the session's token is sent when there is one. */
export async function api(path, { method = 'GET', body, auth = true, headers = {} } = {}) {
  if (method === 'GET') path = afterLastWrite(path);
  const h = { accept: 'application/json', ...headers };
  const s = auth ? session() : null;
  if (s) h.authorization = `Bearer ${s.token}`;
  // A file (a spreadsheet, a CSV) goes as its bytes, with its own type; anything else as JSON.
  const file = typeof Blob !== 'undefined' && body instanceof Blob;
  if (body !== undefined) h['content-type'] = file ? headers['content-type'] || body.type : 'application/json';
  let response;
  try {
    response = await fetch(`${API}${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : file ? body : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { code: 'NETWORK', message: String(e?.message ?? e) });
  }
  const text = await response.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok && s && response.status === 401 && STALE.has(parsed?.code)) {
    // A token that expired or no longer names an account: the tab is signed out (the header says so at
    // once), and a read is asked again without it, so a public page still shows what anyone may read.
    signOut();
    window.dispatchEvent(new Event(SIGNED_OUT));
    if (method === 'GET') return api(path, { method, body, auth: false, headers });
  }
  if (!response.ok) throw await refusal(response.status, parsed);
  if (method !== 'GET') remember(parsed?.position ?? parsed?.receipt?.position);
  return parsed;
}

export const get = (path, options) => api(path, options);
export const post = (path, body, options = {}) => api(path, { ...options, method: 'POST', body });

/** A file the API serves only to a signed-in reader (a plain link would carry no token). */
export async function fetchFile(path) {
  const s = session();
  const response = await fetch(`${API}${afterLastWrite(path)}`, {
    headers: s ? { authorization: `Bearer ${s.token}` } : {},
  });
  if (!response.ok) throw await refusal(response.status, await response.json().catch(() => null));
  return response.blob();
}
