// The public and staff pages' small behaviours; every page works without them.
// Irreversible actions ask first: a form with data-confirm="…" is sent only when the person agrees.
// Without JavaScript the form is sent as before (the server still checks every rule).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var message = form.getAttribute && form.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// A button with data-print prints the page (the site's print styles leave out menus and footers).
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});

// The main navigation's groups: opening one closes the others; a click elsewhere or Escape closes them.
function closeNavGroups(except) {
  document.querySelectorAll(".site-nav details[open]").forEach(function (group) {
    if (group !== except) {
      group.removeAttribute("open");
    }
  });
}
document.addEventListener("toggle", function (event) {
  if (event.target.matches && event.target.matches(".site-nav details") && event.target.open) {
    closeNavGroups(event.target);
  }
}, true);
document.addEventListener("click", function (event) {
  if (!(event.target.closest && event.target.closest(".site-nav details"))) {
    closeNavGroups(null);
  }
});
document.addEventListener("keydown", function (event) {
  if (event.key === "Escape") {
    closeNavGroups(null);
  }
});
