/*
 * The contribution form (progressive enhancement of consultation/contribution_form.html).
 *
 * Without this script the form works as it is: territory and commune selects, no point. With
 * it:
 *   - the commune select only offers the communes of the chosen territory;
 *   - the point picker (theme/js/point-picker.js) shows the chosen territory on a small map
 *     (fetched for that territory alone) and places the point inside it; its marker takes the
 *     kind chosen (révolte or rêve).
 *   - after a refused submit, the error summary gets the focus.
 * The server checks everything again; this script only saves a round trip.
 */
(function () {
  "use strict";

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

  function start() {
    var form = document.querySelector("[data-contribution-form]");
    if (!form) return;
    // After a refused submit, the error summary has the focus (autofocus does it too): screen
    // reader users hear what is wrong, keyboard users go on from there.
    var summary = form.querySelector("[data-error-summary]");
    if (summary && document.activeElement !== summary) summary.focus();
    var territory = form.querySelector("select[name=territory]");
    var commune = form.querySelector("select[name=commune]");
    if (territory && commune) {
      var filter = new CommuneFilter(territory, commune);
      territory.addEventListener("change", function () { filter.apply(); });
      filter.apply();
    }
    var container = form.querySelector("[data-point-map]");
    if (container && typeof L !== "undefined" && window.aacPointPicker) {
      window.aacPointPicker(form, container, {
        territoryIds: function () { return territory ? [territory.value] : []; },
        watches: function (event) { return event.target === territory; },
        markerKind: function () {
          var checked = form.querySelector("input[name=kind]:checked");
          return checked ? checked.value : "default";
        },
        redrawOn: function (event) { return event.target.name === "kind"; },
        fetchEach: true,
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
