// Admin list pages: the header checkbox selects or clears every row of the page.
document.querySelectorAll("[data-select-all]").forEach((all) => {
  all.addEventListener("change", () => {
    all.closest("table").querySelectorAll("input[name=ids]").forEach((box) => {
      box.checked = all.checked;
    });
  });
});
