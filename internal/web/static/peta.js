// Lapor: the public map, /peta. Leaflet (vendored, leaflet.js) draws the
// admin's tile server; the public reports with a point come from
// /peta/data.json as clustered markers (markercluster.js). Without this
// script the page is the list of places below the map's place.
(function () {
  "use strict";
  var el = document.getElementById("peta");
  if (!el || !window.L || !L.markerClusterGroup || !window.fetch) return;
  el.hidden = false;
  var labels = {};
  try { labels = JSON.parse(el.getAttribute("data-labels") || "{}"); } catch (e) { labels = {}; }
  var map = L.map(el, { scrollWheelZoom: false }).setView(
    [+el.getAttribute("data-lat"), +el.getAttribute("data-lon")], +el.getAttribute("data-zoom") || 13);
  L.tileLayer(el.getAttribute("data-tiles"), {
    maxZoom: 19, attribution: el.getAttribute("data-attr") || ""
  }).addTo(map);
  var group = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false });
  map.addLayer(group);
  function popup(p) {
    // Built from text nodes: a title is never read as markup.
    var box = document.createElement("div"), a = document.createElement("a"), st = document.createElement("p");
    a.href = "/laporan/" + encodeURIComponent(p[2]);
    a.textContent = p[3];
    st.className = "muted";
    st.textContent = (labels[p[4]] || p[4]) + " · " + p[2];
    box.appendChild(a); box.appendChild(st);
    return box;
  }
  fetch(el.getAttribute("data-points"), { credentials: "same-origin" }).then(function (r) {
    if (!r.ok) throw new Error("status " + r.status);
    return r.json();
  }).then(function (data) {
    var markers = [], bounds = [];
    (data.points || []).forEach(function (p) {
      var m = L.circleMarker([p[0], p[1]], { radius: 8, color: "#ffffff", weight: 2, fillColor: "#9e1b1b", fillOpacity: 0.9 });
      m.bindPopup(function () { return popup(p); });
      m.options.title = p[3];
      markers.push(m);
      bounds.push([p[0], p[1]]);
    });
    group.addLayers(markers);
    el.setAttribute("data-markers", String(markers.length));
    if (bounds.length) map.fitBounds(bounds, { maxZoom: 16, padding: [20, 20] });
    if (data.truncated) {
      var note = document.getElementById("peta-note");
      note.textContent = el.getAttribute("data-truncated");
      note.hidden = false;
    }
  }).catch(function () {
    el.setAttribute("data-markers", "error");
  });
})();
