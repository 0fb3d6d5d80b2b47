import { ApiError, get } from '../lib/api.js';
import { clear, field, h, notice } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { ed25519Supported, keyFingerprint, verifyCheckpointSignature, verifyInclusion } from '../lib/ledger-verify.js';
import { keptReceipts } from '../lib/session.js';
import { busy, errorNotice, heading } from '../lib/ui.js';

const NOT_YET = new Set(['CHECKPOINT_NOT_FOUND', 'EVENT_NOT_IN_LOG', 'EVENT_NOT_IN_TREE']);

/** A downloaded receipt file, or the bare receipt object the API answered. */
export function parseReceipt(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  const receipt = doc?.receipt ?? doc;
  if (typeof receipt?.eventId !== 'string' || !/^[0-9a-fA-F]{64}$/.test(receipt?.leafHash ?? '')) return null;
  return { communityId: typeof doc.communityId === 'string' ? doc.communityId : null, receipt };
}

export default async function render(view, _params, query) {
  const kept = keptReceipts().find((d) => d.receipt?.eventId === query.get('eventId'));
  const text = h('textarea', { name: 'receipt', spellcheck: 'false', autocomplete: 'off' });
  if (kept) text.value = JSON.stringify(kept, null, 2);
  const file = h('input', { type: 'file', name: 'file', accept: 'application/json,.json,text/plain' });
  file.addEventListener('change', async () => {
    if (file.files?.[0]) text.value = await file.files[0].text();
  });
  const communities = await get('/communities', { auth: false }).catch(() => []);
  const select = h('select', { name: 'communityId' }, communities.map((c) => h('option', { value: c.id, selected: kept?.communityId === c.id }, c.name)));
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', {
    onsubmit: (event) => {
      event.preventDefault();
      busy(form, () => check(text.value, select.value, result));
    },
  },
  field(t('pasteReceipt'), text),
  field(t('orUpload'), file),
  field(t('community'), select),
  h('button', { type: 'submit' }, t('verifyButton')));
  view.append(heading(t('verifyTitle')), h('p', {}, t('verifyIntro')), form, result);
}

async function check(text, selectedCommunity, result) {
  const parsed = parseReceipt(text);
  if (!parsed) return clear(result, notice('error', t('verifyBadReceipt')));
  const cid = parsed.communityId ?? selectedCommunity;
  const { receipt } = parsed;
  const steps = h('ol', { class: 'steps' });
  const step = (ok, label) => steps.append(h('li', { class: ok ? 'pass' : 'fail' }, label));
  clear(result, steps);
  try {
    if (!globalThis.crypto?.subtle || !(await ed25519Supported())) return result.append(notice('error', t('verifyNoCrypto')));
    const enc = encodeURIComponent(cid);
    const [key, checkpoint] = await Promise.all([get('/log/public-key', { auth: false }), get(`/communities/${enc}/log/checkpoint`, { auth: false })]);
    step(checkpoint.communityId === cid, t('step_checkpoint', { size: checkpoint.treeSize }));
    const fingerprint = await keyFingerprint(key.publicKey);
    const signed = checkpoint.communityId === cid && (await verifyCheckpointSignature(checkpoint, key.publicKey));
    step(signed, t('step_signature', { fp: `${fingerprint.slice(0, 16)}…` }));
    if (!signed) return result.append(notice('error', t('verifyFail', { why: t('fail_signature') })));

    const proof = await get(`/communities/${enc}/log/proofs/inclusion?eventId=${encodeURIComponent(receipt.eventId)}&treeSize=${checkpoint.treeSize}`, { auth: false });
    step(true, t('step_proof', { index: proof.leafIndex }));
    if (String(proof.leafHash).toLowerCase() !== receipt.leafHash.toLowerCase()) {
      step(false, t('fail_leaf'));
      return result.append(notice('error', t('verifyFail', { why: t('fail_leaf') })));
    }
    // The receipt's own leaf hash against the signed root: nothing the server says about the root is trusted.
    const included = await verifyInclusion(receipt.leafHash.toLowerCase(), proof.leafIndex, checkpoint.treeSize, proof.auditPath, checkpoint.rootHash);
    step(included, t('step_inclusion'));
    result.append(included ? notice('ok', t('verifyOk')) : notice('error', t('verifyFail', { why: t('fail_inclusion') })));
  } catch (e) {
    if (e instanceof ApiError && NOT_YET.has(e.code)) return result.append(notice('warn', t('verifyNotYet')));
    result.append(errorNotice(e));
  }
}
