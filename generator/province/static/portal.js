// The portal's search box: search.js (the wards' own engine) and its index load on the first
// key typed, so that the first view downloads nothing for search.
(function () {
  var box = document.querySelector("[data-ctct-search]");
  if (!box) return;
  var input = box.querySelector("input");
  var form = box.querySelector("form");
  var state = "idle";

  function load() {
    if (state !== "idle") return;
    state = "loading";
    document.addEventListener("ctct-search-loaded", function () {
      state = "ready";
      window.ctctSearch.attach(box);
    }, { once: true });
    var script = document.createElement("script");
    script.src = box.dataset.script;
    script.onerror = function () {
      state = "idle";
      box.querySelector(".md-search-result__meta").textContent = box.dataset.error;
    };
    document.head.appendChild(script);
  }

  input.addEventListener("input", load);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  var asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    load();
  }
})();
