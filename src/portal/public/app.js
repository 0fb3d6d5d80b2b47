import { h, clear } from './lib/dom.js';
import { currentLang, htmlLang, loadLang, lp, rp, setLang, t } from './lib/i18n.js';
import { setNavigator } from './lib/nav.js';
import { session, signOut } from './lib/session.js';
import { errorNotice, signInHref } from './lib/ui.js';
import { SIGNED_OUT } from './lib/api.js';

// Pages load on demand: a resident opening one vote downloads that page's script and no other.
const ROUTES = [
  [/^\/$/, () => import('./pages/communities.js')],
  [/^\/c\/([^/]+)$/, () => import('./pages/community.js'), ['cid']],
  [/^\/c\/([^/]+)\/votes\/([^/]+)$/, () => import('./pages/resolution.js'), ['cid', 'rid']],
  [/^\/c\/([^/]+)\/votes\/([^/]+)\/notice$/, () => import('./pages/notice.js'), ['cid', 'rid']],
  [/^\/c\/([^/]+)\/elections\/([^/]+)\/notice$/, () => import('./pages/notice.js'), ['cid', 'eid']],
  [/^\/c\/([^/]+)\/statements\/([^/]+)\/notice$/, () => import('./pages/notice.js'), ['cid', 'sid']],
  [/^\/c\/([^/]+)\/elections\/([^/]+)$/, () => import('./pages/election.js'), ['cid', 'eid']],
  [/^\/c\/([^/]+)\/public-revenue$/, () => import('./pages/public-revenue.js'), ['cid']],
  [/^\/c\/([^/]+)\/maintenance-fund$/, () => import('./pages/maintenance-fund.js'), ['cid']],
  [/^\/c\/([^/]+)\/my-fund$/, () => import('./pages/my-fund.js'), ['cid']],
  [/^\/c\/([^/]+)\/statements$/, () => import('./pages/statements.js'), ['cid']],
  [/^\/c\/([^/]+)\/committee$/, () => import('./pages/committee.js'), ['cid']],
  [/^\/c\/([^/]+)\/requests$/, () => import('./pages/requests.js'), ['cid']],
  [
    /^\/c\/([^/]+)\/committee\/print\/(resolutions|elections)\/([^/]+)$/,
    () => import('./pages/ballot-print.js'),
    ['cid', 'kind', 'id'],
  ],
  [/^\/regulator$/, () => import('./pages/regulator.js')],
  [/^\/regulator\/services$/, () => import('./pages/regulator-services.js')],
  [/^\/regulator\/c\/([^/]+)$/, () => import('./pages/regulator-community.js'), ['cid']],
  [/^\/regulator\/c\/([^/]+)\/elections\/([^/]+)$/, () => import('./pages/regulator-election.js'), ['cid', 'eid']],
  [/^\/me$/, () => import('./pages/mine.js')],
  [/^\/sign-in$/, () => import('./pages/sign-in.js')],
  [/^\/activate$/, () => import('./pages/activate.js')],
  [/^\/verify$/, () => import('./pages/verify.js')],
];

const main = document.getElementById('main');
let renderCount = 0;

// The back button returns to where the reader was on the page, which the browser cannot do by itself
// for a page drawn after its data arrives: each history entry keeps its own scroll position.
history.scrollRestoration = 'manual';
const keepScroll = () => history.replaceState({ ...history.state, scroll: window.scrollY }, '');

function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else {
    keepScroll();
    history.pushState(null, '', path);
  }
  return route();
}

// What is on screen: a move to a #fragment of it (a desk's contents) fires popstate too, and must not redraw it.
let shown = null;

async function route({ restore = null } = {}) {
  const ticket = ++renderCount;
  shown = location.pathname + location.search;
  const path = location.pathname.replace(/\/+$/, '') || '/';
  renderChrome();
  const match = ROUTES.map(([re, load, names = []]) => [path.match(re), load, names]).find(([m]) => m);
  clear(main, h('p', { role: 'status' }, t('loading')));
  try {
    if (!match) {
      clear(main, h('h1', { tabindex: '-1' }, t('notFound')), h('p', {}, h('a', { href: '/' }, t('navHome'))));
    } else {
      const [m, load, names] = match;
      const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      const page = await load();
      const view = h('div');
      await page.default(view, params, new URLSearchParams(location.search));
      if (ticket !== renderCount) return; // a later navigation won
      clear(main, view);
    }
  } catch (e) {
    if (ticket !== renderCount) return;
    clear(
      main,
      h('h1', { tabindex: '-1' }, t('errorTitle')),
      errorNotice(e, null, () => route()),
    );
  }
  const h1 = main.querySelector('h1');
  document.title = `${h1 ? h1.textContent : t('appName')} · ${t('appName')}`;
  // Move focus to the new heading so a screen reader announces the page, as a full load would.
  if (h1 && ticket > 1) h1.focus({ preventScroll: restore !== null });
  if (restore !== null) window.scrollTo(0, restore);
  else if (ticket > 1) window.scrollTo(0, 0);
}

function renderChrome() {
  document.documentElement.lang = htmlLang();
  document.getElementById('skip').textContent = t('skip');
  document.getElementById('brand').textContent = t('appName');
  document.getElementById('foot').textContent = t('footer');
  const lang = document.getElementById('lang');
  lang.textContent = t('switchLang');
  lang.setAttribute('lang', currentLang() === 'en' ? 'zh-CN' : 'en');
  lang.setAttribute('aria-label', t('switchLangLabel'));
  const s = session();
  const items = [
    [t('navHome'), '/'],
    s ? [t('navMine'), '/me'] : null,
    s?.grants.some((g) => g.role === 'regulator' || g.role === 'admin') ? [t('regulatorDesk'), '/regulator'] : null,
    [t('navVerify'), '/verify'],
    // From a page, sign-in comes back to it; from the home page or sign-in itself, it goes on to "我的".
    s ? null : [t('navSignIn'), ['/', '/sign-in'].includes(location.pathname) ? '/sign-in' : signInHref()],
    s ? null : [t('navActivate'), '/activate'],
  ].filter(Boolean);
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('navMain'));
  const current = location.pathname;
  clear(
    nav,
    h(
      'ul',
      {},
      items.map(([label, href]) =>
        h('li', {}, h('a', { href, 'aria-current': current === href.split('?')[0] ? 'page' : null }, label)),
      ),
      s
        ? h(
            'li',
            {},
            h(
              'button',
              {
                type: 'button',
                onclick: () => {
                  signOut();
                  navigate('/');
                },
              },
              `${t('navSignOut')}${lp()}${s.login}${rp()}`,
            ),
          )
        : null,
    ),
  );
}

setNavigator(navigate);

document.getElementById('lang').addEventListener('click', async () => {
  await setLang(currentLang() === 'en' ? 'zh' : 'en');
  route();
});

// Same-origin links stay in the page; downloads, the API and new-tab clicks go to the browser.
document.addEventListener('click', (event) => {
  const a = event.target.closest?.('a[href]');
  if (
    !a ||
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  )
    return;
  if (a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || /^\/(api|health)\//.test(url.pathname) || /\.[a-z0-9]+$/i.test(url.pathname))
    return;
  if (url.pathname === location.pathname && url.hash) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});

window.addEventListener('popstate', () => {
  if (location.pathname + location.search !== shown) route({ restore: history.state?.scroll ?? 0 });
});

window.addEventListener(SIGNED_OUT, renderChrome);

// "跳到正文" moves the focus to the page's content and nothing else: no navigation, no redraw.
document.getElementById('skip').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
loadLang()
  .catch(() => setLang('zh'))
  .then(route);
