import { ApiError, get } from '../lib/api.js';
import { clear, field, h, notice } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { ed25519Supported, eventLeafHash, verifyCheckpointSignature, verifyInclusion } from '../lib/ledger-verify.js';
import { checkAgainstPin, shortFingerprint } from '../lib/log-pin.js';
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
  const id = (v) => (typeof v === 'string' && v ? v : null);
  // Which vote: only then can the device ask whether the ballot was counted, not just logged.
  const vote = id(doc.resolutionId)
    ? { path: 'resolutions', id: doc.resolutionId }
    : id(doc.electionId)
      ? { path: 'elections', id: doc.electionId }
      : null;
  return { communityId: id(doc.communityId), receipt, vote };
}

/** A ballot from "My votes" that no receipt file was kept for (paper, proxy, another device): named in the link. */
function linkedReceipt(query) {
  const [communityId, eventId, leafHash] = ['communityId', 'eventId', 'leafHash'].map((k) => query.get(k));
  if (!communityId || !eventId || !leafHash) return null;
  const which = query.get('electionId')
    ? { electionId: query.get('electionId') }
    : query.get('resolutionId')
      ? { resolutionId: query.get('resolutionId') }
      : {};
  return { communityId, ...which, receipt: { eventId, leafHash } };
}

export default async function render(view, _params, query) {
  const kept = keptReceipts().find((d) => d.receipt?.eventId === query.get('eventId')) ?? linkedReceipt(query);
  const text = h('textarea', { name: 'receipt', spellcheck: 'false', autocomplete: 'off' });
  if (kept) text.value = JSON.stringify(kept, null, 2);
  const file = h('input', { type: 'file', name: 'file', accept: 'application/json,.json,text/plain' });
  file.addEventListener('change', async () => {
    if (file.files?.[0]) text.value = await file.files[0].text();
  });
  const communities = await get('/communities', { auth: false }).catch(() => []);
  const select = h(
    'select',
    { name: 'communityId' },
    communities.map((c) => h('option', { value: c.id, selected: kept?.communityId === c.id }, c.name)),
  );
  const result = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      onsubmit: (event) => {
        event.preventDefault();
        busy(form, () => check(text.value, select.value, result));
      },
    },
    field(t('pasteReceipt'), text),
    field(t('orUpload'), file),
    field(t('community'), select),
    h('button', { type: 'submit' }, t('verifyButton')),
  );
  view.append(heading(t('verifyTitle')), h('p', {}, t('verifyIntro')), form, result);
}

async function check(text, selectedCommunity, result) {
  const parsed = parseReceipt(text);
  if (!parsed) return clear(result, notice('error', t('verifyBadReceipt')));
  const cid = parsed.communityId ?? selectedCommunity;
  const { receipt, vote } = parsed;
  const leafHash = receipt.leafHash.toLowerCase();
  const steps = h('ol', { class: 'steps' });
  const step = (ok, label) => steps.append(h('li', { class: ok ? 'pass' : 'fail' }, label));
  const fail = (why) => result.append(notice('error', t('verifyFail', { why })));
  clear(result, steps);
  try {
    if (!globalThis.crypto?.subtle || !(await ed25519Supported()))
      return result.append(notice('error', t('verifyNoCrypto')));
    const enc = encodeURIComponent(cid);
    const [key, checkpoint] = await Promise.all([
      get('/log/public-key', { auth: false }),
      get(`/communities/${enc}/log/checkpoint`, { auth: false }),
    ]);
    step(checkpoint.communityId === cid, t('step_checkpoint', { size: checkpoint.treeSize }));
    const signed = checkpoint.communityId === cid && (await verifyCheckpointSignature(checkpoint, key.publicKey));
    const pin = signed ? await checkAgainstPin(cid, key.publicKey, checkpoint) : null;
    const fp = pin ? shortFingerprint(pin.fingerprint) : '';
    step(signed, t('step_signature', { fp }));
    if (!signed) return fail(t('fail_signature'));
    // The key and the history this device saw before: a server that swapped either is named loudly here.
    if (pin.status === 'KEY_CHANGED' || pin.status === 'ROLLED_BACK' || pin.status === 'INCONSISTENT') {
      step(
        false,
        t(`pin_${pin.status}`, { fp, was: shortFingerprint(pin.pinned.fingerprint), size: pin.pinned.treeSize }),
      );
      return result.append(
        notice(
          'error',
          h('strong', {}, t('pinAlarm')),
          ' ',
          t(`pin_${pin.status}`, { fp, was: shortFingerprint(pin.pinned.fingerprint), size: pin.pinned.treeSize }),
        ),
      );
    }
    step(true, t(`pin_${pin.status}`, { fp, size: pin.pinned?.treeSize ?? checkpoint.treeSize }));

    const included = await inSignedLog(enc, receipt.eventId, leafHash, checkpoint);
    step(included.found, t('step_proof', { index: included.leafIndex ?? '?' }));
    if (!included.sameLeaf) {
      step(false, t('fail_leaf'));
      return fail(t('fail_leaf'));
    }
    // The receipt's own leaf hash against the signed root: nothing the server says about the root is trusted.
    step(included.ok, t('step_inclusion'));
    if (!included.ok) return fail(t('fail_inclusion'));
    if (!vote) return result.append(notice('ok', t('verifyOk')));
    await checkCounted(enc, vote, leafHash, checkpoint, step, result);
  } catch (e) {
    if (e instanceof ApiError && NOT_YET.has(e.code)) return result.append(notice('warn', t('verifyNotYet')));
    result.append(errorNotice(e));
  }
}

/** Whether the event with this id is the leaf `leafHash` under the signed checkpoint. */
async function inSignedLog(enc, eventId, leafHash, checkpoint) {
  const proof = await get(
    `/communities/${enc}/log/proofs/inclusion?eventId=${encodeURIComponent(eventId)}&treeSize=${checkpoint.treeSize}`,
    { auth: false },
  );
  const sameLeaf = String(proof.leafHash).toLowerCase() === leafHash;
  const ok =
    sameLeaf &&
    (await verifyInclusion(leafHash, proof.leafIndex, checkpoint.treeSize, proof.auditPath, checkpoint.rootHash));
  return { found: true, leafIndex: proof.leafIndex, sameLeaf, ok };
}

/**
 * Counted as cast (Helios, Belenios): the close event is found under the signed checkpoint, the
 * counted root is read from that event (not from the answer), and the ballot — or the one that
 * replaced it — is proven in it. The page says "counted" only when all of that holds.
 */
async function checkCounted(enc, vote, leafHash, checkpoint, step, result) {
  let answer;
  try {
    answer = await get(`/communities/${enc}/${vote.path}/${encodeURIComponent(vote.id)}/counted/${leafHash}`, {
      auth: false,
    });
  } catch (e) {
    if (e instanceof ApiError && /_NOT_CLOSED$/.test(e.code ?? ''))
      return result.append(notice('ok', t('verifyLoggedOnly')));
    throw e;
  }
  const close = answer.closeEvent;
  const closeLeaf = close?.eventId === answer.closeEventId ? await eventLeafHash(close) : null;
  const closeLogged = closeLeaf !== null && (await inSignedLog(enc, close.eventId, closeLeaf, checkpoint)).ok;
  step(closeLogged, t('step_closeLogged'));
  if (!closeLogged) return result.append(notice('error', t('verifyFail', { why: t('fail_close') })));
  const { countedRoot, countedSize } = close.data ?? {};
  const proven = (leaf) =>
    answer.leafIndex !== null && verifyInclusion(leaf, answer.leafIndex, countedSize, answer.proof, countedRoot);
  switch (answer.status) {
    case 'COUNTED': {
      const ok = await proven(leafHash);
      step(ok, t('step_counted'));
      return result.append(
        ok
          ? notice('ok', h('strong', {}, t('verdict_COUNTED')), ' ', t('verdictCountedWhy'))
          : notice('error', t('verifyFail', { why: t('fail_counted') })),
      );
    }
    case 'SUPERSEDED': {
      const by = answer.supersededBy?.leafHash?.toLowerCase();
      const ok = Boolean(by) && by !== leafHash && (await proven(by));
      step(ok, t('step_superseded', { eventId: answer.supersededBy?.eventId ?? '?' }));
      return result.append(
        ok
          ? notice(
              'warn',
              h('strong', {}, t('verdict_SUPERSEDED')),
              ' ',
              t('verdictSupersededWhy', { eventId: answer.supersededBy.eventId }),
            )
          : notice('error', t('verifyFail', { why: t('fail_counted') })),
      );
    }
    case 'LATE':
      return result.append(notice('warn', h('strong', {}, t('verdict_LATE'))));
    default:
      return result.append(notice('error', t('verifyFail', { why: t('fail_notCounted') })));
  }
}
