/* mkdocs-specs: sortable and filterable tables of documents.
   Progressive enhancement: the tables are plain HTML, and this script adds to each table marked
   `data-specs-sortable` a button in every column header (Enter or Space sorts, again reverses)
   and a labelled filter field above it, with a live region that counts the rows shown. A cell sorts
   by its `data-sort` value when it has one, else by its text; cells without a value go last.
   Material's instant navigation swaps pages in without loading them: its `document$` says when
   a new page is there, and each table is enhanced once. */
(function () {
  "use strict";

  var NUMBER = /^-?\d+(?:\.\d+)?$/;
  var collator = new Intl.Collator(document.documentElement.lang || undefined, {
    numeric: true,
    sensitivity: "base",
  });
  var counter = 0;

  function key(row, column) {
    var cell = row.cells[column];
    if (!cell) return "";
    var value = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
    return value.replace(/\s+/g, " ").trim();
  }

  function compare(a, b) {
    if (NUMBER.test(a) && NUMBER.test(b)) return Number(a) - Number(b);
    return collator.compare(a, b);
  }

  function sort(table, header, column) {
    var descending = header.getAttribute("aria-sort") === "ascending";
    var headers = table.tHead.rows[0].cells;
    for (var i = 0; i < headers.length; i++) headers[i].removeAttribute("aria-sort");
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var sign = descending ? -1 : 1;
    Array.prototype.forEach.call(table.tBodies, function (body) {
      var rows = Array.prototype.map.call(body.rows, function (row, index) {
        return { row: row, key: key(row, column), index: index };
      });
      rows.sort(function (a, b) {
        if (!a.key !== !b.key) return a.key ? -1 : 1; // empty cells last, either way
        return sign * compare(a.key, b.key) || a.index - b.index;
      });
      rows.forEach(function (item) {
        body.appendChild(item.row);
      });
    });
  }

  function addSorting(table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (header, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "specs-sort";
      while (header.firstChild) button.appendChild(header.firstChild);
      var mark = document.createElement("span");
      mark.className = "specs-sort__mark";
      mark.setAttribute("aria-hidden", "true");
      button.appendChild(mark);
      button.addEventListener("click", function () {
        sort(table, header, column);
      });
      header.appendChild(button);
    });
  }

  // The words of the filter, in the site's language: the labels the table carries
  // (data-specs-labels), each count in its plural form by the browser's CLDR rules.
  var ENGLISH = {
    language: "en",
    filter: "Filter documents",
    count: { one: "{shown} of {count} document", other: "{shown} of {count} documents" },
  };

  function labelsOf(table) {
    try {
      return JSON.parse(table.getAttribute("data-specs-labels")) || ENGLISH;
    } catch (error) {
      return ENGLISH;
    }
  }

  function counted(labels, shown, total) {
    var category = "other";
    try {
      category = new Intl.PluralRules(labels.language).select(total);
    } catch (error) {}
    var form = labels.count[category] || labels.count.other;
    return form.split("{shown}").join(String(shown)).split("{count}").join(String(total));
  }

  function addFilter(table) {
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody > tr"));
    var texts = rows.map(function (row) {
      return row.textContent.replace(/\s+/g, " ").toLocaleLowerCase();
    });
    var labels = labelsOf(table);
    var id = "specs-filter-" + ++counter;

    var tools = document.createElement("div");
    tools.className = "specs-filter";
    var label = document.createElement("label");
    label.className = "specs-filter__label";
    label.htmlFor = id;
    label.textContent = labels.filter;
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.className = "specs-filter__input";
    input.autocomplete = "off";
    input.spellcheck = false;
    var count = document.createElement("span");
    count.className = "specs-filter__count";
    count.setAttribute("role", "status");
    count.setAttribute("aria-live", "polite");
    count.textContent = counted(labels, rows.length, rows.length);
    tools.appendChild(label);
    tools.appendChild(input);
    tools.appendChild(count);

    input.addEventListener("input", function () {
      var words = input.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, index) {
        var match = words.every(function (word) {
          return texts[index].indexOf(word) !== -1;
        });
        row.hidden = !match;
        if (match) shown++;
      });
      count.textContent = counted(labels, shown, rows.length);
    });

    // Above the box that scrolls the table, so as not to widen it.
    var place = table.closest(".specs-table-wrapper") || table;
    place.parentNode.insertBefore(tools, place);
  }

  function enhance() {
    var tables = document.querySelectorAll("table[data-specs-sortable]");
    Array.prototype.forEach.call(tables, function (table) {
      if (table.hasAttribute("data-specs-enhanced") || !table.tHead || !table.tHead.rows.length) {
        return;
      }
      table.setAttribute("data-specs-enhanced", "");
      addSorting(table);
      addFilter(table);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
