import { clear, notice } from './dom.js';
import { t } from './i18n.js';
import { busy, errorNotice } from './ui.js';

// The inputs give Beijing wall-clock time; the API wants RFC 3339 with an offset.
export const beijing = (local) => (local.length === 16 ? `${local}:00+08:00` : `${local}+08:00`);

/** Every form here: send, show the outcome in words, reload the page's data when it changed something. */
export function submitting(form, result, send, { thenReload = false } = {}) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form, async () => {
      try {
        await send();
        clear(result, notice('ok', t('saved')));
        if (thenReload) setTimeout(reload, 600);
      } catch (e) {
        clear(result, errorNotice(e));
      }
    });
  });
}

export async function reload() {
  const { navigate } = await import('../app.js');
  navigate(location.pathname + location.search, { replace: true });
}

