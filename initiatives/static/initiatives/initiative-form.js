/*
 * The initiative form (progressive enhancement of initiatives/includes/initiative_form.html,
 * shared by the creation and the edit pages).
 *
 * Without this script the form works as it is: the description is typed as plain paragraphs
 * (or HTML), territories are ticked, the commune chosen from the whole list, no point. With it:
 *   - a toolbar above the description inserts the tags the server keeps (heading, bold,
 *     italic, list, link) around the selected text;
 *   - the commune select only offers the communes of the territories ticked;
 *   - a small Leaflet map shows the ticked territories (their outlines from the territories
 *     GeoJSON endpoint, or the box around their centre where no outline is stored) and a
 *     click, or "Place the point at the centre" from the keyboard, sets the hidden
 *     latitude/longitude inputs; "Remove the point" empties them.
 * The server checks and cleans everything again (nh3 for the description).
 *
 * Config (json_script named by data-point-config): {territories: {id: slug}, source: URL of
 * the territories GeoJSON, centreBox: degrees}. Map settings (data-map-settings): the site's
 * {tilesUrl, tilesAttribution, center, zoom}.
 * State for tests: the map's data-map-state is "loading", "ready", "no-area" or "error".
 */
(function () {
  "use strict";

  var SAFE_LINK = /^(https?:\/\/|mailto:)\S+$/i;

  function readJson(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  // The description's toolbar.
  function RichToolbar(toolbar, textarea) {
    this.toolbar = toolbar;
    this.textarea = textarea;
  }

  RichToolbar.prototype.start = function () {
    var self = this;
    this.toolbar.hidden = false;
    this.toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("[data-rich-action]");
      if (button) self.apply(button.dataset.richAction);
    });
  };

  RichToolbar.prototype.apply = function (action) {
    var area = this.textarea;
    var value = area.value;
    var start = area.selectionStart;
    var end = area.selectionEnd;
    var before = value.slice(0, start);
    var selected = value.slice(start, end);
    var after = value.slice(end);
    var inserted;
    if (action === "strong" || action === "em") {
      inserted = "<" + action + ">" + selected + "</" + action + ">";
    } else if (action === "link") {
      var url = window.prompt(this.toolbar.dataset.messageLinkUrl, "https://");
      if (url === null) return;
      url = url.trim();
      if (!SAFE_LINK.test(url)) {
        window.alert(this.toolbar.dataset.messageLinkInvalid);
        return;
      }
      inserted = '<a href="' + escapeHtml(url) + '">' +
        (selected || this.toolbar.dataset.messageLinkText) + "</a>";
    } else {
      // A block (heading or list) stands between empty lines: the server reads each plain
      // block around it as a paragraph (initiatives.sanitise.wrap_paragraphs).
      if (action === "ul") {
        var items = selected.split("\n").map(function (line) { return line.trim(); })
          .filter(Boolean);
        if (!items.length) items = [""];
        inserted = "<ul>\n" + items.map(function (item) {
          return "<li>" + item + "</li>";
        }).join("\n") + "\n</ul>";
      } else {
        inserted = "<h2>" + selected.replace(/\s+/g, " ").trim() + "</h2>";
      }
      before = before.trim() ? before.replace(/\s*$/, "") + "\n\n" : "";
      after = after.trim() ? "\n\n" + after.replace(/^\s*/, "") : "";
    }
    area.value = before + inserted + after;
    area.focus();
    var caret = before.length + inserted.length;
    area.setSelectionRange(caret, caret);
    area.dispatchEvent(new Event("input", { bubbles: true }));
  };

  // Only the communes of the territories ticked (each territory's communes are an optgroup
  // labelled with its name, as the checkbox is).
  function CommuneFilter(form, communeSelect) {
    this.form = form;
    this.select = communeSelect;
    this.groups = Array.prototype.slice.call(communeSelect.querySelectorAll("optgroup"));
  }

  CommuneFilter.prototype.tickedLabels = function () {
    var labels = [];
    this.form.querySelectorAll("input[name=territories]:checked").forEach(function (box) {
      var label = box.closest("label");
      if (label) labels.push(label.textContent.trim());
    });
    return labels;
  };

  CommuneFilter.prototype.apply = function () {
    var labels = this.tickedLabels();
    var select = this.select;
    var selected = select.value;
    this.groups.forEach(function (group) {
      if (group.parentNode) group.parentNode.removeChild(group);
    });
    this.groups.forEach(function (group) {
      if (!labels.length || labels.indexOf(group.label) !== -1) select.appendChild(group);
    });
    select.value = selected;
    if (select.value !== selected) select.value = "";
  };

  // The map that places the initiative inside the territories ticked.
  function PointPicker(form, container) {
    this.form = form;
    this.container = container;
    this.field = form.querySelector("[data-point-field]");
    this.status = form.querySelector("[data-point-status]");
    this.actions = form.querySelector("[data-point-actions]");
    this.help = form.querySelector("[data-point-help]");
    this.latitude = form.querySelector("input[name=latitude]");
    this.longitude = form.querySelector("input[name=longitude]");
    this.settings = readJson(container.dataset.mapSettings);
    this.config = readJson(container.dataset.pointConfig);
    this.features = null; // every live territory's features, fetched once
    this.areas = []; // L.LatLngBounds of the ticked territories
    this.marker = null;
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
      if (event.target.name === "territories") self.showTerritories(true);
    });
    var lat = parseFloat(this.latitude.value);
    var lng = parseFloat(this.longitude.value);
    if (isFinite(lat) && isFinite(lng)) {
      this.drawMarker(L.latLng(lat, lng));
      this.say(this.container.dataset.messagePlaced);
    } else {
      this.say(this.container.dataset.messageNone);
    }
    this.load();
  };

  PointPicker.prototype.load = function () {
    var self = this;
    this.container.dataset.mapState = "loading";
    fetch(new URL(this.config.source, window.location.href), {
      headers: { Accept: "application/geo+json" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (collection) {
        self.features = collection.features || [];
        self.showTerritories(false);
      })
      .catch(function () {
        self.container.dataset.mapState = "error";
        self.setAvailable(false, self.container.dataset.messageError);
      });
  };

  PointPicker.prototype.say = function (message) {
    this.status.textContent = message;
  };

  PointPicker.prototype.drawMarker = function (latlng) {
    if (this.marker) this.map.removeLayer(this.marker);
    var content = document.createElement("span");
    content.appendChild(document.createElement("span")).className = "map-marker__shape";
    var label = content.appendChild(document.createElement("span"));
    label.className = "visually-hidden";
    label.textContent = this.container.dataset.labelMarker;
    this.marker = L.marker(latlng, {
      icon: L.divIcon({ html: content, className: "map-marker map-marker--initiative",
        iconSize: [28, 28] }),
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

  PointPicker.prototype.setAvailable = function (available, message) {
    this.container.hidden = !available;
    this.actions.hidden = !available;
    this.help.hidden = !available;
    if (available) this.map.invalidateSize();
    if (message) this.say(message);
  };

  PointPicker.prototype.tickedIds = function () {
    var territories = this.config.territories;
    var ids = [];
    this.form.querySelectorAll("input[name=territories]:checked").forEach(function (box) {
      if (territories[box.value]) ids.push("territoire-" + box.value);
    });
    return ids;
  };

  // Draws the ticked territories and frames them; a point left outside them when the member
  // changes the territories is removed (a point already saved is kept as it is).
  PointPicker.prototype.showTerritories = function (changed) {
    if (this.features === null) return;
    var data = this.container.dataset;
    var ids = this.tickedIds();
    var style = { className: "map-area", color: "#1d3f6e", weight: 2, fillOpacity: 0.06 };
    var box = this.config.centreBox;
    var self = this;
    this.outline.clearLayers();
    this.areas = [];
    ids.forEach(function (id) {
      var own = self.features.filter(function (f) {
        return f.properties && f.properties.id === id;
      });
      var boundaries = own.filter(function (f) { return f.properties.role === "boundary"; });
      var centre = own.filter(function (f) {
        return f.geometry && f.geometry.type === "Point";
      })[0];
      if (boundaries.length) {
        var layer = L.geoJSON(boundaries, { style: style, interactive: false });
        self.outline.addLayer(layer);
        self.areas.push(layer.getBounds());
      } else if (centre) {
        var c = centre.geometry.coordinates;
        var area = L.latLngBounds([c[1] - box, c[0] - box], [c[1] + box, c[0] + box]);
        self.outline.addLayer(L.rectangle(area, Object.assign(
          { interactive: false, dashArray: "6 6" }, style)));
        self.areas.push(area);
      }
    });
    if (!ids.length || !this.areas.length) {
      if (this.marker) this.clear();
      this.setAvailable(false, ids.length ? data.messageNoArea : data.messageChoose);
      this.container.dataset.mapState = "no-area";
      return;
    }
    this.setAvailable(true);
    var all = L.latLngBounds(this.areas[0].getSouthWest(), this.areas[0].getNorthEast());
    this.areas.forEach(function (area) { all.extend(area); });
    this.map.fitBounds(all, { padding: [12, 12] });
    if (this.marker && changed && !this.inside(this.marker.getLatLng())) {
      this.clear(data.messageRemoved);
    } else if (changed || !this.marker) {
      this.say(this.marker ? data.messagePlaced : data.messageNone);
    }
    this.container.dataset.mapState = "ready";
  };

  function start() {
    document.querySelectorAll("[data-initiative-form]").forEach(function (form) {
      var summary = form.querySelector("[data-error-summary]");
      if (summary) summary.focus();

      var toolbar = form.querySelector("[data-rich-toolbar]");
      var textarea = toolbar && document.getElementById(toolbar.getAttribute("aria-controls"));
      if (toolbar && textarea) new RichToolbar(toolbar, textarea).start();

      var commune = form.querySelector("select[name=commune]");
      if (commune) {
        var filter = new CommuneFilter(form, commune);
        form.addEventListener("change", function (event) {
          if (event.target.name === "territories") filter.apply();
        });
        filter.apply();
      }

      var container = form.querySelector("[data-point-map]");
      if (container && typeof L !== "undefined" && window.aacBaseMap) {
        new PointPicker(form, container).start();
      }

    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
