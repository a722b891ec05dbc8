// Forms marked data-busy="Starting…": once sent, the submit button says what is happening and cannot be
// pressed a second time, so a slow step (starting a batch, loading sample data) never looks frozen.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-busy")) return;
  var button = event.submitter || form.querySelector("[type=submit]");
  if (!button || button.getAttribute("aria-disabled") === "true") {
    event.preventDefault();
    return;
  }
  form.setAttribute("aria-busy", "true");
  button.setAttribute("aria-disabled", "true");
  button.setAttribute("data-idle-text", button.textContent);
  button.textContent = form.getAttribute("data-busy");
});

// Coming back with the browser's Back button shows the page as it was left: make it usable again.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[aria-busy=true]").forEach(function (form) {
    form.removeAttribute("aria-busy");
    form.querySelectorAll("[data-idle-text]").forEach(function (button) {
      button.textContent = button.getAttribute("data-idle-text");
      button.removeAttribute("data-idle-text");
      button.removeAttribute("aria-disabled");
    });
  });
});
