// Lapor: a small slippy map of <img> tiles from the tile server the admin
// set, loaded only with the report form when there is one: drag to move,
// tap to place the pin, + and - to zoom, arrow keys too. It fills the
// latitude and longitude fields, which work without it.
(function () {
  "use strict";
  var d = document;
  var map = d.querySelector("#map[data-tiles]"), lat = d.getElementById("location-lat"), lon = d.getElementById("location-lon");
  function setPoint(a, b) {
    lat.value = a.toFixed(6);
    lon.value = b.toFixed(6);
    lat.dispatchEvent(new Event("change"));
  }
  if (map && lat && lon) {
    map.hidden = false;
    var hint = d.getElementById("map-hint");
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
