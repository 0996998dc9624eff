// Material's search dialog has no accessible name of its own.
var searchDialog = document.querySelector(".md-search[role=dialog]");
if (searchDialog) searchDialog.setAttribute("aria-label", "Tìm kiếm");

// Copy buttons on the subscribe page: <button data-copy="https://...">.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button || !navigator.clipboard) return;
  navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
    button.classList.add("is-copied");
    setTimeout(function () { button.classList.remove("is-copied"); }, 2000);
  });
});
