/* Behaviour shared by every page of the site (plain JavaScript, no build step, no network).
 *
 * The responsibility matrix of a unit page: filter its rows by role (a party's column, or in
 * the long form its lines), by letter and by text. Without JavaScript the filters stay hidden
 * and the whole matrix shows.
 */
(function () {
  "use strict";

  function normal(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  function matrixFilters(fieldset) {
    var table = document.getElementById(fieldset.getAttribute("data-for"));
    if (!table) return;
    var party = fieldset.querySelector('[data-filter="party"]');
    var letter = fieldset.querySelector('[data-filter="letter"]');
    var text = fieldset.querySelector('[data-filter="text"]');
    var count = fieldset.querySelector(".matrix-count");
    var long = table.classList.contains("long");
    var columns = Array.prototype.map.call(table.tHead.rows[0].cells, function (cell) {
      return cell.getAttribute("data-party") || "";
    });
    var rows = Array.prototype.slice.call(table.tBodies[0].rows).map(function (row) {
      var letters = Array.prototype.map.call(row.cells, function (cell) { return cell.textContent; });
      return {
        element: row,
        title: normal(row.cells[0].textContent),
        party: row.getAttribute("data-party") || "",
        cells: letters,
      };
    });
    var template = fieldset.getAttribute("data-shown") || "";

    function holds(row, wantedParty, wantedLetter) {
      if (long) {
        if (wantedParty && row.party !== wantedParty) return false;
        return !wantedLetter || row.cells[row.cells.length - 1].indexOf(wantedLetter) >= 0;
      }
      if (wantedParty) {
        var at = columns.indexOf(wantedParty);
        var cell = at >= 0 ? row.cells[at] : "";
        return cell !== "" && (!wantedLetter || cell.indexOf(wantedLetter) >= 0);
      }
      if (!wantedLetter) return true;
      for (var i = 1; i < row.cells.length; i++) {
        if (row.cells[i].indexOf(wantedLetter) >= 0) return true;
      }
      return false;
    }

    function apply() {
      var wantedParty = party.value;
      var wantedLetter = letter.value;
      var wantedText = normal(text.value.trim());
      var shown = 0;
      rows.forEach(function (row) {
        var visible = holds(row, wantedParty, wantedLetter) && (!wantedText || row.title.indexOf(wantedText) >= 0);
        row.element.hidden = !visible;
        if (visible) shown++;
      });
      count.textContent = template.replace("{shown}", String(shown)).replace("{total}", String(rows.length));
    }

    party.addEventListener("change", apply);
    letter.addEventListener("change", apply);
    text.addEventListener("input", apply);
    fieldset.hidden = false;
    apply();
  }

  Array.prototype.forEach.call(document.querySelectorAll(".matrix-filters"), matrixFilters);
})();
