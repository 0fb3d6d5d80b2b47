import { h, notice } from './dom.js';
import { t } from './i18n.js';
import { grants } from './session.js';

/** The street office (and an administrator, who sees what it sees) reads the district; others are told so. */
export const isRegulator = () => grants('regulator').length > 0 || grants('admin').length > 0;
export const isAdmin = () => grants('admin').length > 0;

export function notRegulator(next) {
  return [
    notice('info', t('notRegulator')),
    h('p', {}, h('a', { href: `/sign-in?next=${encodeURIComponent(next)}` }, t('navSignIn'))),
  ];
}

export const deskLink = () => h('p', {}, h('a', { href: '/regulator' }, `← ${t('regulatorDesk')}`));
