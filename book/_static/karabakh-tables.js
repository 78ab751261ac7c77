/* The Karabakh book: long tables a reader can search, filter, sort and page (progressive enhancement).
 *
 * The page carries every row of a table as escaped HTML: it reads without JavaScript, prints whole,
 * and the site search indexes it. Here the vendored simple-datatables library turns each
 * table.karabakh-datatable into a paged table with sortable headers, and this file adds the
 * controls above it:
 * - a search box that matches every word anywhere in a row, including text the row carries for
 *   search only (a place's names in other languages, in a hidden span);
 * - a drop-down per key column (data-filters="2,5": column positions), matching the whole cell;
 * - a date range (data-date-column="1"), against each row's data-date (ISO 8601);
 * - a status line that says how many rows match.
 * A link to a row (#change-..., #source-..., #figure-...) lands on it wherever the paging or a
 * filter would have put it: the filters are cleared if they hide it, its page is shown, and the row
 * is highlighted and focused. For printing (and the PDF, printed with print media) tables stay
 * whole and every note held in a <details> is opened.
 */
(function () {
  "use strict";

  var PER_PAGE = 10;
  // The library's own normalisation of search terms, applied here to cell text the same way.
  var PUNCTUATION = /[.,/#!$%^&*;:{}=\-_`~()]/g;
  var tables = [];

  function normalise(text) {
    return String(text || "").toLowerCase().normalize("NFD").replace(/\p{Diacritic}/gu, "").replace(PUNCTUATION, "").trim();
  }

  function nodesText(nodes) {
    return (nodes || []).map(function (node) {
      return node.nodeName === "#text" ? node.data : nodesText(node.childNodes);
    }).join("");
  }

  function cellText(cell) {
    if (!cell) return "";
    if (typeof cell.text === "string") return cell.text;
    return Array.isArray(cell.data) ? nodesText(cell.data) : String(cell.data == null ? "" : cell.data);
  }

  // One search method for every column, told apart by the query's source: free text matches a
  // part of the cell, a drop-down the whole cell, a date range the row's data-date.
  function searchMethod(terms, cell, row, column, source) {
    if (source === "date") {
      var bounds = terms[0].split("x"), date = ((row.attributes || {})["data-date"] || "").replace(/-/g, "");
      return !!date && (!bounds[0] || date >= bounds[0]) && (!bounds[1] || date <= bounds[1]);
    }
    var text = normalise(cellText(cell));
    if (source.indexOf("filter-") === 0) return terms.indexOf(text) >= 0;
    return terms.some(function (term) { return text.indexOf(term) >= 0; });
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The pager's ellipsis is a button hidden from screen readers: take it out of the tab order too.
  function untabbableHidden(state, list) {
    (function walk(node) {
      if (node.attributes && node.attributes["aria-hidden"] === "true") node.attributes.tabindex = "-1";
      (node.childNodes || []).forEach(walk);
    })(list);
    return list;
  }

  function positions(table, name) {
    return (table.getAttribute(name) || "").split(",").filter(Boolean).map(Number);
  }

  function headings(table) {
    return Array.prototype.map.call(table.tHead.rows[0].cells, function (cell) { return cell.textContent.trim(); });
  }

  function enhance(table, number) {
    var names = headings(table);
    var filterColumns = positions(table, "data-filters");
    var dateColumn = positions(table, "data-date-column")[0];
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var id = table.id || "karabakh-table-" + number;
    table.id = id;
    var figure = table.closest("figure") || table.parentNode;
    var caption = figure.querySelector("figcaption");
    var controls = element("div", {"class": "karabakh-table-controls", role: "search",
      "aria-label": "Search the table: " + (caption ? caption.textContent.split(".")[0] : id)});
    var search = element("input", {type: "search", "aria-controls": id, placeholder: "Search",
      "aria-label": "Search the " + rows.length + " rows"});
    var searchLabel = element("label", {"class": "karabakh-control"}, "Search the " + rows.length + " rows ");
    searchLabel.appendChild(search);
    controls.appendChild(searchLabel);
    var selects = filterColumns.map(function (column) {
      var values = {};
      rows.forEach(function (row) {
        var text = row.cells[column] ? row.cells[column].textContent.trim() : "";
        if (text) values[text] = true;
      });
      var select = element("select", {"aria-controls": id, "aria-label": names[column]});
      select.appendChild(element("option", {value: ""}, "all"));
      Object.keys(values).sort(function (a, b) { return a.localeCompare(b); }).forEach(function (value) {
        select.appendChild(element("option", {value: value}, value));
      });
      var label = element("label", {"class": "karabakh-control"}, names[column] + " ");
      label.appendChild(select);
      controls.appendChild(label);
      return {column: column, select: select};
    });
    var from = null, until = null;
    if (dateColumn !== undefined) {
      var dates = rows.map(function (row) { return row.getAttribute("data-date") || ""; }).filter(Boolean).sort();
      [["From", "from"], ["To", "until"]].forEach(function (pair) {
        var input = element("input", {type: "date", min: dates[0] || "", max: dates[dates.length - 1] || "",
          "aria-controls": id, "aria-label": pair[0]});
        var label = element("label", {"class": "karabakh-control"}, pair[0] + " ");
        label.appendChild(input);
        controls.appendChild(label);
        if (pair[1] === "from") from = input; else until = input;
      });
    }
    var reset = element("button", {type: "button", "class": "karabakh-reset"}, "Show all rows");
    controls.appendChild(reset);
    var status = element("p", {"class": "karabakh-table-status", "aria-live": "polite"});
    figure.insertBefore(controls, figure.firstChild);
    controls.after(status);

    var datatable = new window.simpleDatatables.DataTable(table, {
      perPage: PER_PAGE,
      // Not fixedColumns: measuring them renders every row of the table once, seconds on a phone.
      fixedColumns: false,
      perPageSelect: [10, 25, 50, 100],
      searchMethod: searchMethod,
      pagerRender: untabbableHidden,
      searchQuerySeparator: " ",
      labels: {perPage: "rows per page", noRows: "No rows", noResults: "No row matches", info: "Rows {start} to {end} of {rows}"},
      // The library's own search box is replaced by the controls above (one box, drop-downs, dates).
      template: function (options) {
        return "<div class='" + options.classes.top + "'><div class='" + options.classes.dropdown + "'><label>" +
          "<select class='" + options.classes.selector + "' name='per-page'></select> " + options.labels.perPage +
          "</label></div></div><div class='" + options.classes.container + "'><p hidden id='sort-hint'>" +
          options.labels.sortHint + "</p></div><div class='" + options.classes.bottom + "'><div class='" +
          options.classes.info + "'></div><nav class='" + options.classes.pagination + "' aria-label='Pages of the table'></nav></div>";
      },
    });

    function apply() {
      var words = normalise(search.value).split(/\s+/).filter(Boolean);
      datatable.multiSearch(words.map(function (word) { return {terms: [word]}; }), "text");
      selects.forEach(function (filter) {
        var value = filter.select.value;
        datatable.multiSearch(value ? [{terms: [value], columns: [filter.column]}] : [], "filter-" + filter.column);
      });
      if (from) {
        var range = from.value || until.value ? [(from.value || "").replace(/-/g, "") + "x" + (until.value || "").replace(/-/g, "")] : [];
        datatable.multiSearch(range.length ? [{terms: range, columns: [dateColumn]}] : [], "date");
      }
      var shown = datatable._searchQueries.length ? datatable._searchData.length : rows.length;
      status.textContent = shown === rows.length ? rows.length + " rows." : shown + " of " + rows.length + " rows match.";
    }
    var timer = null;
    search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 150); });
    selects.forEach(function (filter) { filter.select.addEventListener("change", apply); });
    if (from) { from.addEventListener("change", apply); until.addEventListener("change", apply); }
    function clear() {
      search.value = "";
      selects.forEach(function (filter) { filter.select.value = ""; });
      if (from) { from.value = ""; until.value = ""; }
      apply();
    }
    reset.addEventListener("click", clear);
    status.textContent = rows.length + " rows.";
    var entry = {table: table, datatable: datatable, clear: clear, ids: rows.map(function (row) { return row.id; })};
    tables.push(entry);
    return entry;
  }

  // The page (1-based) of the current ordering and filtering that holds data row `index`, or 0.
  function pageOf(datatable, index) {
    for (var page = 0; page < datatable.pages.length; page++) {
      if (datatable.pages[page].some(function (item) { return item.index === index; })) return page + 1;
    }
    return 0;
  }

  function showRow(id) {
    if (!id) return false;
    for (var i = 0; i < tables.length; i++) {
      var entry = tables[i], index = entry.ids.indexOf(id);
      if (index < 0) continue;
      var page = pageOf(entry.datatable, index);
      if (!page) {
        entry.clear();
        page = pageOf(entry.datatable, index);
      }
      if (page && page !== entry.datatable._currentPage) entry.datatable.page(page);
      break;
    }
    var target = document.getElementById(id);
    if (!target) return false;
    window.karabakhOpenAround(target);
    document.querySelectorAll(".karabakh-target").forEach(function (old) { old.classList.remove("karabakh-target"); });
    target.classList.add("karabakh-target");
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.scrollIntoView({block: "center"});
    target.focus({preventScroll: true});
    return true;
  }

  function fromHash() {
    try {
      return decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return location.hash.slice(1);
    }
  }

  function openForPrint() {
    document.querySelectorAll("table.karabakh-table td > details, details.karabakh-list").forEach(function (details) { details.open = true; });
  }

  var printable = false;
  // Whole tables and open notes, for printing: the browser's print dialog (beforeprint) and the
  // book's PDF (karabakh.publishing.pdf calls this before printing).
  window.karabakhPrintable = function () {
    printable = true;
    tables.forEach(function (entry) { entry.datatable.destroy(); });
    tables.length = 0;
    document.querySelectorAll(".karabakh-table-controls, .karabakh-table-status").forEach(function (node) { node.remove(); });
    document.documentElement.classList.remove("karabakh-js");
    openForPrint();
  };

  function start() {
    if (window.matchMedia && window.matchMedia("print").matches) {
      window.karabakhPrintable();
      return;
    }
    // One table per task, after the page's text and charts have had their first paint: each table
    // reads whole until then (its first rows; the style sheet keeps the rest back).
    var pending = Array.prototype.slice.call(document.querySelectorAll("table.karabakh-datatable"));
    var number = 0;
    function next() {
      if (printable) return;
      var table = pending.shift();
      if (table && window.simpleDatatables) enhance(table, number++);
      if (pending.length) {
        setTimeout(next, 0);
      } else {
        document.documentElement.classList.add("karabakh-tables-ready");
        if (window.performance && performance.mark) performance.mark("karabakh-tables-ready");
        if (location.hash) showRow(fromHash());
      }
    }
    requestAnimationFrame(function () { setTimeout(next, 0); });
    window.addEventListener("hashchange", function () { showRow(fromHash()); });
    // A link to the row already in the address: no hashchange, so show the row here.
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href^='#']");
      if (link && link.getAttribute("href") === location.hash) {
        if (showRow(fromHash())) event.preventDefault();
      }
    });
    window.addEventListener("beforeprint", window.karabakhPrintable);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start, {once: true});
  } else {
    start();
  }
})();
