// The access token lives in sessionStorage: it dies with the tab, which suits a shared family phone.
const KEY = 'gongzhi.session';

export function session() {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (!s || Date.now() >= s.expiresAt) return null;
    return s;
  } catch {
    return null;
  }
}

export function saveSession({ accessToken, expiresIn }, me) {
  const s = {
    token: accessToken,
    expiresAt: Date.now() + (Number(expiresIn) || 900) * 1000 - 5000,
    login: me.login,
    grants: me.grants ?? [],
  };
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return s;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** The grants of the current session with this role, for this community when one is given. */
export function grants(role, communityId) {
  const s = session();
  if (!s) return [];
  return s.grants.filter(
    (g) =>
      g.role === role &&
      (communityId === undefined ||
        g.communityId === communityId ||
        (g.communityId === null && (role === 'admin' || role === 'regulator'))),
  );
}

export const isOwnerOf = (cid) => grants('owner', cid).length > 0;
export const isCommitteeOf = (cid) => grants('committee', cid).length > 0;

// Receipts stay on this device after sign-out: they are the owner's, not the session's.
const RECEIPTS = 'gongzhi.receipts';

export function keptReceipts() {
  try {
    return JSON.parse(localStorage.getItem(RECEIPTS) ?? '[]');
  } catch {
    return [];
  }
}

export function keepReceipt(doc) {
  const all = keptReceipts().filter((r) => r.receipt?.eventId !== doc.receipt.eventId);
  all.push(doc);
  localStorage.setItem(RECEIPTS, JSON.stringify(all.slice(-200)));
}
