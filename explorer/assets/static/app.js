// taonet explorer: client-side table sorting and live updates from the
// node's websocket (/v1/ws). Tables and figures are server-rendered; this
// script only improves them.
(function () {
  "use strict";
  var lastSort = null; // {table, idx, asc}: reapplied when a live update replaces the page
  function sortTable(th, forceAsc) {
    var table = th.closest("table"), idx = Array.prototype.indexOf.call(th.parentNode.children, th);
    var asc = forceAsc === undefined ? th.getAttribute("aria-sort") !== "ascending" : forceAsc;
    if (table.id) { lastSort = { table: table.id, idx: idx, asc: asc }; }
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    var key = function (r) { var c = r.cells[idx]; return c ? (c.getAttribute("data-v") || c.textContent) : ""; };
    rows.sort(function (a, b) {
      var x = key(a), y = key(b), nx = Number(x), ny = Number(y), c;
      c = (x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny)) ? nx - ny : (x < y ? -1 : x > y ? 1 : 0);
      return asc ? c : -c;
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) { frag.appendChild(r); });
    body.appendChild(frag);
  }
  function wireSort(root) {
    root.querySelectorAll("table.sortable thead th").forEach(function (th) {
      th.addEventListener("click", function (ev) { ev.preventDefault(); sortTable(th); });
    });
  }
  wireSort(document);
  var live = document.body.getAttribute("data-live");
  var busy = false;
  function refreshMain() {
    if (busy) { return; }
    busy = true;
    fetch(location.href, { headers: { "Accept": "text/html" } }).then(function (r) { return r.text(); }).then(function (t) {
      var doc = new DOMParser().parseFromString(t, "text/html"), m = doc.getElementById("main");
      if (m) {
        document.getElementById("main").replaceWith(m);
        wireSort(m);
        var t = lastSort && document.getElementById(lastSort.table);
        if (t && t.tHead && t.tHead.rows[0].cells[lastSort.idx]) { sortTable(t.tHead.rows[0].cells[lastSort.idx], lastSort.asc); }
      }
    }).catch(function () {}).then(function () { busy = false; });
  }
  function connect() {
    var ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/v1/ws");
    ws.onmessage = function (ev) {
      var msg; try { msg = JSON.parse(ev.data); } catch (e) { return; }
      if (msg.type !== "block" || !msg.block) { return; }
      var b = msg.block, el = document.getElementById("live-height");
      if (el) { el.textContent = String(b.height); }
      document.body.setAttribute("data-height", String(b.height));
      var epoch = (b.events || []).some(function (e) { return e.type === "SubnetEpoch"; });
      if (live === "block" || (live === "epoch" && epoch)) { refreshMain(); }
    };
    ws.onclose = function () { setTimeout(connect, 3000); };
  }
  if (window.WebSocket) { connect(); }
})();
