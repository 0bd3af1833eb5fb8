// rashomon: the one script of the web app (served as a file; the CSP forbids inline scripts).
// On the article page, a click on a highlighted passage pins the details of every item over
// it (speaker, hedge, event type, neutral equivalent, the rule that fired) in the side panel.
(function () {
  "use strict";
  function show(panel, ids) {
    panel.textContent = "";
    ids.forEach(function (id) {
      var src = document.getElementById("m-" + id);
      if (!src) { return; }
      var card = src.cloneNode(true);
      card.removeAttribute("id");
      card.className = "card " + src.className;
      panel.appendChild(card);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var text = document.getElementById("article-text");
    var panel = document.getElementById("details");
    if (!text || !panel) { return; }
    var pinned = null;
    text.addEventListener("click", function (ev) {
      var el = ev.target.closest("[data-marks]");
      if (pinned) { pinned.classList.remove("pinned"); }
      if (!el) { pinned = null; return; }
      pinned = el;
      el.classList.add("pinned");
      show(panel, el.getAttribute("data-marks").split(" "));
    });
    text.addEventListener("mouseover", function (ev) {
      var el = ev.target.closest("[data-marks]");
      if (el && !pinned) { show(panel, el.getAttribute("data-marks").split(" ")); }
    });
  });
})();
