// search.js' ranking under node's own test runner (`node --test tests/js/`), run by
// tests/search/test_search_node.py. The index entries are made here as generator/search/index.py makes
// them (its docstring gives the layout); tests/browser/test_search.py checks the two agree.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

const SOURCE = new URL("../../theme/assets/javascripts/search.js", import.meta.url);
const sandbox = { document: { dispatchEvent() {} }, Event: class {}, console };
sandbox.window = sandbox;
vm.runInNewContext(readFileSync(SOURCE, "utf8"), sandbox);
const s = sandbox.ctctSearch;

// Documents [{title, body: [facts]}] → decoded entries and stats, as search.js gets them.
function index(docs) {
  const found = new Map();
  docs.forEach((doc, n) => {
    [[doc.title], doc.body ?? []].forEach((texts, field) => {
      let pos = 0;
      for (const text of texts) {
        const list = s.words(text);
        s.terms(list).forEach((key, i) => {
          if (!found.has(key)) found.set(key, { spellings: [], where: new Map() });
          const term = found.get(key);
          if (!term.spellings.includes(list[i])) term.spellings.push(list[i]);
          if (!term.where.has(n)) term.where.set(n, []);
          term.where.get(n).push([pos++, term.spellings.indexOf(list[i]), field]);
        });
        pos += 1;
      }
    });
  });
  const lengths = docs.map((d) => s.words(d.title).length);
  const entries = {};
  for (const [key, term] of found) {
    let previous = 0;
    const rows = [...term.where].map(([doc, hits]) => {
      const inTitle = hits.some(([, , field]) => field === 0) ? [-lengths[doc]] : [];
      const codes = hits.map(([pos, sp, field]) => (pos * term.spellings.length + sp) * 2 + field);
      const row = [doc - previous, ...inTitle, ...codes];
      previous = doc;
      return row;
    });
    entries[key] = s.decode([term.spellings, rows]);
  }
  const stats = { docs: docs.length, titleWords: lengths.reduce((a, b) => a + b, 0) / docs.length };
  return { entries, stats };
}

const order = (docs, query) => {
  const { entries, stats } = index(docs);
  return Array.from(s.rank(s.parseQuery(query), entries, stats), (r) => r.doc); // this realm's array
};
const titles = (...list) => list.map((title) => ({ title }));

test("side-by-side syllables rank above scattered ones", () => {
  assert.deepEqual(order(titles("ma quỷ và thuốc túy", "phường không ma túy"), "ma tuy"), [1, 0]);
});

test("every known word is required; an unknown one is left out", () => {
  const docs = titles("giao quân", "giao ban", "quân sự");
  assert.deepEqual(order(docs, "giao quan"), [0]);
  assert.deepEqual(order(docs, "giao quan xyzw"), [0]);
  assert.deepEqual(order(docs, "xyzw"), []);
});

test("a title holding every word ranks above a title holding some", () => {
  const docs = [
    { title: "Sơ kết thực hiện nghị quyết", body: ["Tháng 6/2026"] },
    { title: "Báo cáo kết quả chuyển đổi số 6 tháng đầu năm", body: ["Tháng 6/2026"] },
  ];
  assert.deepEqual(order(docs, "so ket 6 thang"), [1, 0]);
});

test("quý I is quý 1, tháng ba is tháng 3, thứ ba is a weekday", () => {
  const docs = [
    { title: "Báo cáo cải cách hành chính Quý I", body: ["Tháng 3/2026"] },
    { title: "Giao ban", body: ["Tháng 5/2026", "Thứ Ba, 05/05/2026"] },
    { title: "Giao quân", body: ["Tháng 3/2026", "Thứ Sáu, 06/03/2026"] },
  ];
  assert.deepEqual(order(docs, "quy 1"), [0]);
  assert.deepEqual(order(docs, "quý I"), [0]);
  assert.deepEqual(order(docs, "thang ba").sort(), [0, 2]);
  assert.deepEqual(order(docs, "thu ba"), [1]);
});

test("equal scores keep the index's order: the current year's programme first", () => {
  const docs = titles("Kế hoạch bầu cử", "Kế hoạch bầu cử", "Kế hoạch bầu cử");
  assert.deepEqual(order(docs, "bau cu"), [0, 1, 2]);
});

test("typed accents rank above other spellings, d finds đ", () => {
  assert.deepEqual(order(titles("hóa giải", "hòa giải"), "hòa giải"), [1, 0]);
  assert.deepEqual(order(titles("đấu giá đất"), "dau gia"), [0]);
});

test("terms agree with the Python rule on the numerals", () => {
  assert.deepEqual([...s.terms(s.words("Quý IV, tháng Chạp, tháng giêng, khóa XVI"))],
    ["quy", "4", "thang", "12", "thang", "1", "khoa", "xvi"]);
});
