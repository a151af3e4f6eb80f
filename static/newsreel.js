// newsreel's progressive enhancements: sortable and filterable tables, and client-side search.
// Every page works without it.
(function () {
  "use strict";

  function sortable(table) {
    var heads = table.querySelectorAll("th[data-sort]");
    heads.forEach(function (th, col) {
      th.tabIndex = 0;
      function sort() {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var numeric = th.dataset.sort === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].textContent.trim(), y = b.cells[col].textContent.trim();
          var c = numeric ? (parseFloat(x) - parseFloat(y)) : x.localeCompare(y);
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  }

  function filters(group) {
    var table = document.querySelector("table.entity-table");
    if (!table) return;
    group.querySelectorAll("button").forEach(function (b) {
      b.addEventListener("click", function () {
        group.querySelectorAll("button").forEach(function (o) { o.setAttribute("aria-pressed", String(o === b)); });
        var kind = b.dataset.filter;
        Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
          r.hidden = kind !== "" && !r.classList.contains(kind);
        });
      });
    });
  }

  function search(input) {
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var index = null;
    function words(s) { return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").split(/[^a-z0-9]+/).filter(Boolean); }
    function run() {
      var q = words(input.value);
      list.textContent = "";
      if (!q.length || !index) { status.textContent = ""; return; }
      var hits = index.articles.map(function (a) {
        var hay = a._words || (a._words = words(a.title + " " + a.summary + " " + a.entities.join(" ") + " " + a.tags.join(" ")));
        var score = 0;
        q.forEach(function (w) { hay.forEach(function (h) { if (h === w) score += 3; else if (h.indexOf(w) === 0) score += 1; }); });
        var all = q.every(function (w) { return hay.some(function (h) { return h.indexOf(w) === 0; }); });
        return all ? { a: a, score: score } : null;
      }).filter(Boolean).sort(function (x, y) { return y.score - x.score || (y.a.date > x.a.date ? 1 : -1); }).slice(0, 50);
      status.textContent = hits.length ? hits.length + (hits.length === 50 ? "+" : "") + " articles" : "No articles match.";
      hits.forEach(function (h) {
        var li = document.createElement("li"), a = document.createElement("a"), p = document.createElement("p");
        a.href = h.a.url; a.textContent = h.a.title;
        p.className = "meta"; p.textContent = h.a.date + " · " + h.a.summary;
        li.appendChild(a); li.appendChild(p); list.appendChild(li);
      });
    }
    fetch(input.dataset.index).then(function (r) { return r.json(); }).then(function (data) {
      index = data;
      var q = new URLSearchParams(location.search).get("q");
      if (q) input.value = q;
      run();
    }).catch(function () { status.textContent = "The search index could not be loaded."; });
    input.addEventListener("input", run);
  }

  document.querySelectorAll("table.sortable").forEach(sortable);
  document.querySelectorAll(".filters").forEach(filters);
  var q = document.getElementById("q");
  if (q && q.dataset.index) search(q);
})();
