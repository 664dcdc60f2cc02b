// Live progress of report compiles, without reloading the page. Loaded as a file (CSP: no inline
// scripts); the words come translated from the page (json_script "report-status-labels").
//
// - The report page (#report-progress) polls the report's API endpoint: the bar moves, the status
//   reads in the page's language; once the compile ends the page's content is fetched again and
//   swapped in (tables, downloads, or the failure and its retry button).
// - The reports list polls each queued or running row ([data-report-progress]) the same way.
(function () {
  "use strict";
  var labelsNode = document.getElementById("report-status-labels");
  var labels = labelsNode ? JSON.parse(labelsNode.textContent) : {};
  var FINISHED = { complete: true, failed: true };

  function label(status) {
    return labels[status] || status;
  }

  // Poll `url` and call `update(report)` until the report is finished; back off on errors.
  function follow(url, update) {
    var delay = 1000;
    function poll() {
      fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error("HTTP " + response.status); }
          return response.json();
        })
        .then(function (report) {
          delay = 1000;
          update(report);
          if (!FINISHED[report.status]) { window.setTimeout(poll, delay); }
        })
        .catch(function () {
          delay = Math.min(delay * 2, 15000);
          window.setTimeout(poll, delay);
        });
    }
    window.setTimeout(poll, delay);
  }

  // Show `report` in a box holding a .progress bar, [data-role=bar], [data-role=progress-text] and
  // [data-role=status-text].
  function show(box, report) {
    var progress = Math.max(0, Math.min(100, report.progress || 0));
    if (report.status === "complete") { progress = 100; }
    var holder = box.querySelector(".progress");
    var bar = box.querySelector("[data-role=bar]");
    bar.style.width = progress + "%";
    holder.setAttribute("aria-valuenow", String(progress));
    box.querySelector("[data-role=progress-text]").textContent = String(progress);
    box.querySelector("[data-role=status-text]").textContent = label(report.status);
    box.setAttribute("data-status", report.status);
    if (FINISHED[report.status]) {
      bar.classList.remove("progress-bar-animated", "progress-bar-striped");
      bar.classList.add(report.status === "complete" ? "bg-success" : "bg-danger");
    }
  }

  // The report page: once finished, replace the main content by the page as it is now.
  function swapMain() {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("main");
        var main = document.getElementById("main");
        if (fresh && main) { main.innerHTML = fresh.innerHTML; }
      });
  }

  var box = document.getElementById("report-progress");
  if (box && !FINISHED[box.getAttribute("data-status")]) {
    var start = box.querySelector(".progress").getAttribute("aria-valuenow") || "0";
    box.querySelector("[data-role=bar]").style.width = start + "%";
    follow(box.getAttribute("data-status-url"), function (report) {
      show(box, report);
      if (FINISHED[report.status]) {
        var done = box.querySelector("[data-role=finished]");
        if (done) { done.classList.remove("d-none"); }
        swapMain();
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-report-progress]"), function (row) {
    if (FINISHED[row.getAttribute("data-status")]) { return; }
    var rowBar = row.querySelector("[data-role=bar]");
    rowBar.style.width = (row.querySelector(".progress").getAttribute("aria-valuenow") || "0") + "%";
    follow(row.getAttribute("data-report-progress"), function (report) { show(row, report); });
  });
}());
