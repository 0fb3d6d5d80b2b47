import { API, get, post } from '../lib/api.js';
import { field, h } from '../lib/dom.js';
import { dateTime } from '../lib/format.js';
import { currentLang } from '../lib/i18n.js';
import { hashPicker } from '../lib/hash-picker.js';
import { reload } from '../lib/nav.js';
import { grants, isCommitteeOf, isOwnerOf, session } from '../lib/session.js';
import { busy, errorNotice, facts, heading, table } from '../lib/ui.js';

// This page's words, kept with it (rules 34–35): the shared string tables belong to the resident pages.
const WORDS = {
  zh: {
    title: '诉求',
    file: '我要反映',
    category: '类别',
    urgency: '紧急程度',
    placeKind: '位置',
    placeRef: '房屋号、楼号或公共区域',
    text: '问题描述',
    photo: '照片（只在本机计算指纹，不上传）',
    submit: '提交诉求',
    filed: '已提交，受理时限 {ack}，办结时限 {resolve}。',
    mine: '我的诉求',
    all: '本小区诉求',
    queue: '待办诉求',
    status: '状态',
    filedAt: '提交时间',
    onTime: '按时',
    rate: '评价',
    reopen: '重新打开',
    reopenReason: '仍未解决的原因',
    dispatch: '派给物业',
    accept: '受理',
    resolve: '办结',
    whatWasDone: '处理情况',
    requests: '诉求数',
    onTimeRate: '按时办结率',
    satisfaction: '满意率',
    yes: '是',
    no: '否',
    none: '暂无',
    csv: '下载 CSV',
    companyQueue: '物业待办',
    companyHint: '派给物业公司的诉求，由物业人员受理、办结。',
    resolvePhoto: '处理后照片（只在本机计算指纹，不上传）',
    acknowledgeBy: '受理时限',
    resolveBy: '办结时限',
    overdue: '已超时',
  },
  en: {
    title: 'Requests',
    file: 'Report a problem',
    category: 'Category',
    urgency: 'Urgency',
    placeKind: 'Place',
    placeRef: 'Unit, building or common area',
    text: 'What is wrong',
    photo: 'Photo (fingerprinted on this device, never uploaded)',
    submit: 'File the request',
    filed: 'Filed: to be accepted by {ack}, resolved by {resolve}.',
    mine: 'My requests',
    all: "The community's requests",
    queue: 'Requests to handle',
    status: 'Status',
    filedAt: 'Filed',
    onTime: 'On time',
    rate: 'Rate',
    reopen: 'Reopen',
    reopenReason: 'Why it is not solved',
    dispatch: 'Send to the company',
    accept: 'Accept',
    resolve: 'Resolve',
    whatWasDone: 'What was done',
    requests: 'Requests',
    onTimeRate: 'On time',
    satisfaction: 'Satisfied',
    yes: 'yes',
    no: 'no',
    none: 'None',
    csv: 'Download CSV',
    companyQueue: "The property company's queue",
    companyHint: "Requests dispatched to the property company, accepted and resolved by the company's staff.",
    resolvePhoto: 'Photo after the work (fingerprinted on this device, never uploaded)',
    acknowledgeBy: 'Accept by',
    resolveBy: 'Resolve by',
    overdue: 'overdue',
  },
};
const CODES = {
  zh: {
    REPAIR: '维修',
    SANITATION: '环境卫生',
    PARKING: '停车',
    SECURITY: '安全',
    GREENING: '绿化',
    NOISE: '噪音',
    FEES: '收费',
    OTHER: '其他',
    EMERGENCY: '危及人身财产（2小时）',
    UTILITY: '水电气暖（24小时）',
    ORDINARY: '一般（7天）',
    COMPLEX: '复杂（15天）',
    UNIT: '房屋',
    BUILDING: '楼栋',
    COMMON_AREA: '公共区域',
    FILED: '已提交',
    DISPATCHED: '已派单',
    IN_HAND: '办理中',
    RESOLVED: '已办结',
    SATISFIED: '满意',
    BASICALLY_SATISFIED: '基本满意',
    DISSATISFIED: '不满意',
  },
  en: {},
};
const w = (key, params = {}) =>
  (WORDS[currentLang()]?.[key] ?? WORDS.zh[key]).replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));
const code = (c) => (c ? (CODES[currentLang()]?.[c] ?? (currentLang() === 'en' ? c : (CODES.zh[c] ?? c))) : '—');
const select = (name, values) =>
  h(
    'select',
    { name },
    values.map((v) => h('option', { value: v }, code(v))),
  );

/** Rules 34–35 on a phone: file a request with a photo's fingerprint, follow it, rate it; the committee's queue. */
export default async function render(view, { cid }) {
  const enc = encodeURIComponent(cid);
  const base = `/communities/${enc}/requests`;
  const signedIn = Boolean(session());
  const [community, stats, all, mine] = await Promise.all([
    get(`/communities/${enc}`),
    get(`${base}/stats`, { auth: false }),
    get(base, { auth: false }),
    signedIn ? get(`${base}/mine`).catch(() => []) : [],
  ]);
  view.append(
    h('p', {}, h('a', { href: `/c/${enc}` }, `← ${community.name}`)),
    heading(`${w('title')} · ${community.name}`),
    facts([
      [w('requests'), String(stats.requests)],
      [w('onTimeRate'), stats.onTime.percent ?? '—'],
      [w('satisfaction'), stats.satisfaction.percent ?? '—'],
    ]),
  );
  // The property company's staff handle requests; they file none (the server refuses them).
  const companyDesk = grants('property_company', cid).length > 0;
  if (signedIn && !(companyDesk && !isOwnerOf(cid) && !isCommitteeOf(cid))) view.append(fileForm(base));
  if (companyDesk)
    view.append(
      h('h2', {}, w('companyQueue')),
      h('p', { class: 'muted' }, w('companyHint')),
      await companyQueue(enc, base),
    );
  if (mine.length)
    view.append(
      h('h2', {}, w('mine')),
      h(
        'ul',
        { class: 'cards requests-mine' },
        mine.map((r) => myCard(base, r)),
      ),
    );
  if (isCommitteeOf(cid)) {
    const open = all.filter((r) => r.status !== 'RESOLVED');
    view.append(
      h('h2', {}, w('queue')),
      open.length
        ? h(
            'ul',
            { class: 'cards queue' },
            open.map((r) => queueCard(base, r)),
          )
        : h('p', { class: 'muted' }, w('none')),
    );
  }
  view.append(
    h('h2', {}, w('all')),
    h('p', {}, h('a', { href: `${API}${base}.csv`, download: '' }, w('csv'))),
    table(null, columns(), all.slice().reverse()),
  );
}

const columns = () => [
  { label: w('filedAt'), cell: (r) => dateTime(r.filedAt) },
  { label: w('category'), cell: (r) => code(r.category) },
  { label: w('status'), cell: (r) => code(r.status) },
  { label: w('onTime'), cell: (r) => (r.onTime ? w('yes') : w('no')) },
  { label: w('rate'), cell: (r) => code(r.rating) },
];

function fileForm(base) {
  const photo = hashPicker(w('photo'), 'photo');
  const result = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'request-form' },
    h('h2', {}, w('file')),
    field(
      w('category'),
      select('category', ['REPAIR', 'SANITATION', 'PARKING', 'SECURITY', 'GREENING', 'NOISE', 'FEES', 'OTHER']),
    ),
    field(w('urgency'), select('urgency', ['ORDINARY', 'UTILITY', 'EMERGENCY', 'COMPLEX'])),
    field(w('placeKind'), select('placeKind', ['COMMON_AREA', 'BUILDING', 'UNIT'])),
    field(w('placeRef'), h('input', { name: 'placeRef', required: true, maxlength: 100 })),
    field(w('text'), h('textarea', { name: 'text', required: true, maxlength: 2000, rows: 3 })),
    photo.element,
    h('button', { type: 'submit' }, w('submit')),
    result,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      const f = form.elements;
      try {
        const hash = await photo.hash();
        const filed = await post(base, {
          category: f.category.value,
          urgency: f.urgency.value,
          place: { kind: f.placeKind.value, ref: f.placeRef.value },
          text: f.text.value,
          photoSha256s: hash ? [hash] : [],
        });
        result.replaceChildren(
          h(
            'p',
            { class: 'ok' },
            w('filed', { ack: dateTime(filed.acknowledgeBy), resolve: dateTime(filed.resolveBy) }),
          ),
        );
        setTimeout(reload, 600);
      } catch (e) {
        result.replaceChildren(errorNotice(e));
      }
    });
  });
  return form;
}

/** One step's button: posts, then shows the page again, or says why it was refused. */
function step(label, path, body = () => undefined) {
  const out = h('span', { 'aria-live': 'polite' });
  const button = h('button', { type: 'button' }, label);
  button.addEventListener('click', () => void send(button, out, path, body));
  return [button, out];
}

/** A step that needs words (what was done, why reopen): a small form, so Enter sends it too. */
function wordsStep(label, fieldLabel, name, path) {
  const input = h('input', { name, required: true, maxlength: 2000 });
  const out = h('span', { 'aria-live': 'polite' });
  const form = h('form', { class: 'step' }, field(fieldLabel, input), h('button', { type: 'submit' }, label), out);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, () => send(null, out, path, () => ({ [name]: input.value })));
  });
  return form;
}

async function send(button, out, path, body) {
  if (button) button.disabled = true;
  try {
    await post(path, body());
    await reload();
  } catch (e) {
    out.replaceChildren(errorNotice(e));
  } finally {
    if (button) button.disabled = false;
  }
}

function myCard(base, r) {
  const rq = `${base}/${encodeURIComponent(r.id)}`;
  const canRate = r.status === 'RESOLVED' && !r.rating;
  return h(
    'li',
    { class: 'card' },
    h('h3', { class: 'card-title' }, `${code(r.category)} · ${code(r.status)}`),
    h('p', {}, r.text),
    r.whatWasDone ? h('p', { class: 'muted' }, `${w('whatWasDone')}：${r.whatWasDone}`) : null,
    canRate
      ? h(
          'p',
          { class: 'actions' },
          ['SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED'].flatMap((rating) =>
            step(code(rating), `${rq}/rate`, () => ({ rating })),
          ),
        )
      : null,
    r.status === 'RESOLVED' && !r.reopened ? wordsStep(w('reopen'), w('reopenReason'), 'reason', `${rq}/reopen`) : null,
  );
}

/** A request as the committee's and the company's queues head its card: what, how urgent, where it stands. */
const requestHead = (r) => [
  h('h3', { class: 'card-title' }, `${code(r.category)} · ${code(r.urgency)} · ${code(r.status)}`),
  h('p', {}, r.text),
];

function queueCard(base, r) {
  const rq = `${base}/${encodeURIComponent(r.id)}`;
  const next =
    r.status === 'FILED'
      ? step(w('dispatch'), `${rq}/dispatch`, () => ({ handler: 'PROPERTY_COMPANY' }))
      : r.status === 'DISPATCHED'
        ? step(w('accept'), `${rq}/accept`)
        : wordsStep(w('resolve'), w('whatWasDone'), 'whatWasDone', `${rq}/resolve`);
  return h(
    'li',
    { class: 'card' },
    ...requestHead(r),
    h('p', { class: r.overdue.length ? 'bad' : 'muted' }, `${dateTime(r.filedAt)} → ${dateTime(r.resolveBy)}`),
    h('p', { class: 'actions' }, next),
  );
}

/** The requests dispatched to the company, from its own queue (the place in full: the staff must find the flat). */
async function companyQueue(enc, base) {
  try {
    const open = await get(`/communities/${enc}/property-company/queue`);
    return open.length
      ? h(
          'ul',
          { class: 'cards company-queue' },
          open.map((r) => companyCard(base, r)),
        )
      : h('p', { class: 'muted' }, w('none'));
  } catch (e) {
    return errorNotice(e);
  }
}

/** The property company's card: accept what was dispatched to it, then resolve it with what was done and a photo's fingerprint. */
function companyCard(base, r) {
  const rq = `${base}/${encodeURIComponent(r.id)}`;
  const late = r.overdue.length > 0;
  return h(
    'li',
    { class: 'card' },
    ...requestHead(r),
    r.place.ref ? h('p', { class: 'muted' }, `${code(r.place.kind)}：${r.place.ref}`) : null,
    h(
      'p',
      { class: late ? 'bad' : 'muted' },
      r.status === 'DISPATCHED'
        ? `${w('acknowledgeBy')} ${dateTime(r.acknowledgeBy)}`
        : `${w('resolveBy')} ${dateTime(r.resolveBy)}`,
      late ? ` · ${w('overdue')}` : '',
    ),
    r.status === 'DISPATCHED' ? h('p', { class: 'actions' }, step(w('accept'), `${rq}/accept`)) : resolveForm(rq),
  );
}

/** What was done and a photo taken after it: the photo stays on the phone, its SHA-256 goes with the step. */
function resolveForm(rq) {
  const input = h('input', { name: 'whatWasDone', required: true, maxlength: 2000 });
  const photo = hashPicker(w('resolvePhoto'), 'resolvePhoto');
  const out = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'step' },
    field(w('whatWasDone'), input),
    photo.element,
    h('button', { type: 'submit' }, w('resolve')),
    out,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      try {
        const hash = await photo.hash();
        await post(`${rq}/resolve`, { whatWasDone: input.value, photoSha256s: hash ? [hash] : [] });
        await reload();
      } catch (e) {
        out.replaceChildren(errorNotice(e));
      }
    });
  });
  return form;
}
