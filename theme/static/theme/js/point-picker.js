/*
 * The point picker of the citizens' forms (the contribution form, the initiative form): a small
 * Leaflet map that shows the territories chosen in the form and places one point inside them.
 *
 * Without this script the form works as it is, with no point. With it, a click on the map, or
 * "Place the point at the centre" from the keyboard, sets the form's hidden latitude/longitude
 * inputs; "Remove the point" empties them. The server checks everything again.
 *
 * Markup: the map [data-point-map] (its data-map-settings and data-point-config name
 * json_script elements; data-message-* and data-label-marker give the texts), and in the form
 * [data-point-field], [data-point-status], [data-point-actions], [data-point-help],
 * [data-point-centre], [data-point-clear].
 * Config (data-point-config): {territories: {id: slug}, source: URL of the territories
 * GeoJSON, centreBox: degrees}; an area is a territory's outline, or the box around its
 * centre where no outline is stored, as the server checks. Map settings (data-map-settings):
 * the site's {tilesUrl, tilesAttribution, center, zoom}.
 * State for tests: the map's data-map-state is "loading", "ready", "no-area" (no territory
 * chosen, or none with an outline or a centre: the map is hidden) or "error".
 *
 * window.aacPointPicker(form, container, options) takes:
 *   territoryIds(): the ids of the territories chosen in the form (required);
 *   watches(event): true if a change event may change them;
 *   markerKind(): the marker's modifier (map-marker--<kind>), "default" if not given;
 *   redrawOn(event): true if a change event changes the marker's kind;
 *   fetchEach: fetch the chosen territory's features on each change (?territoire=slug, one
 *     territory at a time) rather than every territory's once;
 *   keepOutside: on the first drawing, keep a point outside the areas (a point already saved).
 * Requires Leaflet (L) and window.aacBaseMap (basemap.js).
 */
(function () {
  "use strict";

  var STYLE = { className: "map-area", color: "#1d3f6e", weight: 2, fillOpacity: 0.06 };

  function readJson(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function getJson(url, signal) {
    return fetch(url, { signal: signal, headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (collection) { return collection.features || []; });
  }

  function PointPicker(form, container, options) {
    this.form = form;
    this.container = container;
    this.options = options;
    this.field = form.querySelector("[data-point-field]");
    this.status = form.querySelector("[data-point-status]");
    this.actions = form.querySelector("[data-point-actions]");
    this.help = form.querySelector("[data-point-help]");
    this.latitude = form.querySelector("input[name=latitude]");
    this.longitude = form.querySelector("input[name=longitude]");
    this.settings = readJson(container.dataset.mapSettings);
    this.config = readJson(container.dataset.pointConfig);
    this.features = null; // every territory's features, when fetched once
    this.areas = []; // L.LatLngBounds of the chosen territories
    this.marker = null;
    this.controller = null;
  }

  PointPicker.prototype.start = function () {
    var self = this;
    var options = this.options;
    this.field.hidden = false;
    this.container.hidden = false;
    this.actions.hidden = false;
    this.map = window.aacBaseMap(this.container, this.settings);
    this.outline = L.featureGroup().addTo(this.map);
    this.map.on("click", function (event) { self.place(event.latlng); });
    this.form.querySelector("[data-point-centre]").addEventListener("click", function () {
      self.place(self.map.getCenter());
    });
    this.form.querySelector("[data-point-clear]").addEventListener("click", function () {
      self.clear(self.container.dataset.messageNone);
    });
    this.form.addEventListener("change", function (event) {
      if (options.watches && options.watches(event)) self.update(true);
      if (options.redrawOn && options.redrawOn(event) && self.marker) {
        self.drawMarker(self.marker.getLatLng());
      }
    });
    var lat = parseFloat(this.latitude.value);
    var lng = parseFloat(this.longitude.value);
    if (isFinite(lat) && isFinite(lng)) {
      this.drawMarker(L.latLng(lat, lng));
      this.say(this.container.dataset.messagePlaced);
    } else {
      this.say(this.container.dataset.messageNone);
    }
    if (options.fetchEach) {
      this.update(false);
    } else {
      this.container.dataset.mapState = "loading";
      getJson(new URL(this.config.source, window.location.href))
        .then(function (features) {
          self.features = features;
          self.update(false);
        })
        .catch(function () { self.fail(); });
    }
  };

  PointPicker.prototype.say = function (message) {
    this.status.textContent = message;
  };

  PointPicker.prototype.fail = function () {
    this.container.dataset.mapState = "error";
    this.setAvailable(false, this.container.dataset.messageError);
  };

  PointPicker.prototype.drawMarker = function (latlng) {
    if (this.marker) this.map.removeLayer(this.marker);
    var kind = this.options.markerKind ? this.options.markerKind() : "default";
    var content = document.createElement("span");
    content.appendChild(document.createElement("span")).className = "map-marker__shape";
    var label = content.appendChild(document.createElement("span"));
    label.className = "visually-hidden";
    label.textContent = this.container.dataset.labelMarker;
    this.marker = L.marker(latlng, {
      icon: L.divIcon({
        html: content,
        className: "map-marker map-marker--" + kind.replace(/[^a-z]/g, ""),
        iconSize: [28, 28],
      }),
      keyboard: false,
      interactive: false,
    }).addTo(this.map);
  };

  PointPicker.prototype.inside = function (latlng) {
    return this.areas.some(function (area) { return area.contains(latlng); });
  };

  PointPicker.prototype.place = function (latlng) {
    if (!this.areas.length) return;
    if (!this.inside(latlng)) {
      this.say(this.container.dataset.messageOutside);
      return;
    }
    this.latitude.value = latlng.lat.toFixed(6);
    this.longitude.value = latlng.lng.toFixed(6);
    this.drawMarker(latlng);
    this.say(this.container.dataset.messagePlaced);
  };

  PointPicker.prototype.clear = function (message) {
    if (this.marker) this.map.removeLayer(this.marker);
    this.marker = null;
    this.latitude.value = "";
    this.longitude.value = "";
    if (message) this.say(message);
  };

  // The map and its buttons show only when a chosen territory has an area to click in.
  PointPicker.prototype.setAvailable = function (available, message) {
    this.container.hidden = !available;
    this.actions.hidden = !available;
    this.help.hidden = !available;
    if (available) this.map.invalidateSize();
    if (message) this.say(message);
  };

  // The chosen territories' ids that the config knows ("territoire-<id>" in the GeoJSON).
  PointPicker.prototype.chosen = function () {
    var territories = this.config.territories;
    return this.options.territoryIds().filter(function (id) { return territories[id]; });
  };

  // Fetches what the chosen territories need (fetchEach), then shows them.
  PointPicker.prototype.update = function (changed) {
    var self = this;
    var ids = this.chosen();
    if (!this.options.fetchEach) {
      if (this.features !== null) this.show(ids, this.features, changed);
      return;
    }
    if (this.controller) this.controller.abort();
    this.controller = null;
    if (!ids.length) {
      this.show(ids, [], changed);
      return;
    }
    var controller = new AbortController();
    this.controller = controller;
    var url = new URL(this.config.source, window.location.href);
    url.searchParams.set("territoire", this.config.territories[ids[0]]);
    this.container.dataset.mapState = "loading";
    getJson(url, controller.signal)
      .then(function (features) { self.show(ids, features, changed); })
      .catch(function (error) {
        if (error.name !== "AbortError") self.fail();
      });
  };

  // Draws the chosen territories' areas and frames them; a point left outside them is
  // removed (on the first drawing, kept if options.keepOutside).
  PointPicker.prototype.show = function (ids, features, changed) {
    var data = this.container.dataset;
    var box = this.config.centreBox;
    var self = this;
    this.outline.clearLayers();
    this.areas = [];
    ids.forEach(function (id) {
      var own = features.filter(function (f) {
        return f.properties && f.properties.id === "territoire-" + id;
      });
      var boundaries = own.filter(function (f) { return f.properties.role === "boundary"; });
      var centre = own.filter(function (f) {
        return f.geometry && f.geometry.type === "Point";
      })[0];
      if (boundaries.length) {
        var layer = L.geoJSON(boundaries, { style: STYLE, interactive: false });
        self.outline.addLayer(layer);
        self.areas.push(layer.getBounds());
      } else if (centre) {
        var c = centre.geometry.coordinates;
        var area = L.latLngBounds([c[1] - box, c[0] - box], [c[1] + box, c[0] + box]);
        self.outline.addLayer(L.rectangle(area, Object.assign(
          { interactive: false, dashArray: "6 6" }, STYLE)));
        self.areas.push(area);
      }
    });
    if (!this.areas.length) {
      if (this.marker) this.clear();
      this.setAvailable(false, ids.length ? data.messageNoArea : data.messageChoose);
      data.mapState = "no-area";
      return;
    }
    this.setAvailable(true);
    var all = L.latLngBounds(this.areas[0].getSouthWest(), this.areas[0].getNorthEast());
    this.areas.forEach(function (area) { all.extend(area); });
    this.map.fitBounds(all, { padding: [12, 12] });
    var mayRemove = changed || !this.options.keepOutside;
    if (this.marker && mayRemove && !this.inside(this.marker.getLatLng())) {
      this.clear(data.messageRemoved);
    } else if (changed || !this.marker) {
      this.say(this.marker ? data.messagePlaced : data.messageNone);
    }
    data.mapState = "ready";
  };

  window.aacPointPicker = function (form, container, options) {
    var picker = new PointPicker(form, container, options);
    picker.start();
    return picker;
  };
})();
