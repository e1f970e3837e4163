// 征地信息查询: once a township is chosen, offer only its villages (the form works without this).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var township = document.getElementById("q-township");
    var village = document.getElementById("q-village");
    if (!township || !village) return;
    function narrow() {
      var code = township.value;
      var groups = village.querySelectorAll("optgroup");
      for (var i = 0; i < groups.length; i++) {
        var shown = !code || groups[i].getAttribute("data-township") === code;
        groups[i].hidden = !shown;
        groups[i].disabled = !shown;
      }
      var chosen = village.options[village.selectedIndex];
      if (chosen && chosen.parentNode.disabled) village.value = "";
    }
    township.addEventListener("change", narrow);
    narrow();
  });
})();
