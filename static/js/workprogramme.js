// Submission form: warn before leaving with unsaved changes; focus the error summary.
(function () {
  "use strict";
  var form = document.getElementById("submission-form");
  if (!form) { return; }
  var dirty = false;
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = form.dataset.unsavedWarning || ""; }
  });
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
