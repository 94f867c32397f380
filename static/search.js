// The search page: Pagefind's index of this page's language, loaded from this site only.
// Results update as the reader types; the status line (role=status) tells screen readers how many.
const form = document.getElementById("search");
const input = document.getElementById("search-query");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const words = form.dataset;
let pagefind = null;

async function load() {
  pagefind = pagefind || import(words.bundle + "pagefind.js").then(async (module) => {
    await module.options({ baseUrl: words.base, excerptLength: 24 });
    return module;
  });
  return pagefind;
}

// Pagefind's excerpt is escaped text with <mark> around the matched words: keep exactly that.
function excerpt(html) {
  const out = document.createElement("p");
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html").body;
  for (const node of parsed.childNodes) {
    const mark = node.nodeName === "MARK" ? document.createElement("mark") : null;
    if (mark) mark.textContent = node.textContent;
    out.append(mark || document.createTextNode(node.textContent));
  }
  return out;
}

function show(results) {
  list.replaceChildren(...results.map((data) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    const heading = document.createElement("h2");
    heading.append(link);
    item.append(heading, excerpt(data.excerpt));
    return item;
  }));
}

async function search(query) {
  const params = new URLSearchParams(location.search);
  if (params.get("q") !== query) {
    params.set("q", query);
    history.replaceState(null, "", `${location.pathname}?${params}`);
  }
  if (!query.trim()) {
    status.textContent = "";
    list.replaceChildren();
    return;
  }
  status.textContent = words.searching;
  let found;
  try {
    found = await (await load()).debouncedSearch(query, {}, 200);
  } catch (error) {
    status.textContent = words.unavailable;
    return;
  }
  if (found === null) return; // a newer query superseded this one
  const results = await Promise.all(found.results.slice(0, 20).map((result) => result.data()));
  show(results);
  status.textContent = results.length ? words.found.replace("{count}", found.results.length) : words.none;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  search(input.value);
});
input.addEventListener("input", () => search(input.value));
const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  search(initial);
}
