// Submission form: warn before leaving with unsaved changes; focus the error summary; in a
// table, mark a cell that differs from its default data and show its justification and the
// table's data source (without this script the page shows them after saving).
(function () {
  "use strict";
  var form = document.getElementById("submission-form");
  if (!form) { return; }
  var dirty = false;
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });
  form.addEventListener("portal:saved", function () { dirty = false; });  // autosaved (session.js)
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = form.dataset.unsavedWarning || ""; }
  });
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  // The user's language groups digits and marks decimals its own way ("1 234,5" in French).
  var group = form.dataset.group || ",";
  var decimal = form.dataset.decimal || ".";

  function differs(input) {
    var text = input.value.replace(/[\s\u00a0\u202f]/g, "").replace(/%$/, "");
    if (group.trim() !== "") { text = text.split(group).join(""); }
    if (decimal !== ".") { text = text.split(decimal).join("."); }
    if (text === "") { return true; }
    var number = Number(text);
    return isNaN(number) || number !== Number(input.dataset.default);
  }

  function refreshBlock(block) {
    var rows = block.querySelectorAll("[data-change-for]");
    var anyShown = false;
    rows.forEach(function (row) { if (!row.hidden) { anyShown = true; } });
    var source = block.querySelector("[data-source]");
    if (source && rows.length) { source.hidden = !anyShown; }
    var none = block.querySelector("[data-no-changes]");
    if (none) { none.hidden = anyShown; }
  }

  form.querySelectorAll(".cell-input[data-default]").forEach(function (input) {
    input.addEventListener("input", function () {
      var changed = differs(input);
      var cell = input.closest("td");
      if (cell) { cell.classList.toggle("cell-changed", changed); }
      var row = form.querySelector('[data-change-for="' + input.id + '"]');
      if (row) { row.hidden = !changed; }
      refreshBlock(input.closest("[data-table-block]"));
    });
  });
})();
