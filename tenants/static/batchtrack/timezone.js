// Time zones, as progressive enhancement (without JavaScript the plain list still works):
// - hidden time_zone inputs (sign-up) get the browser's zone, so times show in the maker's local time;
// - a select marked data-zone-search gets a search box that narrows its 400-odd zones as you type;
// - one marked data-zone-preselect (nothing chosen yet) starts on the browser's zone.
(function () {
  var browserZone = "";
  try {
    browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (e) {}

  document.querySelectorAll("input[name=time_zone][type=hidden]").forEach(function (input) {
    if (!input.value && browserZone) input.value = browserZone;
  });

  function words(text) {
    return text.toLowerCase().replace(/[_/]/g, " ");
  }

  document.querySelectorAll("select[data-zone-search]").forEach(function (select) {
    if (select.hasAttribute("data-zone-preselect") && browserZone &&
        select.querySelector('option[value="' + browserZone + '"]')) {
      select.value = browserZone;
      var note = document.createElement("div");
      note.className = "form-text";
      note.textContent = "Set to this device's time zone, " + browserZone + ". Save to keep it.";
      select.insertAdjacentElement("afterend", note);
    }
    var search = document.createElement("input");
    search.type = "search";
    search.className = "form-control mb-2";
    search.id = select.id + "_search";
    search.placeholder = "Type a city or region, e.g. Paris";
    search.setAttribute("aria-label", "Find a time zone");
    search.setAttribute("aria-controls", select.id);
    search.setAttribute("autocomplete", "off");
    select.insertAdjacentElement("beforebegin", search);
    search.addEventListener("input", function () {
      var wanted = words(search.value.trim());
      var first = null;
      Array.prototype.forEach.call(select.options, function (option) {
        var match = !wanted || option.value === "" || words(option.text).indexOf(wanted) !== -1;
        option.hidden = !match;
        if (match && option.value !== "" && !first) first = option;
      });
      var chosen = select.options[select.selectedIndex];
      if (wanted && first && (!chosen || chosen.hidden || chosen.value === "")) select.value = first.value;
    });
  });
})();
