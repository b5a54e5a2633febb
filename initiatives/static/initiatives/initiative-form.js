/*
 * The initiative form (progressive enhancement of initiatives/includes/initiative_form.html,
 * shared by the creation and the edit pages).
 *
 * Without this script the form works as it is: the description is typed as plain paragraphs
 * (or HTML), territories are ticked, the commune chosen from the whole list, no point. With it:
 *   - a toolbar above the description inserts the tags the server keeps (heading, bold,
 *     italic, list, link) around the selected text;
 *   - the commune select only offers the communes of the territories ticked;
 *   - the point picker (theme/js/point-picker.js) shows the ticked territories on a small map
 *     (every territory's outline fetched once) and places the point inside them.
 * The server checks and cleans everything again (nh3 for the description).
 */
(function () {
  "use strict";

  var SAFE_LINK = /^(https?:\/\/|mailto:)\S+$/i;

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
      if (container && typeof L !== "undefined" && window.aacBaseMap && window.aacPointPicker) {
        window.aacPointPicker(form, container, {
          territoryIds: function () {
            var ids = [];
            form.querySelectorAll("input[name=territories]:checked").forEach(function (box) {
              ids.push(box.value);
            });
            return ids;
          },
          watches: function (event) { return event.target.name === "territories"; },
          markerKind: function () { return "initiative"; },
          // A point already saved is kept as it is until the territories change.
          keepOutside: true,
        });
      }

    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
