/* The portal's ward table: filter by province and by name (with or without diacritics).
   A small province's rows are in the page; a large portal's (data-rows) are fetched on the
   first use of the filter and at most data-limit of them are shown, so its first view stays
   light. Without script the form stays hidden and the page says where the full table is. */
(function () {
  "use strict";
  var form = document.querySelector("[data-ctct-wards]");
  if (!form) return;
  var body = document.querySelector(".ctct-table tbody");
  var foot = document.querySelector(".ctct-table tfoot");
  var province = form.querySelector("#tinh");
  var name = form.querySelector("#ten");
  var status = form.querySelector(".ctct-filter__status");
  var source = form.getAttribute("data-rows");
  var limit = parseInt(form.getAttribute("data-limit") || "0", 10);
  var rows = null;
  var loading = false;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function cell(tag, text) {
    var element = document.createElement(tag);
    element.textContent = text;
    return element;
  }

  // [id, place, province, code, year, tasks, reported, overdue, last report]
  function row(item) {
    var tr = document.createElement("tr");
    var head = document.createElement("th");
    var link = cell("a", item[1]);
    head.scope = "row";
    link.href = item[0] + "/";
    head.appendChild(link);
    tr.appendChild(head);
    for (var i = 2; i < item.length; i++) tr.appendChild(cell("td", String(item[i])));
    return tr;
  }

  function wanted(place, city) {
    var where = province ? province.value : "";
    var words = fold(name.value);
    return (!where || city === where) && (!words || fold(place).indexOf(words) !== -1);
  }

  function show() {
    if (!source) {
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (tr) {
        var keep = wanted(tr.cells[0].textContent, tr.getAttribute("data-tinh") || "");
        tr.hidden = !keep;
        shown += keep ? 1 : 0;
      });
      status.textContent = shown + " phường, xã khớp.";
      return;
    }
    if (!(province && province.value) && !fold(name.value)) {
      body.textContent = "";
      status.textContent = "Chọn tỉnh, thành phố hoặc gõ tên để xem phường, xã.";
      return;
    }
    if (rows === null) {
      load();
      return;
    }
    var found = rows.filter(function (item) { return wanted(item[1], item[2]); });
    body.textContent = "";
    found.slice(0, limit).forEach(function (item) { body.appendChild(row(item)); });
    status.textContent = found.length > limit
      ? "Có " + found.length + " phường, xã khớp; hiện " + limit + " đầu tiên: gõ thêm tên để lọc."
      : found.length + " phường, xã khớp.";
  }

  function load() {
    if (loading) return;
    loading = true;
    status.textContent = "Đang tải danh sách…";
    fetch(source).then(function (answer) {
      if (!answer.ok) throw new Error(answer.status);
      return answer.json();
    }).then(function (data) {
      rows = data;
      show();
    }).catch(function () {
      loading = false;
      status.textContent = "Không tải được danh sách phường, xã; thử lại sau.";
    });
  }

  if (foot && source) foot.hidden = true;
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  name.addEventListener("input", show);
  if (province) province.addEventListener("change", show);
})();
