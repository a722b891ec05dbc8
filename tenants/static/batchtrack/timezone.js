// Fill hidden time_zone inputs with the browser's zone, so times show in the maker's local time.
document.querySelectorAll("input[name=time_zone][type=hidden]").forEach(function (input) {
  try {
    if (!input.value) input.value = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {}
});
