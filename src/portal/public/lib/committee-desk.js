import { get } from './api.js';
import { clear, h, notice } from './dom.js';
import { t } from './i18n.js';
import { busy, errorNotice } from './ui.js';

// The inputs give Beijing wall-clock time; the API wants RFC 3339 with an offset.
export const beijing = (local) => (local.length === 16 ? `${local}:00+08:00` : `${local}+08:00`);

/**
 * What the desk's forms choose from (the votes and elections), fetched again after each write. The
 * forms stay as they are, with what the member typed and the answer shown where they are looking:
 * only the lists that depend on the votes are redrawn.
 */
export async function createDesk(cid) {
  const base = `/communities/${encodeURIComponent(cid)}`;
  const listeners = [];
  const desk = {
    base,
    resolutions: [],
    elections: [],
    /** The roster (units, owners and their names), to find the voter a paper ballot names. */
    roster: null,
    onChange(draw) {
      listeners.push(draw);
      draw(desk);
    },
    /** The title of a vote or election the desk lists, for refusals that name it by id. */
    titleOf: (id) => [...desk.resolutions, ...desk.elections].find((v) => v.id === id)?.title,
    async refresh() {
      // Reads carry ?after= the last write (lib/api.js), so they already include it.
      [desk.resolutions, desk.elections] = await Promise.all([get(`${base}/resolutions`), get(`${base}/elections`)]);
      for (const draw of listeners) draw(desk);
    },
  };
  [desk.roster] = await Promise.all([get(`${base}/roster`).catch(() => null), desk.refresh()]);
  return desk;
}

/** Every form here: send, say in words what happened (the server's refusal included), refresh the lists. */
export function submitting(form, result, send, desk) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form, async () => {
      try {
        const answer = await send();
        clear(result, notice('ok', typeof answer === 'string' ? answer : t('saved')));
        await desk.refresh();
      } catch (e) {
        clear(result, errorNotice(e, desk));
      }
    });
  });
}

/** A select's options, replaced when the votes change; a placeholder says when there is nothing to choose. */
export function fillSelect(select, items, option, emptyText) {
  const keep = select.value;
  clear(select, items.length ? null : h('option', { value: '' }, emptyText), items.map(option));
  if ([...select.options].some((o) => o.value === keep)) select.value = keep;
}

export const resultArea = () => h('div', { 'aria-live': 'polite' });

/** "5, 6" or "5，6" or "5、6": what people type for a list of buildings. */
export const splitList = (text) => text.split(/[,，、\s]+/).filter(Boolean);
