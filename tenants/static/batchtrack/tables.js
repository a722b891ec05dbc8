// Label every cell of a table with its column's heading, so that on a narrow screen, where app.css
// stacks each row into a card, "500 g" still says it is "On hand". Without JavaScript the rows still
// stack, unlabelled. Tables htmx swaps in later are labelled as they arrive.
(function () {
  function label(root) {
    var tables = root.matches && root.matches("table.table") ? [root] : root.querySelectorAll("table.table");
    Array.prototype.forEach.call(tables, function (table) {
      var heads = table.querySelectorAll("thead tr:last-child > th");
      var names = [];
      Array.prototype.forEach.call(heads, function (th) {
        for (var i = 0; i < (th.colSpan || 1); i++) names.push(th.textContent.replace(/\s+/g, " ").trim());
      });
      table.querySelectorAll("tbody > tr, tfoot > tr").forEach(function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.children, function (cell) {
          var name = names[column];
          if (name && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", name);
          column += cell.colSpan || 1;
        });
      });
    });
  }
  label(document);
  document.addEventListener("htmx:load", function (event) {
    if (event.target && event.target.querySelectorAll) label(event.target);
  });
})();
