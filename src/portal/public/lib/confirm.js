import { clear, h } from './dom.js';
import { t } from './i18n.js';

/**
 * A step that cannot be taken back asks first, in a sentence saying what will happen, next to the
 * button that asked: a confirm() dialog is easy to tap through and reads the same for every act.
 * Resolves true when the person confirms, false when they go back.
 */
export function confirmIn(place, consequence, confirmLabel) {
  return new Promise((resolve) => {
    const done = (answer) => {
      clear(place);
      resolve(answer);
    };
    const text = h('p', { tabindex: '-1' }, consequence);
    clear(
      place,
      h(
        'div',
        { class: 'confirm', role: 'group', 'aria-label': t('confirmTitle') },
        text,
        h(
          'div',
          { class: 'confirm-buttons' },
          h('button', { type: 'button', class: 'danger', onclick: () => done(true) }, confirmLabel),
          h('button', { type: 'button', class: 'secondary', onclick: () => done(false) }, t('goBack')),
        ),
      ),
    );
    text.focus();
  });
}
