import { get, post } from '../lib/api.js';
import { clear, field, h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { saveSession } from '../lib/session.js';
import { busy, errorNotice, heading } from '../lib/ui.js';
import { navigate } from '../lib/nav.js';

/** Signs in and keeps the token and grants for this tab; shared by the activation page. */
export async function signIn(login, secret) {
  const token = await post('/auth/token', { login, secret }, { auth: false });
  const me = await get('/auth/me', { headers: { authorization: `Bearer ${token.accessToken}` }, auth: false });
  return saveSession(token, me);
}

/** Back where the reader came from, if that is a page of this site (never another site's address). */
export const returnTo = (next) => (/^\/(?![/\\])/.test(next ?? '') && !next.startsWith('/sign-in') ? next : '/me');

/** The login field, as a password manager recognises it on both the sign-in and the activation page. */
export const loginInput = () =>
  h('input', {
    type: 'text',
    name: 'login',
    autocomplete: 'username',
    required: true,
    autocapitalize: 'none',
    spellcheck: 'false',
  });

export default async function render(view, _params, query) {
  const login = loginInput();
  const secret = h('input', { type: 'password', name: 'secret', autocomplete: 'current-password', required: true });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      onsubmit: (event) => {
        event.preventDefault();
        busy(form, async () => {
          try {
            await signIn(login.value.trim(), secret.value);
            navigate(returnTo(query.get('next')), { replace: true });
          } catch (e) {
            clear(result, errorNotice(e));
          }
        });
      },
    },
    field(t('login'), login),
    field(t('secret'), secret),
    h('button', { type: 'submit' }, t('signInButton')),
  );
  view.append(heading(t('signInTitle')), form, result, h('p', {}, h('a', { href: '/activate' }, t('noAccount'))));
}
