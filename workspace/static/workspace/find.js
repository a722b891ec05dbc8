// "/" anywhere but in a text field focuses the navigation's search box (as on GitHub or MDN), or opens
// the search page when the box is hidden at this width; the box itself is a plain form, so everything
// else works without this script.
document.addEventListener("keydown", function (event) {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  var target = event.target;
  if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
  var box = document.getElementById("nav-find");
  if (!box) return;
  event.preventDefault();
  if (box.getClientRects().length === 0) {
    window.location.assign(box.form.action);
    return;
  }
  box.focus();
  box.select();
});
