// Lapor: small improvements over pages that work without JavaScript.
(function () {
  "use strict";
  var d = document;
  function $(s, r) { return (r || d).querySelector(s); }
  function $$(s, r) { return Array.prototype.slice.call((r || d).querySelectorAll(s)); }

  // Move focus to the list of problems so it is read out first.
  var problems = $("#problems");
  if (problems) problems.focus();

  // Live filter of a long <select> (categories, units). The typed words
  // match the starts of words ("jalan" finds "Jalan Rusak", not
  // "Menjalankan"); matches are listed best first (a whole word of the
  // option's own name, then the start of one, then its group's name).
  // The filter never chooses: the person's choice, if any, stays chosen
  // and listed, and nothing is chosen for them.
  var norm = function (s) { return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); };
  var tokens = function (s) { return norm(s).split(/[^a-z0-9]+/).filter(Boolean); };
  var score = function (words, own, group) {
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var w = words[i], best = 0;
      own.forEach(function (t, j) {
        var v = t === w ? 4 : t.indexOf(w) === 0 ? 3 : 0;
        if (v && j === 0) v++;
        best = Math.max(best, v);
      });
      group.forEach(function (t) { if (t.indexOf(w) === 0) best = Math.max(best, 1); });
      if (!best) return 0;
      total += best;
    }
    return total;
  };
  $$("input.filter[data-filter]").forEach(function (input) {
    var sel = d.getElementById(input.getAttribute("data-filter"));
    if (!sel) return;
    var out = $('[data-count="' + sel.id + '"]'), said = out ? out.getAttribute("data-text") || "%d" : "";
    var all = Array.prototype.slice.call(sel.children).map(function (n) { return n.cloneNode(true); });
    var options = [];
    all.forEach(function (node) {
      if (node.tagName === "OPTGROUP") {
        Array.prototype.forEach.call(node.children, function (o) {
          options.push({ o: o, own: tokens(o.textContent), group: tokens(node.label), label: node.label });
        });
      } else if (node.value) {
        options.push({ o: node, own: tokens(node.textContent), group: [] });
      }
    });
    var blank = all.filter(function (n) { return n.tagName === "OPTION" && !n.value; })[0];
    input.hidden = false;
    input.addEventListener("input", function () {
      var words = tokens(input.value), keep = sel.value;
      sel.textContent = "";
      if (!words.length) {
        all.forEach(function (n) { sel.appendChild(n.cloneNode(true)); });
        sel.value = keep;
        if (out) out.textContent = "";
        return;
      }
      if (blank) sel.appendChild(blank.cloneNode(true));
      var hits = options.map(function (x, i) { return { x: x, i: i, s: score(words, x.own, x.group) }; })
        .filter(function (h) { return h.s > 0 || h.x.o.value === keep; });
      hits.sort(function (a, b) { return (b.x.o.value === keep) - (a.x.o.value === keep) || b.s - a.s || a.i - b.i; });
      var n = 0;
      hits.forEach(function (h) {
        var o = h.x.o.cloneNode(true);
        // Out of its group, an option says which group it belongs to.
        if (h.x.label && o.textContent.indexOf(h.x.label) !== 0) o.textContent = h.x.label + ": " + o.textContent;
        sel.appendChild(o);
        if (h.s > 0) n++;
      });
      sel.value = keep;
      if (out) out.textContent = said.replace("%d", n);
    });
  });

  // Length counters: how many characters a field holds, against the
  // limits stated beside it (the server counts the same way, trimmed).
  $$("[data-counter]").forEach(function (c) {
    var f = d.getElementById(c.getAttribute("data-counter"));
    if (!f) return;
    var min = +c.getAttribute("data-min") || 0, said = c.getAttribute("data-text") || "%d";
    var update = function () {
      var n = Array.from(f.value.trim()).length;
      c.textContent = said.replace("%d", n);
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

  // Files the server will refuse are not sent: the person is told when
  // choosing them, and the form is not submitted while they are chosen
  // (the forms are novalidate, so the browser would send them anyway).
  $$("input[type=file][data-too-big]").forEach(function (f) {
    var maxBytes = +f.getAttribute("data-max-bytes") || 10 * 1024 * 1024, maxFiles = +f.getAttribute("data-max-files") || 5;
    var msg = d.createElement("p");
    msg.className = "err"; msg.id = f.id + "-too-big"; msg.setAttribute("role", "alert"); msg.hidden = true;
    f.parentNode.insertBefore(msg, f);
    var refused = function () {
      return f.files.length > maxFiles || Array.prototype.some.call(f.files, function (x) { return x.size > maxBytes; });
    };
    var check = function () {
      var bad = refused();
      f.setCustomValidity(bad ? f.getAttribute("data-too-big") : "");
      msg.textContent = bad ? f.getAttribute("data-too-big") : "";
      msg.hidden = !bad;
      if (bad) f.setAttribute("aria-invalid", "true"); else f.removeAttribute("aria-invalid");
      return bad;
    };
    f.addEventListener("change", check);
    if (f.form) f.form.addEventListener("submit", function (e) {
      if (check()) { e.preventDefault(); f.focus(); }
    });
  });

  var lat = $("#location-lat"), lon = $("#location-lon");
  function setPoint(a, b) {
    lat.value = a.toFixed(6);
    lon.value = b.toFixed(6);
    lat.dispatchEvent(new Event("change"));
  }
  var locate = $("[data-locate]");
  if (locate && lat && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (p) { setPoint(p.coords.latitude, p.coords.longitude); });
    });
  }

  // A small slippy map of <img> tiles from the tile server the admin set:
  // drag to move, tap to place the pin, + and - to zoom, arrow keys too.
  var map = $("#map[data-tiles]");
  if (map && lat && lon) {
    map.hidden = false;
    var hint = $("#map-hint");
    if (hint) hint.hidden = false;
    var tpl = map.getAttribute("data-tiles"), z = +map.getAttribute("data-zoom") || 13;
    var T = 256, cx, cy, pin = null;
    var toPx = function (la, lo, zz) {
      var s = T * Math.pow(2, zz), r = la * Math.PI / 180;
      return [(lo + 180) / 360 * s, (1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * s];
    };
    var toLL = function (x, y, zz) {
      var s = T * Math.pow(2, zz), n = Math.PI - 2 * Math.PI * y / s;
      return [180 / Math.PI * Math.atan(Math.sinh(n)), x / s * 360 - 180];
    };
    var start = lat.value && lon.value ? [+lat.value.replace(",", "."), +lon.value.replace(",", ".")]
      : [+map.getAttribute("data-lat"), +map.getAttribute("data-lon")];
    if (lat.value) z = 16;
    var c = toPx(start[0], start[1], z); cx = c[0]; cy = c[1];
    var pane = d.createElement("div"), marker = d.createElement("div"), attr = d.createElement("div");
    marker.className = "pin"; attr.className = "attr"; attr.textContent = map.getAttribute("data-attr") || "";
    var zoom = d.createElement("div"); zoom.className = "zoom";
    ["+", "\u2212"].forEach(function (s, i) {
      var b = d.createElement("button"); b.type = "button"; b.textContent = s;
      b.setAttribute("aria-label", map.getAttribute(i ? "data-zoom-out" : "data-zoom-in"));
      b.addEventListener("click", function (e) { e.stopPropagation(); setZoom(z + (i ? -1 : 1)); });
      zoom.appendChild(b);
    });
    map.appendChild(pane); map.appendChild(attr); map.appendChild(zoom);
    var draw = function () {
      var W = map.clientWidth, H = map.clientHeight, x0 = cx - W / 2, y0 = cy - H / 2, n = Math.pow(2, z);
      pane.textContent = "";
      for (var tx = Math.floor(x0 / T); tx <= Math.floor((x0 + W) / T); tx++) {
        for (var ty = Math.floor(y0 / T); ty <= Math.floor((y0 + H) / T); ty++) {
          if (ty < 0 || ty >= n) continue;
          var img = d.createElement("img");
          img.alt = ""; img.draggable = false;
          img.src = tpl.replace("{z}", z).replace("{x}", ((tx % n) + n) % n).replace("{y}", ty);
          img.style.left = Math.round(tx * T - x0) + "px"; img.style.top = Math.round(ty * T - y0) + "px";
          pane.appendChild(img);
        }
      }
      if (pin) {
        var p = toPx(pin[0], pin[1], z);
        marker.style.left = Math.round(p[0] - x0) + "px"; marker.style.top = Math.round(p[1] - y0) + "px";
        pane.appendChild(marker);
      }
    };
    var setZoom = function (nz) {
      nz = Math.max(3, Math.min(19, nz));
      var ll = toLL(cx, cy, z), p = toPx(ll[0], ll[1], nz);
      z = nz; cx = p[0]; cy = p[1]; draw();
    };
    var place = function (x, y) {
      var r = map.getBoundingClientRect(), ll = toLL(cx - r.width / 2 + x, cy - r.height / 2 + y, z);
      pin = ll; setPoint(ll[0], ll[1]); draw();
    };
    if (lat.value && lon.value) pin = start;
    var down = null, moved = false;
    map.addEventListener("pointerdown", function (e) {
      if (e.target.tagName === "BUTTON") return;
      down = [e.clientX, e.clientY, cx, cy]; moved = false; map.setPointerCapture(e.pointerId);
    });
    map.addEventListener("pointermove", function (e) {
      if (!down) return;
      var dx = e.clientX - down[0], dy = e.clientY - down[1];
      if (Math.abs(dx) + Math.abs(dy) > 6) moved = true;
      if (moved) { cx = down[2] - dx; cy = down[3] - dy; draw(); }
    });
    map.addEventListener("pointerup", function (e) {
      if (down && !moved) { var r = map.getBoundingClientRect(); place(e.clientX - r.left, e.clientY - r.top); }
      down = null;
    });
    map.addEventListener("keydown", function (e) {
      var k = { ArrowLeft: [-64, 0], ArrowRight: [64, 0], ArrowUp: [0, -64], ArrowDown: [0, 64] }[e.key];
      if (k) { cx += k[0]; cy += k[1]; draw(); e.preventDefault(); }
      else if (e.key === "+" || e.key === "-") { setZoom(z + (e.key === "+" ? 1 : -1)); e.preventDefault(); }
      else if (e.key === "Enter" || e.key === " ") { place(map.clientWidth / 2, map.clientHeight / 2); e.preventDefault(); }
    });
    var sync = function () {
      var a = parseFloat(lat.value.replace(",", ".")), b = parseFloat(lon.value.replace(",", "."));
      if (!isNaN(a) && !isNaN(b)) { pin = [a, b]; var p = toPx(a, b, z); cx = p[0]; cy = p[1]; draw(); }
    };
    lat.addEventListener("input", sync); lon.addEventListener("input", sync);
    var det = map.closest("details");
    if (det) det.addEventListener("toggle", draw);
    window.addEventListener("resize", draw);
    draw();
  }
})();
