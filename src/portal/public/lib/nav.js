// Pages ask for a navigation here rather than importing app.js: the entry module is loaded once,
// by index.html, under its versioned URL, and nothing else may load a second copy of it.
let navigator = (path) => {
  location.assign(path);
};

export function setNavigator(fn) {
  navigator = fn;
}

export const navigate = (path, options) => navigator(path, options);

/** Shows the current page again with fresh data, after a change the page's figures depend on. */
export const reload = () => navigate(location.pathname + location.search, { replace: true });
