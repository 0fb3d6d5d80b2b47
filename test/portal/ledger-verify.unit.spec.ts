import fc from 'fast-check';
import { canonicalJson as serverCanonicalJson } from '@gongzhi/ledger-log/canonical-json.js';
import { eventLeafBytes, eventLeafHash } from '@gongzhi/ledger-log/event-leaf.js';
import { consistencyProof, inclusionProof, rootOf } from '@gongzhi/ledger-log/merkle.js';
import {
  generateSigningKeyPair,
  publicKeyFingerprint,
  signCheckpoint,
} from '@gongzhi/ledger-log/checkpoint-signing.js';
import { fromHex, toHex } from '@gongzhi/ledger-log/hex.js';
import { hashLeaf } from '@gongzhi/ledger-log/tree-hash.js';
import { LEAF_INPUTS, ROOTS } from '@gongzhi/ledger-log/rfc6962-vectors.fixture.js';
// The browser module itself, run on Node's Web Crypto: the same code the owner's phone runs.
// @ts-expect-error plain JS browser module without type declarations
import * as browser from '../../src/portal/public/lib/ledger-verify.js';

/** The portal's port of libs/ledger-log must agree with the server's library byte for byte. */
describe('the browser receipt verifier agrees with libs/ledger-log', () => {
  const leaves = LEAF_INPUTS.map((hex) => toHex(hashLeaf(fromHex(hex))));

  it('writes the same canonical JSON as the server for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => browser.canonicalJson(value) === serverCanonicalJson(value)),
      { numRuns: 300 },
    );
    const event = {
      eventId: 'e1',
      streamId: 'resolution-r1',
      revision: 3,
      type: 'BallotCast',
      data: { choice: 'FOR', 名字: '张伟', n: 1e21 },
      metadata: { at: '2026-01-25T01:00:00.000Z' },
    };
    expect(browser.canonicalJson(event)).toBe(new TextDecoder().decode(eventLeafBytes(event)));
  });

  it('computes the receipt leaf hash as SHA-256(0x00 || canonical JSON)', async () => {
    const event = {
      eventId: 'e1',
      streamId: 's',
      revision: 0,
      type: 'BallotCast',
      data: { choice: 'AGAINST' },
      metadata: {},
    };
    expect(await browser.leafHashOf(new TextEncoder().encode(browser.canonicalJson(event)))).toBe(eventLeafHash(event));
  });

  it("rebuilds an event's leaf hash from its six logged fields as the server does, ignoring any other field", async () => {
    const event = {
      eventId: 'e2',
      streamId: 'resolution-r1',
      revision: 7,
      type: 'BallotCast',
      data: { choice: 'FOR', voterIds: ['O1'] },
      metadata: { actor: { id: 'a' } },
    };
    await expect(browser.eventLeafHash({ ...event, position: '12', leafHash: 'x' })).resolves.toBe(
      eventLeafHash(event),
    );
    await expect(browser.eventLeafHash({ ...event, revision: 8 })).resolves.not.toBe(eventLeafHash(event));
  });

  it('accepts every RFC 6962 consistency proof between sizes of the reference tree, and rejects it against another root', async () => {
    for (let second = 1; second <= leaves.length; second++) {
      for (let first = 1; first <= second; first++) {
        const proof = consistencyProof(leaves, first, second);
        await expect(
          browser.verifyConsistency(first, second, ROOTS[first - 1], ROOTS[second - 1], proof),
        ).resolves.toBe(true);
        if (first < second)
          await expect(
            browser.verifyConsistency(first, second, ROOTS[second - 1], ROOTS[second - 1], proof),
          ).resolves.toBe(false);
      }
    }
    // A fork: a log whose first leaf was rewritten is not an extension of the one seen before.
    const forked = [leaves[1], ...leaves.slice(1)];
    await expect(
      browser.verifyConsistency(2, 5, ROOTS[1], rootOf(forked.slice(0, 5)), consistencyProof(forked, 2, 5)),
    ).resolves.toBe(false);
  });

  it('accepts every RFC 6962 audit path of the reference tree and rejects it against another root', async () => {
    for (let size = 1; size <= leaves.length; size++) {
      expect(rootOf(leaves.slice(0, size))).toBe(ROOTS[size - 1]);
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(leaves, index, size);
        await expect(browser.verifyInclusion(leaves[index], index, size, proof, ROOTS[size - 1])).resolves.toBe(true);
        const otherRoot = ROOTS[size % ROOTS.length];
        await expect(browser.verifyInclusion(leaves[index], index, size, proof, otherRoot)).resolves.toBe(false);
      }
    }
  });

  it('answers false, never throws, for a wrong index, a short path or malformed hashes', async () => {
    const proof = inclusionProof(leaves, 5, 8);
    await expect(browser.verifyInclusion(leaves[5], 4, 8, proof, ROOTS[7])).resolves.toBe(false);
    await expect(browser.verifyInclusion(leaves[5], 5, 8, proof.slice(1), ROOTS[7])).resolves.toBe(false);
    await expect(browser.verifyInclusion('xyz', 5, 8, proof, ROOTS[7])).resolves.toBe(false);
    await expect(browser.verifyInclusion(leaves[5], 5, 8, [...proof, 'zz'], ROOTS[7])).resolves.toBe(false);
    await expect(browser.verifyInclusion(leaves[5], 8, 8, proof, ROOTS[7])).resolves.toBe(false);
  });

  it('verifies an Ed25519 checkpoint signed by the server library, and the key fingerprint', async () => {
    const keys = generateSigningKeyPair();
    const signed = signCheckpoint(
      { communityId: 'c-1', treeSize: 8, rootHash: ROOTS[7], timestamp: '2026-01-25T01:00:00.000Z' },
      keys.privateKey,
    );
    await expect(browser.verifyCheckpointSignature(signed, keys.publicKey)).resolves.toBe(true);
    await expect(browser.verifyCheckpointSignature({ ...signed, treeSize: 7 }, keys.publicKey)).resolves.toBe(false);
    await expect(
      browser.verifyCheckpointSignature({ ...signed, signature: `${signed.signature.slice(0, -2)}A=` }, keys.publicKey),
    ).resolves.toBe(false);
    await expect(browser.verifyCheckpointSignature(signed, generateSigningKeyPair().publicKey)).resolves.toBe(false);
    expect(await browser.keyFingerprint(keys.publicKey)).toBe(publicKeyFingerprint(keys.publicKey));
  });
});
