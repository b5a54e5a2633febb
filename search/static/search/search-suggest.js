/*
 * Suggestions under the search box (search/templates/search/search_box.html).
 *
 * Without this script the box is a plain GET form to the search page. With it, the input
 * becomes an ARIA 1.2 combobox: as the visitor types (after a short pause, two characters at
 * least) it asks data-search-suggest-url for titles and lists them in a listbox under the
 * input. Down and Up move through them, Enter or a click goes to the chosen one, Escape closes
 * the list; Enter with no option chosen submits the search as before. A polite live region
 * says how many suggestions there are. Titles are inserted with textContent only.
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 200;
  var MIN_LENGTH = 2;
  var MAX_SUGGESTIONS = 8;

  if (!window.fetch || !window.AbortController) {
    return;
  }

  function safeUrl(url) {
    try {
      var target = new URL(url, window.location.href);
      return target.protocol === "http:" || target.protocol === "https:" ? target.href : null;
    } catch (error) {
      return null;
    }
  }

  function enhance(form) {
    var input = form.querySelector("input[name='q']");
    var source = form.getAttribute("data-search-suggest-url");
    if (!input || !input.id || !source) {
      return;
    }
    var listId = input.id + "-suggestions";
    var listbox = document.createElement("ul");
    listbox.id = listId;
    listbox.className = "search-suggest__listbox";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", form.getAttribute("data-search-suggest-label") || "");
    listbox.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.appendChild(listbox);
    form.appendChild(status);

    // Keep the focus in the input: its blur would close the list before a click on an
    // option (or on the list's scroll bar) lands.
    listbox.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var suggestions = [];
    var active = -1;
    var timer = null;
    var request = null;
    var shownFor = null;

    function setActive(index) {
      var options = listbox.children;
      for (var i = 0; i < options.length; i += 1) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      setActive(-1);
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function open() {
      if (suggestions.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function announce(count) {
      var message;
      if (count === 0) {
        message = form.getAttribute("data-search-suggest-none");
      } else if (count === 1) {
        message = form.getAttribute("data-search-suggest-one");
      } else {
        message = (form.getAttribute("data-search-suggest-many") || "").replace("{count}", count);
      }
      status.textContent = message || "";
    }

    function go(index) {
      var suggestion = suggestions[index];
      var url = suggestion ? safeUrl(suggestion.url) : null;
      if (url) {
        close();
        window.location.assign(url);
      }
    }

    function option(suggestion, index) {
      var item = document.createElement("li");
      item.id = listId + "-" + index;
      item.className = "listbox-option search-suggest__option";
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      var title = document.createElement("span");
      title.className = "search-suggest__title";
      title.textContent = suggestion.title;
      item.appendChild(title);
      if (suggestion.type_label) {
        var type = document.createElement("span");
        type.className = "listbox-option__meta search-suggest__type";
        type.textContent = suggestion.type_label;
        item.appendChild(type);
      }
      item.addEventListener("click", function () {
        go(index);
      });
      return item;
    }

    function show(list) {
      suggestions = list.slice(0, MAX_SUGGESTIONS);
      listbox.textContent = "";
      suggestions.forEach(function (suggestion, index) {
        listbox.appendChild(option(suggestion, index));
      });
      setActive(-1);
      announce(suggestions.length);
      if (suggestions.length && document.activeElement === input) {
        open();
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      if (request) {
        request.abort();
        request = null;
      }
      if (text.length < MIN_LENGTH) {
        shownFor = null;
        suggestions = [];
        listbox.textContent = "";
        status.textContent = "";
        close();
        return;
      }
      if (text === shownFor) {
        open();
        return;
      }
      request = new AbortController();
      window
        .fetch(source + "?q=" + encodeURIComponent(text), {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
          signal: request.signal,
        })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          if (input.value.trim() !== text) {
            return;
          }
          shownFor = text;
          show(Array.isArray(data.suggestions) ? data.suggestions : []);
        })
        .catch(function () {
          // Aborted by a newer request, or the network failed: the form still searches.
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DEBOUNCE_MS);
    });

    input.addEventListener("keydown", function (event) {
      var count = suggestions.length;
      if (event.isComposing) {
        return;
      }
      if (event.key === "ArrowDown" && count) {
        event.preventDefault();
        if (listbox.hidden) {
          open();
          setActive(0);
        } else {
          setActive((active + 1) % count);
        }
      } else if (event.key === "ArrowUp" && count && !listbox.hidden) {
        event.preventDefault();
        setActive(active <= 0 ? count - 1 : active - 1);
      } else if (event.key === "Enter" && !listbox.hidden && active >= 0) {
        event.preventDefault();
        go(active);
      } else if (event.key === "Escape" && !listbox.hidden) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", close);
    // Back to a page kept in the browser's cache: the list it showed is stale.
    window.addEventListener("pageshow", close);
  }

  function start() {
    var forms = document.querySelectorAll("form[data-search-suggest]");
    for (var i = 0; i < forms.length; i += 1) {
      enhance(forms[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
