// Small behaviours of every page. Kept short: it loads with each page.

// Copy buttons on the subscribe page: <button data-copy="https://...">.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button || !navigator.clipboard) return;
  navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
    button.classList.add("is-copied");
    setTimeout(function () { button.classList.remove("is-copied"); }, 2000);
  });
});

// Material's header buttons (menu, search) are <label>s: give them to the keyboard too.
// Material itself clicks a focused label on Enter; Space is added here, as for any button.
document.querySelectorAll(".md-header__button[for]").forEach(function (label) {
  var isMenu = label.getAttribute("for") === "__drawer";
  label.setAttribute("role", "button");
  label.setAttribute("tabindex", "0");
  label.setAttribute("aria-label", isMenu ? "Mở mục lục" : "Tìm kiếm");
  label.addEventListener("keydown", function (event) {
    if (event.key !== " ") return;
    event.preventDefault();
    label.click();
  });
});

function setToggle(toggle, on) {
  if (!toggle || toggle.checked === on) return;
  toggle.checked = on;
  toggle.dispatchEvent(new Event("change"));
}

function isShown(el) {
  if (!el) return false;
  return el.checkVisibility ? el.checkVisibility({ visibilityProperty: true }) : !!el.offsetParent;
}

// The phone drawer closes on Escape (the focus back on its button) and when the focus leaves it
// for the page under it.
(function () {
  var drawer = document.getElementById("__drawer");
  var sidebar = document.querySelector(".md-sidebar--primary");
  var button = document.querySelector(".md-header__button[for=__drawer]");
  if (!drawer || !sidebar) return;
  // The title of an open sub-list ("‹ Theo tháng") goes back up a level: a button too.
  sidebar.querySelectorAll(".md-nav .md-nav .md-nav__title[for]").forEach(function (title) {
    title.setAttribute("tabindex", "0");
    title.setAttribute("role", "button");
  });
  // Opened, it covers the header: the focus goes to its first link.
  drawer.addEventListener("change", function () {
    if (!drawer.checked) return;
    var first = Array.from(sidebar.querySelectorAll("a[href], [tabindex='0']")).find(isShown);
    if (first) first.focus();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !drawer.checked) return;
    setToggle(drawer, false);
    if (isShown(button)) button.focus();
  });
  // Opening a sub-list moves the focus to its title ("‹ Theo tháng"), going back to its opener.
  sidebar.querySelectorAll(".md-nav__toggle[id]").forEach(function (sub) {
    sub.addEventListener("change", function () {
      if (!drawer.checked) return;
      var opener = sidebar.querySelector(".md-nav__link[for='" + sub.id + "']");
      var target = sub.checked ? sub.parentElement.querySelector(".md-nav__title") : opener;
      if (isShown(target)) target.focus();
    });
  });
  sidebar.addEventListener("focusout", function (event) {
    var to = event.relatedTarget;
    if (drawer.checked && to && !sidebar.contains(to) && !to.closest(".md-header")) {
      setToggle(drawer, false);
    }
  });
})();

// The search box (theme/partials/ctct-search-box.html, on a ward's pages and the portal). Its
// engine, search.js, loads on the first key typed, so that no page view downloads anything for
// search until someone searches.
(function () {
  var box = document.querySelector("[data-ctct-search]");
  var toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  var input = box.querySelector("input");
  var button = document.querySelector(".md-header__button[for=__search]");
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

  // On phones the box covers the page: closing it gives the focus back to the header button.
  function close() {
    setToggle(toggle, false);
    if (isShown(button)) button.focus();
  }

  input.addEventListener("input", load);
  // Enter goes to the best result (search.js); never reload the page with ?q=.
  box.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
  });
  // A link to a search, '…/?q=ma+tuy', opens it.
  var asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    setToggle(toggle, true);
    load();
  }
  input.addEventListener("focus", function () { setToggle(toggle, true); });
  // Opened by the header button (phones): the box appears, so the focus goes into it.
  toggle.addEventListener("change", function () {
    if (toggle.checked && document.activeElement !== input) input.focus();
  });
  // Leaving the box closes it, so that nothing hidden keeps the focus.
  box.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) setToggle(toggle, false);
  });
  box.addEventListener("click", function (event) {
    if (event.target.closest("a[href]")) setToggle(toggle, false);
  });
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var stops = [input].concat(Array.from(box.querySelectorAll(".md-search-result__list a")));
      var at = stops.indexOf(document.activeElement);
      var step = event.key === "ArrowDown" ? 1 : -1;
      stops[(at + step + stops.length) % stops.length].focus();
      event.preventDefault();
    }
  });
  // '/' (or 's', 'f', as in Material) from anywhere but a text field opens the search.
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (["/", "s", "f"].indexOf(event.key) < 0 || toggle.checked) return;
    var active = document.activeElement;
    if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) {
      return;
    }
    event.preventDefault();
    setToggle(toggle, true);
    input.focus();
    input.select();
  });
})();

// A printed page says when it was printed (theme/main.html, shown on paper only).
document.querySelectorAll("[data-ctct-print-date]").forEach(function (line) {
  var format = { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" };
  function stamp() { line.lastElementChild.textContent = new Date().toLocaleDateString("vi-VN", format); }
  stamp();
  window.addEventListener("beforeprint", stamp);
  line.hidden = false;
});
