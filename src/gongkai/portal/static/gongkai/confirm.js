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
