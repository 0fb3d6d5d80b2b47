import { generateKeyPairSync } from 'node:crypto';
import {
  ed25519NoteSigner,
  ed25519NoteVerifier,
  ed25519PrivateKeyFromSeed,
  formatVkey,
  NOTE_ED25519,
  noteKeyId,
  parseNote,
  parseVkey,
  signNote,
  verifyNote,
} from './signed-note.js';
import { formatCheckpointText, parseCheckpointText } from './tlog-checkpoint.js';
import { cosignatureTimestamp, ed25519CosignatureVerifier, ed25519Cosigner } from './tlog-cosignature.js';
import { EMPTY_TREE_ROOT } from './merkle.js';

// Published vectors that no one here wrote: golang.org/x/mod/sumdb/note note_test.go (TestNewVerifier,
// TestSign, TestOpen) and the example of c2sp.org/signed-note.
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';
const C2SP_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const C2SP_NOTE =
  'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';

function peterSigner() {
  // The Go skey is "PRIVATE+KEY+<name>+<id>+base64(0x01 || 32-byte seed)".
  const seed = Buffer.from(PETER_SKEY.split('+').slice(4).join('+'), 'base64').subarray(1);
  return ed25519NoteSigner('PeterNeumann', ed25519PrivateKeyFromSeed(seed));
}

describe('c2sp.org/signed-note against the Go sumdb note package', () => {
  it('parses the Go example vkey and recomputes its key id from name and key', () => {
    const k = parseVkey(PETER_VKEY);
    expect(k.name).toBe('PeterNeumann');
    expect(k.keyId).toBe(0xc74f20a3);
    expect(k.type).toBe(NOTE_ED25519);
    expect(formatVkey(k.name, k.type, k.publicKey)).toBe(PETER_VKEY);
  });

  it('verifies the Go example note signed by PeterNeumann', () => {
    const note = verifyNote(`${GO_TEXT}\n${PETER_SIG}`, [ed25519NoteVerifier(PETER_VKEY)]);
    expect(note.text).toBe(GO_TEXT);
    expect(note.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
  });

  it('signs the Go example text with the Go example private key to exactly the published note, byte for byte', () => {
    const signer = peterSigner();
    expect(signer.vkey).toBe(PETER_VKEY);
    expect(signNote(GO_TEXT, signer)).toBe(`${GO_TEXT}\n${PETER_SIG}`);
  });

  it('verifies a note with two signatures, ignoring the one whose key it does not know', () => {
    const note = `${GO_TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    expect(verifyNote(note, [ed25519NoteVerifier(PETER_VKEY)]).verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(verifyNote(note, [ed25519NoteVerifier(ENOCH_VKEY)]).verified.map((s) => s.name)).toEqual(['EnochRoot']);
    expect(verifyNote(note, [ed25519NoteVerifier(PETER_VKEY), ed25519NoteVerifier(ENOCH_VKEY)]).verified).toHaveLength(
      2,
    );
  });

  it('verifies the example of the C2SP signed-note spec', () => {
    expect(verifyNote(C2SP_NOTE, [ed25519NoteVerifier(C2SP_VKEY)]).text).toBe('This is an example message.\n');
  });

  it('rejects the Go example note when one byte of its text changes', () => {
    const tampered = `${GO_TEXT.replace('answer', 'Answer')}\n${PETER_SIG}`;
    expect(() => verifyNote(tampered, [ed25519NoteVerifier(PETER_VKEY)])).toThrow('does not verify');
  });

  it('rejects a note signed only by keys it does not know, even one sharing the name or the id of a known key', () => {
    expect(() => verifyNote(`${GO_TEXT}\n${ENOCH_SIG}`, [ed25519NoteVerifier(PETER_VKEY)])).toThrow(
      'no verified signature',
    );
    const otherId = PETER_SIG.replace('x08go', 'x08gp');
    expect(() => verifyNote(`${GO_TEXT}\n${otherId}`, [ed25519NoteVerifier(PETER_VKEY)])).toThrow(
      'no verified signature',
    );
    const otherName = PETER_SIG.replace('PeterNeumann', 'PeterNeuman');
    expect(() => verifyNote(`${GO_TEXT}\n${otherName}`, [ed25519NoteVerifier(PETER_VKEY)])).toThrow(
      'no verified signature',
    );
  });

  it('refuses mangled vkeys as the Go test does: every proper substring and every byte changed', () => {
    const bad: string[] = [];
    for (let i = 0; i <= PETER_VKEY.length; i++) {
      for (let j = i + 1; j <= PETER_VKEY.length; j++)
        if (i !== 0 || j !== PETER_VKEY.length) bad.push(PETER_VKEY.slice(i, j));
    }
    for (let i = 0; i < PETER_VKEY.length; i++)
      bad.push(PETER_VKEY.slice(0, i) + String.fromCharCode(PETER_VKEY.charCodeAt(i) + 1) + PETER_VKEY.slice(i + 1));
    bad.push(
      'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==',
      'PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    );
    const accepted = bad.filter((k) => {
      try {
        ed25519NoteVerifier(k);
        return true;
      } catch {
        return false;
      }
    });
    expect(accepted).toEqual([]);
  });

  it('refuses malformed notes: no blank line, no final newline, a control character, a bad signature line', () => {
    expect(() => parseNote(`${GO_TEXT}${PETER_SIG}`)).toThrow();
    expect(() => parseNote(`${GO_TEXT}\n${PETER_SIG}`.slice(0, -1))).toThrow();
    expect(() => parseNote(`a\tb\n\n${PETER_SIG}`)).toThrow('control');
    expect(() => parseNote(`${GO_TEXT}\n- PeterNeumann x08go\n`)).toThrow('em dash');
    expect(() => parseNote(`${GO_TEXT}\n`)).toThrow('signature line');
  });

  it('round-trips a fresh key: sign, verify, key id as the spec derives it', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const signer = ed25519NoteSigner('gongzhi.test/community', privateKey);
    const k = parseVkey(signer.vkey);
    expect(k.keyId).toBe(noteKeyId('gongzhi.test/community', 0x01, k.publicKey));
    const note = signNote('hello\n\nworld\n', signer);
    expect(verifyNote(note, [ed25519NoteVerifier(signer.vkey)]).text).toBe('hello\n\nworld\n');
  });
});

describe('c2sp.org/tlog-checkpoint', () => {
  const root = 'a'.repeat(64);

  it('writes origin, decimal size and base64 root, and reads them back', () => {
    const text = formatCheckpointText({ origin: 'gongzhi.test/community/c1', treeSize: 20852163, rootHash: root });
    expect(text).toBe(`gongzhi.test/community/c1\n20852163\n${Buffer.from(root, 'hex').toString('base64')}\n`);
    expect(parseCheckpointText(text)).toEqual({
      origin: 'gongzhi.test/community/c1',
      treeSize: 20852163,
      rootHash: root,
      extensions: [],
    });
  });

  it('reads the spec example checkpoint, extension lines kept', () => {
    const text = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\next one\n';
    const c = parseCheckpointText(text);
    expect(c.treeSize).toBe(20852163);
    expect(Buffer.from(c.rootHash, 'hex').toString('base64')).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(c.extensions).toEqual(['ext one']);
  });

  it('refuses a leading zero, a short root, a missing line and an empty line', () => {
    const b64 = Buffer.from(root, 'hex').toString('base64');
    expect(() => parseCheckpointText(`o\n012\n${b64}\n`)).toThrow('leading zero');
    expect(() => parseCheckpointText(`o\n12\n${Buffer.alloc(31).toString('base64')}\n`)).toThrow('32 bytes');
    expect(() => parseCheckpointText(`o\n12\n`)).toThrow();
    expect(() => parseCheckpointText(`o\n12\n${b64}\n\n`)).toThrow('non-empty');
  });
});

describe('c2sp.org/tlog-cosignature (Ed25519, cosignature/v1)', () => {
  const text = formatCheckpointText({ origin: 'gongzhi.test/community/c1', treeSize: 0, rootHash: EMPTY_TREE_ROOT });

  it('a cosignature line verifies with the witness vkey (type 0x04) and carries its timestamp', () => {
    const witness = ed25519Cosigner('witness.test/street-office', generateKeyPairSync('ed25519').privateKey);
    expect(parseVkey(witness.vkey).type).toBe(0x04);
    const line = witness.cosign(text, 1679315147n);
    const note = verifyNote(`${text}\n${line}\n`, [ed25519CosignatureVerifier(witness.vkey)]);
    expect(cosignatureTimestamp(note.verified[0].signature)).toBe(1679315147n);
  });

  it('refuses a cosignature moved to another checkpoint or another time', () => {
    const witness = ed25519Cosigner('witness.test/w', generateKeyPairSync('ed25519').privateKey);
    const line = witness.cosign(text, 1700000000n);
    const other = formatCheckpointText({ origin: 'gongzhi.test/community/c1', treeSize: 1, rootHash: 'b'.repeat(64) });
    expect(() => verifyNote(`${other}\n${line}\n`, [ed25519CosignatureVerifier(witness.vkey)])).toThrow(
      'does not verify',
    );
    const bytes = Buffer.from(line.split(' ')[2], 'base64');
    bytes.writeBigUInt64BE(1700000001n, 4);
    const retimed = `${line.split(' ').slice(0, 2).join(' ')} ${bytes.toString('base64')}`;
    expect(() => verifyNote(`${text}\n${retimed}\n`, [ed25519CosignatureVerifier(witness.vkey)])).toThrow(
      'does not verify',
    );
  });

  it('a note key and a cosignature key of one name and public key get different key ids', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    expect(ed25519Cosigner('same', privateKey).keyId).not.toBe(ed25519NoteSigner('same', privateKey).keyId);
  });
});
