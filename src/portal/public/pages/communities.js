import { get } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { area } from '../lib/format.js';
import { colon, t, word } from '../lib/i18n.js';
import { heading } from '../lib/ui.js';

export default async function render(view) {
  const communities = await get('/communities', { auth: false });
  view.append(heading(t('communities')), h('p', { class: 'muted' }, t('tagline')));
  if (!communities.length) return view.append(h('p', {}, t('noCommunities')));
  view.append(
    h(
      'ul',
      { class: 'cards two' },
      communities.map((c) =>
        h(
          'li',
          { class: 'card' },
          h('h2', { class: 'card-title' }, h('a', { class: 'title', href: `/c/${encodeURIComponent(c.id)}` }, c.name)),
          h('p', { class: 'muted' }, [c.district, c.street].filter(Boolean).join(' · ')),
          h('p', {}, `${t('units')} ${c.units} · ${t('heads')} ${c.heads} · ${t('area')} ${area(c.areaM2)}`),
          h(
            'p',
            {},
            `${t('managingBody')}${colon()}${c.managingBody ? word('body', c.managingBody.kind) : t('noBody')}`,
          ),
        ),
      ),
    ),
  );
}
