import { field, h } from './dom.js';
import { colon, t } from './i18n.js';
import { fileSha256 } from './ledger-verify.js';

/**
 * A file picker that never uploads the file: the scan stays with the committee, the ledger records
 * only its SHA-256 (DOMAIN.md rules 11 and 24), computed here in the browser.
 */
export function hashPicker(label, name) {
  const input = h('input', { type: 'file', name });
  const output = h('output', { class: 'mono', for: input.id || undefined, 'aria-live': 'polite' });
  let hash = null;
  let pending = Promise.resolve();
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    hash = null;
    output.textContent = file ? '…' : '';
    pending = file
      ? fileSha256(file).then((hex) => {
          hash = hex;
          output.textContent = `${t('sha256')}${colon()}${hex}`;
        })
      : Promise.resolve();
  });
  const element = h('div', {}, field(label, input, t('scanHint')), output);
  const reset = () => {
    input.value = '';
    hash = null;
    pending = Promise.resolve();
    output.textContent = '';
  };
  return { element, input, reset, hash: async () => (await pending, hash) };
}
