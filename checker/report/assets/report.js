// factlint review page: click a finding to mark every quote it involves; click a figure to find its findings.
// A URL hash naming a finding (#d0-f3) selects it on load, so a link can point at one problem.
// Ids: a quote lists the ids it belongs to in data-q; figures are fig-<id>; finding cards finding-<id>.
(function () {
  "use strict";

  function clear() {
    document.querySelectorAll(".active").forEach(function (el) {
      el.classList.remove("active");
    });
  }

  function select(card, smooth) {
    clear();
    card.classList.add("active");
    var first = null;
    (card.getAttribute("data-targets") || "").split(" ").forEach(function (id) {
      if (!id) return;
      document.querySelectorAll('[data-q~="' + id + '"]').forEach(function (el) {
        el.classList.add("active");
        if (!first) first = el;
      });
      var fig = document.getElementById("fig-" + id);
      if (fig) {
        fig.classList.add("active");
        if (!first) first = fig;
      }
    });
    if (first) first.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
    var key = card.id.replace(/^finding-/, "");
    if (history.replaceState) history.replaceState(null, "", "#" + key);
    document.documentElement.setAttribute("data-selected", key);
  }

  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var card = id && document.getElementById("finding-" + id);
    if (card) {
      select(card, false);
      card.scrollIntoView({ block: "nearest" });
    }
  }

  document.addEventListener("click", function (event) {
    var card = event.target.closest("li.finding");
    if (card) {
      select(card, true);
      return;
    }
    var fig = event.target.closest("mark.fig");
    if (fig) {
      var ids = (fig.getAttribute("data-findings") || "").split(" ").filter(Boolean);
      var target = ids.length && document.getElementById("finding-" + ids[0]);
      if (target) {
        select(target, false);
        target.scrollIntoView({ block: "nearest", behavior: "smooth" });
      }
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      clear();
      return;
    }
    var card = event.target.closest && event.target.closest("li.finding");
    if (card && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      select(card, true);
    }
  });

  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
