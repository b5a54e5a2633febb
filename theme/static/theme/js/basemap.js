/*
 * The base Leaflet map every map of the site starts from: the default view, a zoom range
 * (markercluster needs one even without tiles) and the tile layer only when a tile URL is set,
 * with the referrer policy tile servers ask for. Used by map.js and point-picker.js.
 */
(function () {
  "use strict";

  window.aacBaseMap = function (element, settings) {
    var map = L.map(element, {
      center: [settings.center.lat, settings.center.lng],
      zoom: settings.zoom,
      minZoom: 5,
      maxZoom: 18,
      zoomSnap: 0.5, // half steps let fitBounds frame one territory closely
      attributionControl: false,
    });
    if (settings.tilesUrl) {
      L.control.attribution({ prefix: false }).addTo(map);
      L.tileLayer(settings.tilesUrl, {
        attribution: settings.tilesAttribution,
        referrerPolicy: "strict-origin-when-cross-origin",
        maxZoom: 18,
      }).addTo(map);
    }
    return map;
  };
})();
