import { getOptional } from './api.js';
import { h, notice } from './dom.js';
import { dateTime } from './format.js';
import { lp, rp, t, word } from './i18n.js';
import { facts } from './ui.js';

/**
 * The body in office, from GET …/committee where the server has it (term, filing, alternates, duties
 * overdue), else from the community summary's managing body: the page works on either server.
 */
export async function governingBody(cid, community) {
  const box = h('section', { 'aria-labelledby': 'body-h' }, h('h2', { id: 'body-h' }, t('managingBody')));
  const c = await getOptional(`/communities/${encodeURIComponent(cid)}/committee`, { auth: false }).catch(() => null);
  if (c) {
    if (c.kind === 'NONE') return box.append(h('p', {}, t('noBody'))), box;
    box.append(h('p', {}, h('strong', {}, word('body', c.kind))),
      facts([
        c.term ? [t('term'), `${dateTime(c.term.from)} – ${c.term.until ? dateTime(c.term.until) : '—'}`] : null,
        c.kind === 'COMMITTEE' && c.filing ? [t('filing'), word('filing', c.filing.status)] : null,
      ]));
    for (const duty of c.overdue ?? []) box.append(notice('warn', word('duty', duty)));
    box.append(h('h3', {}, t('members')), h('ul', {}, c.members.map((m) => h('li', {}, m.name, m.role && m.role !== 'OTHER' ? `${lp()}${word('role', m.role)}${rp()}` : ''))));
    if (c.alternates?.length) box.append(h('h3', {}, t('alternates')), h('ul', {}, c.alternates.map((m) => h('li', {}, m.name))));
    return box;
  }
  const body = community.managingBody;
  if (!body) return box.append(h('p', {}, t('noBody'))), box;
  box.append(h('p', {}, h('strong', {}, word('body', body.kind)), body.appointedAt ? `${lp()}${dateTime(body.appointedAt)}${rp()}` : ''),
    h('h3', {}, t('members')), h('ul', {}, body.members.map((m) => h('li', {}, m.name))));
  return box;
}
