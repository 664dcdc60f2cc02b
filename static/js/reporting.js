// Live progress of a report compile: polls the report's API endpoint until it is complete or failed,
// then reloads the page to show the tables. Loaded as a file (CSP: no inline scripts).
(function () {
  "use strict";
  var box = document.getElementById("report-progress");
  if (!box) { return; }
  var status = box.getAttribute("data-status");
  if (status === "complete" || status === "failed") { return; }
  var url = box.getAttribute("data-status-url");
  var bar = box.querySelector("[data-role=bar]");
  var progressText = box.querySelector("[data-role=progress-text]");
  var statusText = box.querySelector("[data-role=status-text]");
  var holder = box.querySelector(".progress");
  var delay = 1000;
  bar.style.width = (holder.getAttribute("aria-valuenow") || "0") + "%";

  function show(report) {
    var progress = Math.max(0, Math.min(100, report.progress || 0));
    bar.style.width = progress + "%";
    holder.setAttribute("aria-valuenow", String(progress));
    progressText.textContent = String(progress);
    statusText.textContent = report.status;
  }

  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (report) {
        show(report);
        if (report.status === "complete" || report.status === "failed") {
          window.location.reload();
          return;
        }
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        delay = Math.min(delay * 2, 15000);
        window.setTimeout(poll, delay);
      });
  }
  window.setTimeout(poll, delay);
}());
