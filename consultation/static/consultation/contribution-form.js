/*
 * The contribution form's map (progressive enhancement of consultation/contribution_form.html).
 *
 * Without this script the form works as it is: territory and commune selects, no point. With
 * it:
 *   - the commune select only offers the communes of the chosen territory;
 *   - a small Leaflet map shows the chosen territory (its outline from the territories GeoJSON
 *     endpoint, or the box around its centre where no outline is stored, as the server checks);
 *   - a click on the map, or "Place the point at the centre" from the keyboard, sets the
 *     hidden latitude/longitude inputs; "Remove the point" empties them.
 * The server checks everything again; this script only saves a round trip.
 *
 * Config (json_script named by data-point-config): {territories: {id: slug}, source: URL of
 * the territories GeoJSON, centreBox: degrees}. Map settings (data-map-settings): the site's
 * {tilesUrl, tilesAttribution, center, zoom}; tiles are requested only when tilesUrl is set.
 * State for tests: the map's data-map-state is "loading", "ready", "no-area" (no territory
 * chosen, or one with neither outline nor centre: the map is hidden) or "error".
 */
(function () {
  "use strict";

  function readJson(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  // Keeps only the chosen territory's group of communes in the select (by its label).
  function CommuneFilter(territorySelect, communeSelect) {
    this.territorySelect = territorySelect;
    this.communeSelect = communeSelect;
    this.groups = Array.prototype.slice.call(communeSelect.querySelectorAll("optgroup"));
  }

  CommuneFilter.prototype.apply = function () {
    var option = this.territorySelect.options[this.territorySelect.selectedIndex];
    var label = option && option.value ? option.text : null;
    var select = this.communeSelect;
    var selected = select.value;
    this.groups.forEach(function (group) {
      if (group.parentNode) group.parentNode.removeChild(group);
    });
    this.groups.forEach(function (group) {
      if (label === null || group.label === label) select.appendChild(group);
    });
    select.value = selected;
    if (select.value !== selected) select.value = "";
  };

  function PointPicker(form, container) {
    this.form = form;
    this.container = container;
    this.field = form.querySelector("[data-point-field]");
    this.status = form.querySelector("[data-point-status]");
    this.actions = form.querySelector("[data-point-actions]");
    this.help = form.querySelector("[data-point-help]");
    this.latitude = form.querySelector("input[name=latitude]");
    this.longitude = form.querySelector("input[name=longitude]");
    this.territory = form.querySelector("select[name=territory]");
    this.settings = readJson(container.dataset.mapSettings);
    this.config = readJson(container.dataset.pointConfig);
    this.area = null; // L.LatLngBounds of the chosen territory, or null
    this.marker = null;
    this.controller = null;
  }

  PointPicker.prototype.start = function () {
    var self = this;
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
      if (event.target === self.territory) self.showTerritory(true);
      if (event.target.name === "kind" && self.marker) self.drawMarker(self.marker.getLatLng());
    });
    var lat = parseFloat(this.latitude.value);
    var lng = parseFloat(this.longitude.value);
    if (isFinite(lat) && isFinite(lng)) {
      this.drawMarker(L.latLng(lat, lng));
      this.say(this.container.dataset.messagePlaced);
    } else {
      this.say(this.container.dataset.messageNone);
    }
    this.showTerritory(false);
  };

  PointPicker.prototype.say = function (message) {
    this.status.textContent = message;
  };

  PointPicker.prototype.kind = function () {
    var checked = this.form.querySelector("input[name=kind]:checked");
    return checked ? checked.value : "default";
  };

  PointPicker.prototype.drawMarker = function (latlng) {
    if (this.marker) this.map.removeLayer(this.marker);
    var content = document.createElement("span");
    content.appendChild(document.createElement("span")).className = "map-marker__shape";
    var label = content.appendChild(document.createElement("span"));
    label.className = "visually-hidden";
    label.textContent = this.container.dataset.labelMarker;
    this.marker = L.marker(latlng, {
      icon: L.divIcon({
        html: content,
        className: "map-marker map-marker--" + this.kind().replace(/[^a-z]/g, ""),
        iconSize: [28, 28],
      }),
      keyboard: false,
      interactive: false,
    }).addTo(this.map);
  };

  PointPicker.prototype.place = function (latlng) {
    if (!this.area) return;
    if (!this.area.contains(latlng)) {
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

  // The map and its buttons show only when the chosen territory has an area to click in.
  PointPicker.prototype.setAvailable = function (available, message) {
    this.container.hidden = !available;
    this.actions.hidden = !available;
    this.help.hidden = !available;
    if (available) this.map.invalidateSize();
    if (message) this.say(message);
  };

  // Draws the chosen territory's area and frames it; a point outside it is removed.
  PointPicker.prototype.showTerritory = function (changed) {
    var self = this;
    var data = this.container.dataset;
    var slug = this.config.territories[this.territory.value];
    this.outline.clearLayers();
    this.area = null;
    if (this.controller) this.controller.abort();
    if (!slug) {
      if (this.marker) this.clear();
      this.setAvailable(false, data.messageChoose);
      this.container.dataset.mapState = "no-area";
      return;
    }
    var controller = new AbortController();
    this.controller = controller;
    var url = new URL(this.config.source, window.location.href);
    url.searchParams.set("territoire", slug);
    this.container.dataset.mapState = "loading";
    fetch(url, { signal: controller.signal, headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (collection) {
        self.setAvailable(true);
        self.drawArea(collection.features || []);
        if (!self.area) {
          if (self.marker) self.clear();
          self.setAvailable(false, data.messageNoArea);
          self.container.dataset.mapState = "no-area";
          return;
        }
        if (self.marker && !self.area.contains(self.marker.getLatLng())) {
          self.clear(data.messageRemoved);
        } else if (changed || !self.marker) {
          self.say(self.marker ? data.messagePlaced : data.messageNone);
        }
        self.container.dataset.mapState = "ready";
      })
      .catch(function (error) {
        if (error.name === "AbortError") return;
        self.container.dataset.mapState = "error";
        self.setAvailable(false, data.messageError);
      });
  };

  PointPicker.prototype.drawArea = function (features) {
    var style = { className: "map-area", color: "#1d3f6e", weight: 2, fillOpacity: 0.06 };
    var boundaries = features.filter(function (f) {
      return f.properties && f.properties.role === "boundary";
    });
    var centre = features.filter(function (f) {
      return f.geometry && f.geometry.type === "Point";
    })[0];
    if (boundaries.length) {
      var layer = L.geoJSON(boundaries, { style: style, interactive: false });
      this.outline.addLayer(layer);
      this.area = layer.getBounds();
    } else if (centre) {
      var c = centre.geometry.coordinates;
      var d = this.config.centreBox;
      this.area = L.latLngBounds([c[1] - d, c[0] - d], [c[1] + d, c[0] + d]);
      style.dashArray = "6 6";
      this.outline.addLayer(L.rectangle(this.area, Object.assign({ interactive: false }, style)));
    }
    if (this.area) this.map.fitBounds(this.area, { padding: [12, 12] });
  };

  function start() {
    var form = document.querySelector("[data-contribution-form]");
    if (!form) return;
    var territory = form.querySelector("select[name=territory]");
    var commune = form.querySelector("select[name=commune]");
    if (territory && commune) {
      var filter = new CommuneFilter(territory, commune);
      territory.addEventListener("change", function () { filter.apply(); });
      filter.apply();
    }
    var container = form.querySelector("[data-point-map]");
    if (container && typeof L !== "undefined") new PointPicker(form, container).start();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
