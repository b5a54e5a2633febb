/*
 * Shared map component of "Aux actes citoyens" (Leaflet + Leaflet.markercluster, served locally).
 *
 * Markup: include theme/templates/components/map.html, which renders
 *   <div data-map data-map-source="URL" data-map-settings="ID-OF-JSON-SCRIPT"
 *        [data-map-list="ID-OF-LIST"] [data-map-filter-form="ID-OF-FORM"]
 *        data-map-group-label="… {count} …" role="region" aria-label="…" hidden>
 * and a json_script with the settings: {tilesUrl, tilesAttribution, center: {lat, lng}, zoom}.
 * A tile layer is added only when tilesUrl is not empty; otherwise the map draws on a plain
 * background.
 *
 * Data: GET source + the filter form's fields + bbox=west,south,east,north + zoom, on load
 * and (debounced, previous request aborted) after every move. The answer is a GeoJSON
 * FeatureCollection; feature properties:
 *   id     identifier shared with the list items' data-feature-id (string)
 *   name   text of the tooltip and popup (always set as text, never as HTML)
 *   url    link of the popup (optional)
 *   kind   CSS modifier: .map-marker--<kind>, .map-area--<kind> (each kind has its own shape)
 *   role   "boundary" on a Polygon / MultiPolygon, drawn as an outlined area (any
 *          geometry other than a Point is drawn as an area)
 *   count  on a Point: a cluster computed by the server, drawn as a bubble that zooms in
 *   extent on a cluster: [west, south, east, north] of its members, which the first view
 *          and a click on the bubble fit
 *   note   a short text added to the popup (e.g. « position approximative »)
 *   unplaced  on a Point: the number of items of an area that have no point, shown in the
 *          marker (its popup links to their list)
 * A feature without geometry (an area whose position is unknown) is listed, by its name and
 * link, in the element #<map id>-offmap under the map.
 * Other Points are markers, grouped on the client by markercluster.
 *
 * List: items with data-feature-id; focusing or hovering one highlights its marker and area
 * (or the group that holds the marker); clicking a marker highlights and scrolls to its item.
 * Filter form: a change refetches the GeoJSON, updates the query string (replaceState) and
 * swaps in the list from the same page fetched with the new query, so the server's filters
 * and pagination stay the single source of truth and the page works without JavaScript.
 *
 * State for tests and styles: the container's data-map-state is "loading", "ready" or "error".
 */
(function () {
  "use strict";

  var MOVE_DEBOUNCE_MS = 250;
  var HIGHLIGHT = "is-highlighted";

  // Feature data only ever reaches the DOM through textContent or attributes.
  function cssToken(value) {
    return String(value || "default").toLowerCase().replace(/[^a-z0-9_-]/g, "-");
  }

  function textElement(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    element.textContent = text;
    return element;
  }

  // The view's bounds, widened to a grid of a quarter of a tile at the current zoom: visitors
  // looking at about the same place ask for the same URL, which the page cache then answers.
  function bboxParam(map) {
    var b = map.getBounds();
    var step = 90 / Math.pow(2, Math.floor(map.getZoom()));
    function down(n, limit) { return Math.max(-limit, Math.floor(n / step) * step); }
    function up(n, limit) { return Math.min(limit, Math.ceil(n / step) * step); }
    // Multiples of a power of two: written exactly, without rounding.
    return [down(b.getWest(), 180), down(b.getSouth(), 90), up(b.getEast(), 180), up(b.getNorth(), 90)]
      .map(String)
      .join(",");
  }

  function formQuery(form) {
    var params = new URLSearchParams();
    if (!form) return params;
    new FormData(form).forEach(function (value, key) {
      if (typeof value === "string" && value !== "") params.append(key, value);
    });
    return params;
  }

  function MapComponent(container) {
    this.container = container;
    this.source = container.dataset.mapSource;
    this.listId = container.dataset.mapList || "";
    this.form = container.dataset.mapFilterForm
      ? document.getElementById(container.dataset.mapFilterForm)
      : null;
    this.groupLabel = container.dataset.mapGroupLabel || "{count}";
    this.status = document.getElementById(container.id + "-status");
    this.offMap = document.getElementById(container.id + "-offmap");
    this.settings = JSON.parse(
      document.getElementById(container.dataset.mapSettings).textContent
    );
    this.layersByKey = new Map(); // drawn layers, so a refetch only adds and removes changes
    this.layersById = new Map(); // feature id -> layers, for highlighting
    this.highlightedId = null;
    this.fetchController = null;
    this.listController = null;
    this.fitted = false;
    this.moveTimer = null;
  }

  MapComponent.prototype.start = function () {
    var self = this;
    this.container.hidden = false;
    this.map = window.aacBaseMap(this.container, this.settings);
    this.areas = L.featureGroup().addTo(this.map);
    this.markers = L.markerClusterGroup({
      maxClusterRadius: 40,
      showCoverageOnHover: false,
      iconCreateFunction: function (cluster) {
        return self.groupIcon(cluster.getChildCount());
      },
    }).addTo(this.map);
    this.groups = L.featureGroup().addTo(this.map);
    // A marker hidden in a group, once the group splits, must show the current highlight.
    this.markers.on("animationend", function () { self.applyHighlight(); });

    this.map.on("moveend", function () {
      // What is drawn is stale until the view's own answer is drawn.
      self.container.dataset.mapState = "loading";
      self.applyHighlight();
      clearTimeout(self.moveTimer);
      self.moveTimer = setTimeout(function () { self.load(); }, MOVE_DEBOUNCE_MS);
    });
    this.bindList();
    this.bindForm();
    this.load();
  };

  MapComponent.prototype.groupIcon = function (count) {
    var size = count < 10 ? 34 : count < 100 ? 42 : 50;
    var content = document.createElement("span");
    content.appendChild(textElement("span", "", String(count)))
      .setAttribute("aria-hidden", "true");
    content.appendChild(
      textElement("span", "visually-hidden", this.groupLabel.replace("{count}", count))
    );
    return L.divIcon({ html: content, className: "map-group", iconSize: [size, size] });
  };

  MapComponent.prototype.query = function () {
    var params = formQuery(this.form);
    params.set("bbox", bboxParam(this.map));
    params.set("zoom", String(this.map.getZoom()));
    return params;
  };

  MapComponent.prototype.load = function () {
    var self = this;
    if (this.fetchController) this.fetchController.abort();
    var controller = new AbortController();
    this.fetchController = controller;
    var url = new URL(this.source, window.location.href);
    this.query().forEach(function (value, key) { url.searchParams.set(key, value); });
    this.container.dataset.mapState = "loading";
    fetch(url, { signal: controller.signal, headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (collection) {
        self.draw(collection.features || []);
        if (!self.fitted) {
          self.fitted = true;
          self.fit();
        }
        self.container.dataset.mapState = "ready";
        if (self.status) self.status.textContent = "";
      })
      .catch(function (error) {
        if (error.name === "AbortError") return;
        self.container.dataset.mapState = "error";
        if (self.status) self.status.textContent = self.status.dataset.mapError;
      });
  };

  function featureKey(feature, index) {
    var p = feature.properties || {};
    var g = feature.geometry || {};
    if (g.type === "Point") return ["point", p.id, p.count, g.coordinates.join(" ")].join("|");
    return ["area", p.id === undefined ? index : p.id].join("|");
  }

  MapComponent.prototype.draw = function (features) {
    var self = this;
    var wanted = new Map();
    features.forEach(function (feature, index) {
      if (feature && feature.geometry) wanted.set(featureKey(feature, index), feature);
    });
    this.layersByKey.forEach(function (entry, key) {
      if (!wanted.has(key)) {
        entry.group.removeLayer(entry.layer);
        self.layersByKey.delete(key);
      }
    });
    wanted.forEach(function (feature, key) {
      if (!self.layersByKey.has(key)) self.layersByKey.set(key, self.createLayer(feature));
    });
    this.listOffMap(features);
    this.layersById = new Map();
    this.layersByKey.forEach(function (entry) {
      if (entry.id === undefined || entry.id === null) return;
      var id = String(entry.id);
      if (!self.layersById.has(id)) self.layersById.set(id, []);
      self.layersById.get(id).push(entry.layer);
    });
    this.applyHighlight();
  };

  // Features with nothing to draw (e.g. the « sans point » count of a territory whose
  // position is unknown) are said under the map, so that the map never hides an item.
  MapComponent.prototype.listOffMap = function (features) {
    if (!this.offMap) return;
    var self = this;
    this.offMap.replaceChildren();
    features.forEach(function (feature) {
      if (!feature || feature.geometry || !feature.properties) return;
      var item = self.offMap.appendChild(document.createElement("li"));
      item.appendChild(self.popup(feature.properties));
    });
    this.offMap.hidden = !this.offMap.children.length;
  };

  MapComponent.prototype.createLayer = function (feature) {
    var p = feature.properties || {};
    var type = feature.geometry.type;
    var entry = { id: p.id };
    if (type === "Point" && typeof p.count === "number") {
      entry.group = this.groups;
      entry.layer = this.serverGroupLayer(feature);
    } else if (type === "Point") {
      entry.group = this.markers;
      entry.layer = this.markerLayer(feature);
    } else {
      entry.group = this.areas;
      entry.layer = this.areaLayer(feature);
    }
    entry.group.addLayer(entry.layer);
    return entry;
  };

  MapComponent.prototype.popup = function (p) {
    var content = document.createElement("div");
    content.className = "map-popup";
    if (p.url) {
      var link = textElement("a", "", p.name || p.url);
      link.href = p.url;
      content.appendChild(link);
    } else {
      content.appendChild(textElement("strong", "", p.name || ""));
    }
    if (p.note) content.appendChild(textElement("p", "map-popup__note", p.note));
    return content;
  };

  // Ties a layer's DOM element to its feature id each time Leaflet (re)creates it.
  MapComponent.prototype.tag = function (layer, p) {
    var self = this;
    layer.on("add", function () {
      var element = layer.getElement();
      if (!element || p.id === undefined || p.id === null) return;
      element.setAttribute("data-feature-id", String(p.id));
      element.classList.toggle(HIGHLIGHT, String(p.id) === self.highlightedId);
    });
  };

  MapComponent.prototype.areaLayer = function (feature) {
    var self = this;
    var p = feature.properties || {};
    var layer = L.geoJSON(feature, {
      style: {
        className: "map-area map-area--" + cssToken(p.kind),
        color: "#1d3f6e",
        weight: 2,
        fillColor: "#1d3f6e",
        fillOpacity: 0.08,
      },
    });
    layer.eachLayer(function (shape) {
      self.tag(shape, p);
      if (p.name) shape.bindTooltip(textElement("span", "", p.name), { sticky: true });
      shape.bindPopup(self.popup(p));
      shape.on("click", function () { self.selectListItem(p.id); });
    });
    return layer;
  };

  MapComponent.prototype.markerLayer = function (feature) {
    var self = this;
    var p = feature.properties || {};
    var coordinates = feature.geometry.coordinates;
    var content = document.createElement("span");
    var shape = content.appendChild(document.createElement("span"));
    shape.className = "map-marker__shape";
    if (typeof p.unplaced === "number") {
      shape.textContent = String(p.unplaced);
      shape.setAttribute("aria-hidden", "true");
    }
    content.appendChild(textElement("span", "visually-hidden", p.name || ""));
    var marker = L.marker([coordinates[1], coordinates[0]], {
      icon: L.divIcon({
        html: content,
        className: "map-marker map-marker--" + cssToken(p.kind),
        iconSize: [28, 28],
      }),
      keyboard: true,
      riseOnHover: true,
    });
    this.tag(marker, p);
    if (p.name) marker.bindTooltip(textElement("span", "", p.name), { direction: "top", offset: [0, -14] });
    marker.bindPopup(this.popup(p));
    marker.on("click", function () { self.selectListItem(p.id); });
    return marker;
  };

  MapComponent.prototype.serverGroupLayer = function (feature) {
    var map = this.map;
    var coordinates = feature.geometry.coordinates;
    var latlng = L.latLng(coordinates[1], coordinates[0]);
    var marker = L.marker(latlng, {
      icon: this.groupIcon(feature.properties.count),
      keyboard: true,
    });
    var extent = feature.properties.extent;
    if (Array.isArray(extent) && extent.length === 4) {
      marker.extent = L.latLngBounds([extent[1], extent[0]], [extent[3], extent[2]]);
    }
    marker.on("click", function () {
      if (marker.extent) {
        map.fitBounds(marker.extent, { padding: [24, 24] });
      } else {
        map.setView(latlng, Math.min(map.getZoom() + 2, map.getMaxZoom()));
      }
    });
    return marker;
  };

  // First load only: show every area, marker and group (a server group by the extent of its
  // members, not its centre, so that none of them is left outside the fitted view and the
  // next request, cut to that view); later moves are the user's.
  MapComponent.prototype.fit = function () {
    var bounds = L.latLngBounds([]);
    if (this.areas.getLayers().length) bounds.extend(this.areas.getBounds());
    if (this.markers.getLayers().length) bounds.extend(this.markers.getBounds());
    this.groups.eachLayer(function (group) {
      bounds.extend(group.extent || group.getLatLng());
    });
    if (bounds.isValid()) {
      this.map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13 });
    }
  };

  MapComponent.prototype.highlight = function (id) {
    this.highlightedId = id === null || id === undefined ? null : String(id);
    this.applyHighlight();
  };

  MapComponent.prototype.applyHighlight = function () {
    var self = this;
    this.container.querySelectorAll("." + HIGHLIGHT).forEach(function (element) {
      element.classList.remove(HIGHLIGHT);
    });
    if (this.highlightedId === null) return;
    (this.layersById.get(this.highlightedId) || []).forEach(function (layer) {
      // A clustered marker is not on the map: its group stands in for it.
      var shown = layer instanceof L.Marker ? self.markers.getVisibleParent(layer) : layer;
      var element = shown && shown.getElement ? shown.getElement() : null;
      if (element) element.classList.add(HIGHLIGHT);
      if (shown && shown.bringToFront) shown.bringToFront();
    });
  };

  MapComponent.prototype.listElement = function () {
    return this.listId ? document.getElementById(this.listId) : null;
  };

  MapComponent.prototype.selectListItem = function (id) {
    this.highlight(id);
    var list = this.listElement();
    if (!list || id === undefined || id === null) return;
    list.querySelectorAll("[data-feature-id]").forEach(function (item) {
      var match = item.dataset.featureId === String(id);
      item.classList.toggle(HIGHLIGHT, match);
      if (match) item.scrollIntoView({ block: "nearest" });
    });
  };

  // Delegated from the document: the list element is replaced when filters change.
  MapComponent.prototype.bindList = function () {
    var self = this;
    if (!this.listId) return;
    function itemOf(event) {
      var list = self.listElement();
      var item = event.target.closest ? event.target.closest("[data-feature-id]") : null;
      return list && item && list.contains(item) ? item : null;
    }
    function enter(event) {
      var item = itemOf(event);
      if (item) self.highlight(item.dataset.featureId);
    }
    function leave(event) {
      var item = itemOf(event);
      if (item && !item.contains(event.relatedTarget)) self.highlight(null);
    }
    document.addEventListener("focusin", enter);
    document.addEventListener("mouseover", enter);
    document.addEventListener("focusout", leave);
    document.addEventListener("mouseout", leave);
  };

  MapComponent.prototype.bindForm = function () {
    var self = this;
    if (!this.form) return;
    function update(event) {
      if (event.type === "submit") event.preventDefault();
      var query = formQuery(self.form).toString();
      var url = window.location.pathname + (query ? "?" + query : "");
      window.history.replaceState(null, "", url);
      self.load();
      self.refreshList(url);
    }
    this.form.addEventListener("change", update);
    this.form.addEventListener("submit", update);
  };

  MapComponent.prototype.refreshList = function (url) {
    var self = this;
    var list = this.listElement();
    if (!list) return;
    if (this.listController) this.listController.abort();
    var controller = new AbortController();
    this.listController = controller;
    list.setAttribute("aria-busy", "true");
    fetch(url, { signal: controller.signal, headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(self.listId);
        var current = self.listElement();
        if (fresh && current) current.replaceWith(document.importNode(fresh, true));
      })
      .catch(function (error) {
        if (error.name === "AbortError") return;
        // The old list stays; a reload with the query in the URL shows the right one.
        var current = self.listElement();
        if (current) current.removeAttribute("aria-busy");
      });
  };

  function startAll() {
    if (typeof L === "undefined" || !L.markerClusterGroup) return;
    document.querySelectorAll("[data-map]").forEach(function (container) {
      new MapComponent(container).start();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
