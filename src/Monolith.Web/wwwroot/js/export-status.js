// While a CSV export is being written, reload the projects page every few seconds until the link appears.
(() => {
    if (document.querySelector("[data-export-pending]")) {
        setTimeout(() => window.location.reload(), 3000);
    }
})();
