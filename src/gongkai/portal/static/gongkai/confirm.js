// Irreversible actions ask first: a form with data-confirm="…" is sent only when the person agrees.
// Without JavaScript the form is sent as before (the server still checks every rule).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var message = form.getAttribute && form.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
