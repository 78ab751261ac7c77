/* The Karabakh book: small page behaviours, no network.
 *
 * - karabakhEmbed draws a chart once the page is parsed and its container has a width: a chart
 *   drawn into a container of width 0 ("width": "container") computes NaN coordinates, which the
 *   browser logs as errors.
 * - "Download the data (CSV)" under a chart: builds the CSV from the data embedded in the chart's
 *   own spec (window.karabakhCharts[name], compiled to Vega when the book was built), so the page
 *   carries the data once.
 * - A link to an element inside a closed <details> (a citation to the page's references, a row
 *   of a list that opens on demand) opens it and scrolls to the element.
 * - The theme's search button is labelled "Search" but shows "Search Ctrl+K", and its colour-mode
 *   button is labelled "Color mode" while its icons carry titles ("Light"...): screen readers should
 *   announce what is shown (WCAG label-in-name), so the search button's visible text is its name and
 *   the mode icons are decorative.
 */
(function () {
  "use strict";

  // Loaded in the head, before the body is parsed: the style sheet keeps a long table to its first
  // rows until karabakh-tables.js has paged it (without scripts every row shows).
  document.documentElement.classList.add("karabakh-js");

  function csvCell(value) {
    if (value === null || value === undefined) return "";
    var text = typeof value === "object" ? JSON.stringify(value) : String(value);
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function toCsv(rows) {
    var columns = [];
    rows.forEach(function (row) {
      Object.keys(row).forEach(function (key) { if (columns.indexOf(key) < 0) columns.push(key); });
    });
    var lines = [columns.map(csvCell).join(",")];
    rows.forEach(function (row) { lines.push(columns.map(function (key) { return csvCell(row[key]); }).join(",")); });
    return lines.join("\r\n") + "\r\n";
  }

  /* The tables of a (compiled Vega) spec: every inline data set that is a list of records (map
   * outlines, which are GeoJSON features, are not). */
  function tables(spec) {
    var found = [];
    (spec.data || []).slice().sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; })
      .forEach(function (entry) {
        var values = entry.values;
        if (Array.isArray(values) && values.length && typeof values[0] === "object" && !values[0].type) found.push(values);
      });
    return found;
  }

  window.karabakhEmbed = function (name, selector, options) {
    // A chart as wide as its column ("width": "container") is drawn at the column's width and
    // redrawn when the column changes width, but never at width 0: Vega's own resize handling
    // would fit a map into a zero-wide view (NaN coordinates) while a window is being resized.
    // The view's padding is subtracted as Vega's containerSize() does.
    function draw(element) {
      var spec = window.karabakhCharts[name];
      // The build drops the resize listener of a column-wide chart's width signal (karabakh.charts).
      var responsive = (spec.signals || []).some(function (signal) {
        return signal.name === "width" && /containerSize/.test(String(signal.init || ""));
      });
      vegaEmbed(element, spec, options).then(function (result) {
        // When each chart was drawn, for make bench (performance marks cost nothing otherwise).
        if (window.performance && performance.mark) performance.mark("karabakh-chart-drawn");
        if (!responsive || typeof ResizeObserver === "undefined") return;
        var drawn = -1;
        new ResizeObserver(function () {
          var style = getComputedStyle(element);
          var width = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          if (width > 0 && width !== drawn) {
            drawn = width;
            result.view.width(width).runAsync();
          }
        }).observe(element);
      }).catch(function (error) {
        console.error("chart " + name + ": " + error);
      });
    }
    function whenSized() {
      var element = document.querySelector(selector);
      if (!element) return;
      if (element.clientWidth > 0 || typeof ResizeObserver === "undefined") {
        draw(element);
        return;
      }
      var observer = new ResizeObserver(function () {
        if (element.clientWidth > 0) {
          observer.disconnect();
          draw(element);
        }
      });
      observer.observe(element);
    }
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", whenSized, {once: true});
    } else {
      whenSized();
    }
  };

  window.karabakhDownload = function (name) {
    var spec = (window.karabakhCharts || {})[name];
    if (!spec) return false;
    var found = tables(spec);
    found.forEach(function (rows, index) {
      var blob = new Blob([toCsv(rows)], {type: "text/csv;charset=utf-8"});
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = name + (found.length > 1 ? "-" + (index + 1) : "") + ".csv";
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
    });
    return false;
  };

  // Open every closed <details> around `target` (karabakh-tables.js uses it too); true if any was closed.
  window.karabakhOpenAround = function (target) {
    var opened = false;
    for (var parent = target.parentElement; parent; parent = parent.parentElement) {
      if (parent.tagName === "DETAILS" && !parent.open) { parent.open = true; opened = true; }
    }
    return opened;
  };

  function revealTarget() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (error) { id = location.hash.slice(1); }
    var target = id && document.getElementById(id);
    if (target && window.karabakhOpenAround(target)) target.scrollIntoView();
  }
  window.addEventListener("hashchange", revealTarget);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", revealTarget, {once: true});
  } else {
    revealTarget();
  }

  // Two fixes to the theme's header for screen readers. The search button's aria-label hides its
  // visible text; the colour-mode button is named "Color mode" but its icons carry the titles
  // "Light", "Dark", which Font Awesome would turn into the button's visible text. They run once the
  // page is parsed (readyState "interactive"), which is before any deferred script such as Font
  // Awesome's runs, so the icons are still <i> elements.
  function fixThemeLabels() {
    document.querySelectorAll("button.search-button-field[aria-label]").forEach(function (button) {
      button.removeAttribute("aria-label");
    });
    document.querySelectorAll(".theme-switch-button i[title]").forEach(function (icon) {
      icon.removeAttribute("title");
      icon.setAttribute("aria-hidden", "true");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("readystatechange", function once() {
      document.removeEventListener("readystatechange", once);
      fixThemeLabels();
    });
  } else {
    fixThemeLabels();
  }
})();
