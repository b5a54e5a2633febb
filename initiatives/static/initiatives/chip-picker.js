/*
 * A search-as-you-type picker of several items shown as removable chips (used by the
 * « Inspirée des révoltes et rêves » field of initiatives/includes/initiative_form.html).
 *
 * Markup: a container [data-chip-picker] holding the field's text input
 * [data-chip-picker-input], whose value is a comma-separated list of numbers (or addresses).
 * Without this script the input is typed as it is and the server checks it. With it, the
 * input becomes hidden and a new text input (taking over its id, so the label and the error
 * summary point to it) follows the ARIA 1.2 combobox pattern, as search-suggest.js does: after
 * a short pause it asks data-chip-picker-url?q= for {"results": [{id, label, territory}]},
 * Down/Up move in the listbox, Enter or a click adds the option as a chip, Escape closes it.
 * Enter on a typed number adds it as is. Each chip has a remove button; the hidden input
 * always holds the chips' numbers. Texts are inserted with textContent only.
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 200;
  var MIN_LENGTH = 2;
  var NUMBER = /^(?:.*\/contributions\/)?#?(\d{1,12})\/?$/;

  if (!window.fetch || !window.AbortController) {
    return;
  }

  function format(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function ChipPicker(container, field) {
    this.container = container;
    this.field = field;
    this.data = container.dataset;
    this.chosen = []; // [{id, label}]
    this.results = [];
    this.active = -1;
    this.timer = null;
    this.request = null;
  }

  ChipPicker.prototype.start = function () {
    var self = this;
    var field = this.field;
    var id = field.id;
    var listId = id + "-options";

    this.input = document.createElement("input");
    this.input.type = "text";
    this.input.id = id;
    this.input.className = field.className;
    this.input.autocomplete = "off";
    this.input.setAttribute("role", "combobox");
    this.input.setAttribute("aria-autocomplete", "list");
    this.input.setAttribute("aria-expanded", "false");
    this.input.setAttribute("aria-controls", listId);
    ["aria-describedby", "aria-invalid"].forEach(function (name) {
      if (field.hasAttribute(name)) self.input.setAttribute(name, field.getAttribute(name));
    });
    field.removeAttribute("id");
    field.type = "hidden";

    this.chips = document.createElement("ul");
    this.chips.className = "chip-picker__chips";
    this.chips.setAttribute("aria-label", this.data.chipPickerChosen || "");

    this.listbox = document.createElement("ul");
    this.listbox.id = listId;
    this.listbox.className = "chip-picker__listbox";
    this.listbox.setAttribute("role", "listbox");
    this.listbox.setAttribute("aria-label", this.data.chipPickerLabel || "");
    this.listbox.hidden = true;
    // Keep the focus in the input: its blur would close the list before the click lands.
    this.listbox.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });

    this.status = document.createElement("div");
    this.status.className = "visually-hidden";
    this.status.setAttribute("role", "status");

    var box = document.createElement("div");
    box.className = "chip-picker";
    box.appendChild(this.chips);
    box.appendChild(this.input);
    box.appendChild(this.listbox);
    box.appendChild(this.status);
    field.parentNode.insertBefore(box, field.nextSibling);

    this.input.addEventListener("input", function () {
      window.clearTimeout(self.timer);
      self.timer = window.setTimeout(function () {
        self.fetchResults();
      }, DEBOUNCE_MS);
    });
    this.input.addEventListener("keydown", function (event) {
      self.onKey(event);
    });
    this.input.addEventListener("blur", function () {
      self.close();
    });
    // Words left in the search box go to the server, which says what is wrong with them.
    var form = field.form;
    if (form) {
      form.addEventListener("submit", function () {
        self.sync();
        var text = self.input.value.trim();
        if (text) self.field.value = self.field.value ? self.field.value + ", " + text : text;
      });
    }
    this.loadInitial(field.value);
  };

  // The chips of the numbers already in the field (a form shown again, or an edit).
  ChipPicker.prototype.loadInitial = function (value) {
    var self = this;
    var numbers = [];
    var others = [];
    value.split(/[\s,;]+/).forEach(function (token) {
      var match = NUMBER.exec(token);
      if (match && numbers.indexOf(match[1]) < 0) numbers.push(match[1]);
      else if (token) others.push(token);
    });
    numbers.forEach(function (number) {
      self.chosen.push({ id: number, label: format(self.data.chipPickerNumber, { number: number }) });
    });
    // Words the server refused stay in the search box, so nothing typed is lost.
    this.input.value = others.join(" ");
    this.render();
    if (!numbers.length) return;
    window
      .fetch(this.data.chipPickerUrl + "?ids=" + encodeURIComponent(numbers.join(",")), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
      .then(function (response) {
        return response.ok ? response.json() : { results: [] };
      })
      .then(function (data) {
        (Array.isArray(data.results) ? data.results : []).forEach(function (item) {
          self.chosen.forEach(function (chip) {
            if (String(chip.id) === String(item.id)) chip.label = String(item.label);
          });
        });
        self.render();
      })
      .catch(function () {});
  };

  ChipPicker.prototype.sync = function () {
    this.field.value = this.chosen
      .map(function (chip) {
        return chip.id;
      })
      .join(", ");
  };

  ChipPicker.prototype.render = function () {
    var self = this;
    this.chips.textContent = "";
    this.chips.hidden = !this.chosen.length;
    this.chosen.forEach(function (chip, index) {
      var item = document.createElement("li");
      item.className = "chip-picker__chip";
      var text = document.createElement("span");
      text.textContent = chip.label;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "chip-picker__remove";
      remove.textContent = "×";
      remove.setAttribute("aria-label", format(self.data.chipPickerRemove, { label: chip.label }));
      remove.addEventListener("click", function () {
        self.remove(index);
      });
      item.appendChild(text);
      item.appendChild(remove);
      self.chips.appendChild(item);
    });
    this.sync();
  };

  ChipPicker.prototype.add = function (id, label) {
    var known = this.chosen.some(function (chip) {
      return String(chip.id) === String(id);
    });
    if (!known) {
      this.chosen.push({ id: String(id), label: label });
      this.render();
    }
    this.input.value = "";
    this.results = [];
    this.listbox.textContent = "";
    this.close();
    this.status.textContent = format(this.data.chipPickerAdded, { label: label });
  };

  ChipPicker.prototype.remove = function (index) {
    var chip = this.chosen.splice(index, 1)[0];
    this.render();
    this.input.focus();
    if (chip) this.status.textContent = format(this.data.chipPickerRemoved, { label: chip.label });
  };

  ChipPicker.prototype.setActive = function (index) {
    var options = this.listbox.children;
    for (var i = 0; i < options.length; i += 1) {
      options[i].setAttribute("aria-selected", i === index ? "true" : "false");
    }
    this.active = index;
    if (index >= 0 && options[index]) {
      this.input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  ChipPicker.prototype.close = function () {
    this.setActive(-1);
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
  };

  ChipPicker.prototype.open = function () {
    if (this.results.length) {
      this.listbox.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
    }
  };

  ChipPicker.prototype.show = function (list) {
    var self = this;
    var chosen = this.chosen.map(function (chip) {
      return String(chip.id);
    });
    this.results = list.filter(function (item) {
      return item && chosen.indexOf(String(item.id)) < 0;
    });
    this.listbox.textContent = "";
    this.results.forEach(function (item, index) {
      var option = document.createElement("li");
      option.id = self.listbox.id + "-" + index;
      option.className = "listbox-option chip-picker__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      var label = document.createElement("span");
      label.className = "chip-picker__title";
      label.textContent = String(item.label);
      option.appendChild(label);
      if (item.territory) {
        var territory = document.createElement("span");
        territory.className = "listbox-option__meta chip-picker__territory";
        territory.textContent = String(item.territory);
        option.appendChild(territory);
      }
      option.addEventListener("click", function () {
        self.choose(index);
      });
      self.listbox.appendChild(option);
    });
    this.setActive(-1);
    var count = this.results.length;
    this.status.textContent =
      count === 0
        ? this.data.chipPickerNone || ""
        : count === 1
          ? this.data.chipPickerOne || ""
          : format(this.data.chipPickerMany, { count: count });
    if (count && document.activeElement === this.input) this.open();
    else this.close();
  };

  ChipPicker.prototype.choose = function (index) {
    var item = this.results[index];
    if (item) this.add(item.id, String(item.label));
  };

  ChipPicker.prototype.fetchResults = function () {
    var self = this;
    var text = this.input.value.trim();
    if (this.request) {
      this.request.abort();
      this.request = null;
    }
    if (text.length < MIN_LENGTH) {
      this.results = [];
      this.listbox.textContent = "";
      this.status.textContent = "";
      this.close();
      return;
    }
    this.request = new AbortController();
    window
      .fetch(this.data.chipPickerUrl + "?q=" + encodeURIComponent(text), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: this.request.signal,
      })
      .then(function (response) {
        return response.ok ? response.json() : { results: [] };
      })
      .then(function (data) {
        if (self.input.value.trim() === text) {
          self.show(Array.isArray(data.results) ? data.results : []);
        }
      })
      .catch(function () {
        // Aborted by a newer request, or the network failed: numbers can still be typed.
      });
  };

  ChipPicker.prototype.onKey = function (event) {
    var count = this.results.length;
    if (event.isComposing) return;
    if (event.key === "ArrowDown" && count) {
      event.preventDefault();
      if (this.listbox.hidden) {
        this.open();
        this.setActive(0);
      } else {
        this.setActive((this.active + 1) % count);
      }
    } else if (event.key === "ArrowUp" && count && !this.listbox.hidden) {
      event.preventDefault();
      this.setActive(this.active <= 0 ? count - 1 : this.active - 1);
    } else if (event.key === "Enter") {
      var match = NUMBER.exec(this.input.value.trim());
      if (!this.listbox.hidden && this.active >= 0) {
        event.preventDefault();
        this.choose(this.active);
      } else if (match) {
        // A number typed as without the script: kept as is, the server checks it.
        event.preventDefault();
        this.add(match[1], format(this.data.chipPickerNumber, { number: match[1] }));
      } else if (this.input.value.trim()) {
        // Never submit the whole form from the search box.
        event.preventDefault();
      }
    } else if (event.key === "Escape" && !this.listbox.hidden) {
      event.preventDefault();
      this.close();
    }
  };

  function start() {
    var containers = document.querySelectorAll("[data-chip-picker]");
    for (var i = 0; i < containers.length; i += 1) {
      var field = containers[i].querySelector("input[data-chip-picker-input]");
      if (field && field.id && containers[i].dataset.chipPickerUrl) {
        new ChipPicker(containers[i], field).start();
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
