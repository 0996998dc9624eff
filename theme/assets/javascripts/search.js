// Search in Vietnamese, with or without accents: the engine and the result list.
//
// ctct.js loads this file on the first key typed into the search box. The index is a set of
// small files written by generator/search/index.py (its docstring gives their layout): a query
// fetches the manifest once, the term files of its words and the result files of the results it
// shows, all from this site. `window.ctctSearch` exposes the parts the browser tests call.
(() => {
  "use strict";

  const [WORD, MARK] = [/[\p{L}\p{N}]+/gu, /\p{M}/gu]; // words; accents and other marks
  const TITLE = 0;
  const TITLE_WEIGHT = 3; // a word in the title counts three times one in the body
  const TITLE_LENGTH = 0.5; // how much a long title dilutes its words (0: not at all)
  const PAIR = 3; // two query words side by side, in order: three times their own weight more
  const TOGETHER = 1.5; // three known words or more, all in the title: 1.5 times their weight more
  const FOLDED = 0.5; // a spelling whose accents differ from those typed (when any were typed)
  const PAGE = 10; // results shown at a time

  // --- words: the same rules as generator/search/text.py ---------------------------------------

  // The words of a text, with where each starts and ends (for highlighting).
  function spans(text) {
    const nfc = text.normalize("NFC");
    const found = [...nfc.matchAll(WORD)].map((m) => ({ word: m[0].toLowerCase(), start: m.index,
      end: m.index + m[0].length }));
    return { text: nfc, words: found };
  }

  const words = (text) => spans(text).words.map((s) => s.word);

  // 'Đấu' → 'dau', as generator.search.text.folded.
  const fold = (word) =>
    word.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(MARK, "").toLowerCase();

  // A word's accents wherever they sit, so that 'túy' and 'tuý' (old placement) are alike.
  const marks = (word) =>
    (word.normalize("NFD").match(MARK) || []).sort().join("") + (/đ/i.test(word) ? "đ" : "");

  // FNV-1a over code points, as generator.search.text.shard_of.
  function shardOf(term, shards) {
    let h = 0x811c9dc5;
    for (const ch of term) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
    return h % shards;
  }

  // The key each word is filed under, as generator.search.text.terms: a numeral after 'tháng' or
  // 'quý' as its digits ('quý I' = 'quý 1', 'tháng ba' = 'tháng 3'; 'thứ ba' stays).
  const COUNTED = new Set(["thang", "quy"]);
  const NUMBERS = new Map([
    ..."i ii iii iv v vi vii viii ix x xi xii".split(" ").map((w, i) => [w, String(i + 1)]),
    ..."mot hai ba tu nam sau bay tam chin muoi".split(" ").map((w, i) => [w, String(i + 1)]),
    ["bon", "4"], ["gieng", "1"], ["chap", "12"],
  ]);
  function terms(list) {
    const keys = list.map(fold);
    return keys.map((k, i) => (i && COUNTED.has(keys[i - 1]) && NUMBERS.get(k)) || k);
  }

  function parseQuery(text) {
    const found = words(text);
    const keys = terms(found);
    const list = found.map((w, i) => ({ word: w, term: keys[i], marks: marks(w) }));
    return { words: list, accented: list.some((q) => q.marks !== "") };
  }

  // A term file's entry → {marks: [per spelling], rows: [{doc, titleWords, hits}]}.
  function decode([spellings, rows]) {
    const count = spellings.length;
    let doc = 0;
    return {
      marks: spellings.map(marks),
      rows: rows.map(([step, ...codes]) => {
        doc += step;
        const titleWords = codes[0] < 0 ? -codes.shift() : 0; // given where the word is in it
        const hits = codes.map((code) => {
          const rest = Math.floor(code / 2);
          return { field: code % 2, spelling: rest % count, pos: Math.floor(rest / count) };
        });
        return { doc, titleWords, hits };
      }),
    };
  }

  // --- ranking ----------------------------------------------------------------------------------

  // The documents holding the query's words, best first, as [{doc, score, titlePositions}].
  // `entries` maps accent-free words to decoded entries; a word absent from the index is left
  // out (a typo does not empty the list). Only documents holding the most distinct known words
  // are kept: all the words, whenever one document has them all. `stats`: {docs, titleWords}.
  function rank(query, entries, stats) {
    const docs = new Map();
    const idf = [];
    query.words.forEach((q, i) => {
      const entry = entries[q.term];
      if (!entry) return;
      idf[i] = Math.log(1 + stats.docs / entry.rows.length);
      for (const row of entry.rows) {
        if (!docs.has(row.doc)) {
          docs.set(row.doc, { doc: row.doc, titleWords: 0, hits: [], terms: new Set() });
        }
        const found = docs.get(row.doc);
        found.titleWords ||= row.titleWords;
        found.terms.add(q.term);
        found.hits[i] = row.hits.map((h) => ({
          field: h.field,
          pos: h.pos,
          exact: !query.accented || entry.marks[h.spelling] === q.marks,
        }));
      }
    });
    const most = Math.max(0, ...[...docs.values()].map((d) => d.terms.size));
    return [...docs.values()]
      .filter((d) => d.terms.size === most)
      .map((d) => score(d, idf, stats))
      .sort((a, b) => b.score - a.score || a.doc - b.doc);
  }

  // Each word's best occurrence (title above body, typed accents above others), plus a bonus
  // for each pair of consecutive query words found side by side in the same field, and one
  // when the title holds them all.
  function score(d, idf, stats) {
    const length = d.titleWords / Math.max(1, stats.titleWords);
    const titleWeight = TITLE_WEIGHT / (1 - TITLE_LENGTH + TITLE_LENGTH * length);
    const weight = (hit, exact) => (hit.field === TITLE ? titleWeight : 1) * (exact ? 1 : FOLDED);
    let [total, known, inTitle] = [0, 0, 0];
    const titlePositions = new Set();
    d.hits.forEach((hits, i) => {
      if (!hits) return;
      let best = 0;
      for (const h of hits) {
        best = Math.max(best, weight(h, h.exact));
        if (h.field === TITLE) titlePositions.add(h.pos);
      }
      total += idf[i] * best;
      known += idf[i];
      if (hits.some((h) => h.field === TITLE)) inTitle += idf[i];
      const next = d.hits[i + 1];
      if (!next) return;
      let pair = 0;
      for (const a of hits) {
        for (const b of next) {
          if (a.field === b.field && b.pos === a.pos + 1) {
            pair = Math.max(pair, weight(a, a.exact && b.exact));
          }
        }
      }
      total += PAIR * (idf[i] + idf[i + 1]) * pair;
    });
    // Three words or more all in the title, however far apart, above some of them elsewhere
    // (two are ranked by the pair bonus alone: side by side far above apart).
    if (d.hits.filter(Boolean).length > 2 && inTitle === known) {
      total += TOGETHER * titleWeight * known;
    }
    return { doc: d.doc, score: total, titlePositions };
  }

  // --- the index files --------------------------------------------------------------------------

  class Index {
    constructor(manifest, root) {
      this.url = new URL(manifest, document.baseURI);
      this.root = new URL(root, document.baseURI);
      this.files = new Map();
      [this.manifest, this.loading] = [null, null];
    }

    // A file of the index, fetched once (the manifest revalidated, so a new build is seen).
    get(url, fresh = false) {
      const key = url.href;
      if (!this.files.has(key)) {
        const request = fetch(url, fresh ? { cache: "no-cache" } : {}).then((r) => {
          if (!r.ok) throw new Error(`${r.status} ${url}`);
          return r.json();
        });
        request.catch(() => this.files.delete(key)); // a later query tries again
        this.files.set(key, request);
      }
      return this.files.get(key);
    }

    part(pattern, number) {
      const url = new URL(pattern.replace("{}", number), this.url);
      url.searchParams.set("v", this.manifest.version); // never mix two builds' files
      return this.get(url);
    }

    ready() {
      if (!this.loading) {
        this.loading = this.get(this.url, true).then((m) => (this.manifest = m));
        this.loading.catch(() => (this.loading = null));
      }
      return this.loading;
    }

    async search(text) {
      const query = parseQuery(text);
      const m = await this.ready();
      const wanted = [...new Set(query.words.map((q) => q.term))];
      const files = await Promise.all(wanted.map((t) => this.part(m.terms, shardOf(t, m.shards))));
      const entries = {};
      wanted.forEach((t, i) => {
        if (Object.hasOwn(files[i], t)) entries[t] = decode(files[i][t]);
      });
      return rank(query, entries, { docs: m.docs, titleWords: m.title_words });
    }

    // {url, title, teaser} of each result, each in its own small file.
    docs(results) {
      return Promise.all(
        results.map(async (r) => {
          const [url, title, teaser] = await this.part(this.manifest.results, r.doc);
          return { url: new URL(url, this.root).href, title, teaser };
        }),
      );
    }
  }

  // --- the result list, in Material's markup ----------------------------------------------------

  function element(tag, className, ...children) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    el.append(...children);
    return el;
  }

  // The title as text (never HTML), its matched words in <mark>.
  function highlighted(title, positions) {
    const parts = spans(title);
    const heading = element("h1");
    let at = 0;
    parts.words.forEach((w, i) => {
      if (!positions.has(i)) return;
      const word = parts.text.slice(w.start, w.end);
      heading.append(parts.text.slice(at, w.start), element("mark", "", word));
      at = w.end;
    });
    heading.append(parts.text.slice(at));
    return heading;
  }

  function item(doc, result) {
    const article = element(
      "article",
      "md-search-result__article md-typeset",
      element("div", "md-search-result__icon md-icon"),
      highlighted(doc.title, result.titlePositions),
      element("p", "", doc.teaser),
    );
    article.dataset.mdScore = result.score.toFixed(2);
    const link = element("a", "md-search-result__link", article);
    link.href = doc.url;
    return element("li", "md-search-result__item", link);
  }

  // Wire a box written by theme/partials/ctct-search-box.html (a ward's page, the portal);
  // its data-* attributes give the index, the root and the labels.
  function attach(box) {
    const labels = box.dataset;
    const index = new Index(labels.index, labels.root);
    const form = box.querySelector("form");
    const input = form.querySelector("input");
    const meta = box.querySelector(".md-search-result__meta");
    const list = box.querySelector(".md-search-result__list");
    const more = box.querySelector(".ctct-search-more");
    let [latest, results, shown, timer] = [0, [], 0, null];

    const count = (n) => (n < 2 ? [labels.none, labels.one][n] : labels.other.replace("#", n));

    async function showMore(turn) {
      const page = results.slice(shown, shown + PAGE);
      const docs = await index.docs(page);
      if (turn !== latest) return;
      list.append(...docs.map((doc, i) => item(doc, page[i])));
      shown += page.length;
      more.hidden = shown >= results.length;
    }

    async function run() {
      const turn = ++latest;
      const text = input.value.trim();
      results = [];
      more.hidden = true;
      if (!text) {
        list.replaceChildren();
        [meta.textContent, list.dataset.query] = [labels.placeholder, text];
        return;
      }
      if (!index.manifest) meta.textContent = labels.loading;
      try {
        const found = await index.search(text);
        if (turn !== latest) return;
        [results, shown] = [found, 0];
        list.replaceChildren();
        meta.textContent = count(found.length);
        await showMore(turn);
      } catch (error) {
        if (turn !== latest) return;
        console.warn("search:", error);
        meta.textContent = labels.error;
      }
      if (turn === latest) list.dataset.query = text; // what the list shows (for tests)
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    more.addEventListener("click", async () => {
      const first = list.children.length;
      await showMore(latest);
      list.children[first]?.querySelector("a")?.focus();
    });
    form.addEventListener("submit", async () => {
      clearTimeout(timer); // ctct.js keeps the form from being sent
      await run();
      list.querySelector("a")?.click();
    });
    form.addEventListener("reset", () => setTimeout(() => run().then(() => input.focus())));
    return run();
  }

  window.ctctSearch = { words, fold, terms, marks, shardOf, parseQuery, decode, rank, item, attach, Index };
  document.dispatchEvent(new Event("ctct-search-loaded"));
})();
