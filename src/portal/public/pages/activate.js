import { post } from '../lib/api.js';
import { clear, field, h, notice } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { busy, errorNotice, heading } from '../lib/ui.js';
import { loginInput, signIn } from './sign-in.js';
import { navigate } from '../lib/nav.js';

export default async function render(view) {
  const code = h('input', {
    type: 'text',
    name: 'activationCode',
    autocomplete: 'one-time-code',
    required: true,
    autocapitalize: 'characters',
    spellcheck: 'false',
  });
  const login = loginInput();
  const secret = h('input', {
    type: 'password',
    name: 'secret',
    autocomplete: 'new-password',
    required: true,
    minlength: '10',
  });
  const again = h('input', {
    type: 'password',
    name: 'secretAgain',
    autocomplete: 'new-password',
    required: true,
    minlength: '10',
  });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      onsubmit: (event) => {
        event.preventDefault();
        if (secret.value !== again.value) return clear(result, notice('error', t('secretMismatch')));
        busy(form, async () => {
          try {
            await post(
              '/auth/activate',
              { activationCode: code.value.trim(), login: login.value.trim(), secret: secret.value },
              { auth: false },
            );
            clear(result, notice('ok', t('activated')));
            await signIn(login.value.trim(), secret.value);
            navigate('/me', { replace: true });
          } catch (e) {
            clear(result, errorNotice(e));
          }
        });
      },
    },
    field(t('activationCode'), code),
    field(t('login'), login),
    field(t('secret'), secret, t('secretHint')),
    field(t('secretAgain'), again),
    h('button', { type: 'submit' }, t('activateButton')),
  );
  view.append(heading(t('activateTitle')), h('p', {}, t('activateIntro')), form, result);
}
