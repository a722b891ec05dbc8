// Running timers count down in place: every [data-due] element (a running timer's "time left") is
// rewritten each second from its due time (seconds since the epoch), in the same words the server uses ("1 d 2 h 5 min", seconds
// under a minute). The server's clock is the reference (data-now at render), so a wrong clock on the
// workshop tablet does not shift the countdown. When a timer runs out, its badge (data-timer-badge in
// the same [data-timer]) turns to Overdue. No live region: a screen reader is not interrupted each
// second; the text is current whenever it is read.
(function () {
  var counters = document.querySelectorAll("[data-due]");
  if (!counters.length) return;
  var serverNow = Number(document.body.getAttribute("data-now")) * 1000;
  var skew = serverNow ? serverNow - Date.now() : 0;

  function words(ms) {
    var seconds = Math.max(Math.floor(ms / 1000), 0);
    if (seconds < 60) return seconds + " s";
    var days = Math.floor(seconds / 86400);
    var hours = Math.floor((seconds % 86400) / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    return [days ? days + " d" : "", hours ? hours + " h" : "", minutes ? minutes + " min" : ""]
      .filter(Boolean)
      .join(" ");
  }

  function tick() {
    var now = Date.now() + skew;
    counters.forEach(function (counter) {
      var left = Number(counter.getAttribute("data-due")) * 1000 - now;
      counter.textContent = words(left);
      if (left > 0) return;
      var timer = counter.closest("[data-timer]");
      var badge = timer && timer.querySelector("[data-timer-badge]");
      if (badge && badge.textContent !== "Overdue") {
        badge.textContent = "Overdue";
        badge.className = "badge text-bg-danger";
      }
    });
  }

  tick();
  window.setInterval(tick, 1000);
})();
