// Lapor: small improvements over pages that work without JavaScript.
(function () {
  "use strict";
  var d = document;
  function $(s, r) { return (r || d).querySelector(s); }
  function $$(s, r) { return Array.prototype.slice.call((r || d).querySelectorAll(s)); }

  // Move focus to the list of problems so it is read out first.
  var problems = $("#problems");
  if (problems) problems.focus();

  // Live filter of a long <select>: typed words match the starts of words
  // ("jalan" finds "Jalan Rusak", not "Menjalankan"), best matches first
  // (a word of the option's name, its start, its group's name). It never
  // chooses: the person's choice stays chosen and listed.
  var words = function (s) { return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").split(/[^a-z0-9]+/).filter(Boolean); };
  var score = function (ws, own, group) {
    var total = 0;
    return ws.every(function (w) {
      var best = 0, pre = function (t) { return t.indexOf(w) === 0; };
      own.forEach(function (t, j) { if (pre(t)) best = Math.max(best, (t === w ? 4 : 3) + !j); });
      if (!best && group.some(pre)) best = 1;
      total += best;
      return best;
    }) ? total : 0;
  };
  $$("input.filter[data-filter]").forEach(function (input) {
    var sel = d.getElementById(input.getAttribute("data-filter"));
    if (!sel) return;
    var out = $('[data-count="' + sel.id + '"]'), all = $$("option", sel), blank = all.filter(function (o) { return !o.value; });
    var tree = Array.prototype.map.call(sel.children, function (n) { return n.cloneNode(true); });
    var opts = all.filter(function (o) { return o.value; }).map(function (o) {
      var g = o.parentNode.label || "";
      return { o: o.cloneNode(true), own: words(o.textContent), group: words(g), label: g };
    });
    input.hidden = false;
    input.addEventListener("input", function () {
      var ws = words(input.value), keep = sel.value, n = 0;
      sel.textContent = "";
      var list = ws.length ? blank.concat(opts.map(function (x, i) { return { x: x, i: i, s: score(ws, x.own, x.group) }; })
        .filter(function (h) { return h.s || h.x.o.value === keep; })
        .sort(function (a, b) { return (b.x.o.value === keep) - (a.x.o.value === keep) || b.s - a.s || a.i - b.i; })
        .map(function (h) {
          var o = h.x.o.cloneNode(true);
          if (h.s) n++;
          if (h.x.label && o.textContent.indexOf(h.x.label)) o.textContent = h.x.label + ": " + o.textContent;
          return o;
        })) : tree;
      list.forEach(function (o) { sel.appendChild(o.cloneNode(true)); });
      sel.value = keep;
      if (out) out.textContent = ws.length ? (out.getAttribute("data-text") || "%d").replace("%d", n) : "";
    });
  });

  // Length counters beside the limits (the server counts trimmed text).
  $$("[data-counter]").forEach(function (c) {
    var f = d.getElementById(c.getAttribute("data-counter")), min = +c.getAttribute("data-min");
    var update = function () {
      var n = Array.from(f.value.trim()).length;
      c.textContent = c.getAttribute("data-text").replace("%d", n);
      c.classList.toggle("warn", n > 0 && n < min);
    };
    c.hidden = false;
    f.addEventListener("input", update);
    update();
  });

  // Copy buttons.
  $$("[data-copy]").forEach(function (b) {
    if (!navigator.clipboard) return;
    b.hidden = false;
    var label = b.textContent;
    b.addEventListener("click", function () {
      var el = d.getElementById(b.getAttribute("data-copy"));
      navigator.clipboard.writeText(el.textContent.trim()).then(function () {
        b.textContent = b.getAttribute("data-done");
        setTimeout(function () { b.textContent = label; }, 2500);
      });
    });
  });

  $$("[data-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });

  // Privacy: say who will see what, and a name cannot be shown when the
  // report is anonymous.
  var anon = $("#anonymous"), conf = $("#confidential"), show = $("#show_name");
  if (anon && conf) {
    var update = function () {
      var k = (anon.checked ? "1" : "0") + (conf.checked ? "1" : "0");
      $$("[data-privacy]").forEach(function (p) { p.hidden = p.getAttribute("data-privacy") !== k; });
      if (show) { show.disabled = anon.checked; if (anon.checked) show.checked = false; }
    };
    anon.addEventListener("change", update);
    conf.addEventListener("change", update);
    update();
  }

  // Files the server will refuse are not sent (the forms are novalidate):
  // the person is told beside the field, on choosing and on sending.
  $$("input[type=file][data-too-big]").forEach(function (f) {
    var msg = d.createElement("p"), said = f.getAttribute("data-too-big");
    msg.className = "err"; msg.id = f.id + "-too-big"; msg.setAttribute("role", "alert"); msg.hidden = true;
    f.parentNode.insertBefore(msg, f);
    var check = function () {
      var bad = f.files.length > +f.getAttribute("data-max-files") ||
        Array.prototype.some.call(f.files, function (x) { return x.size > +f.getAttribute("data-max-bytes"); });
      f.setCustomValidity(bad ? said : "");
      msg.textContent = bad ? said : "";
      msg.hidden = !bad;
      return bad;
    };
    f.addEventListener("change", check);
    if (f.form) f.form.addEventListener("submit", function (e) { if (check()) { e.preventDefault(); f.focus(); } });
  });

  var lat = $("#location-lat"), lon = $("#location-lon");
  function setPoint(a, b) {
    lat.value = a.toFixed(6);
    lon.value = b.toFixed(6);
    lat.dispatchEvent(new Event("change"));
  }
  // Bulk form: tick or untick every report of the page at once.
  var pickAll = $("[data-pick-all]");
  if (pickAll) {
    var all = $("input", pickAll), picks = $$("input.pick[form=bulk]");
    pickAll.hidden = false;
    all.addEventListener("change", function () { picks.forEach(function (p) { p.checked = all.checked; }); });
  }

  var locate = $("[data-locate]");
  if (locate && lat && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (p) { setPoint(p.coords.latitude, p.coords.longitude); });
    });
  }
  // Likely duplicates while the report is written, from the title (and the
  // map point): links to the public reports, where Dukung is. Without
  // JavaScript the form shows them on its first submit instead.
  var live = $("#dup-live"), rf = $("#report-form");
  if (live && rf && window.fetch && window.URLSearchParams) {
    var timer, last = "";
    var val = function (n) { var el = rf.elements[n]; return el && el.value ? el.value.trim() : ""; };
    var check = function () {
      var title = val("title");
      if (title.length < 5) { live.hidden = true; return; }
      var p = new URLSearchParams({ title: title, body: val("body").slice(0, 2000), category: val("category") });
      var lat = val("location.lat").replace(",", "."), lon = val("location.lon").replace(",", ".");
      if (lat && lon) { p.set("lat", lat); p.set("lon", lon); }
      var q = p.toString();
      if (q === last) return;
      last = q;
      fetch("/api/v1/public/duplicates?" + q, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : {}; })
        .then(function (j) {
          var ds = j.duplicates || [];
          live.textContent = "";
          live.hidden = !ds.length;
          if (!ds.length) return;
          var h = d.createElement("p"), b = d.createElement("b"), ul = d.createElement("ul");
          b.textContent = live.getAttribute("data-title");
          h.appendChild(b);
          h.appendChild(d.createTextNode(" " + live.getAttribute("data-text")));
          ds.forEach(function (x) {
            var li = d.createElement("li"), a = d.createElement("a");
            a.href = "/laporan/" + encodeURIComponent(x.tracking_id);
            a.textContent = x.title;
            li.appendChild(a);
            li.appendChild(d.createTextNode(" (" + live.getAttribute("data-supports").replace("{n}", x.supports) + ")"));
            ul.appendChild(li);
          });
          live.appendChild(h);
          live.appendChild(ul);
        })["catch"](function () {});
    };
    var later = function () { clearTimeout(timer); timer = setTimeout(check, 600); };
    ["title", "body", "category", "location.lat", "location.lon"].forEach(function (n) {
      var el = rf.elements[n];
      if (el) el.addEventListener("change", later);
    });
  }
})();
