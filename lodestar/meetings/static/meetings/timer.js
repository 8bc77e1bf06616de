// The meeting timer. Counts down to the start, then to the agreed end, and warns a few minutes
// before it so nobody overruns the time they asked for. The words come translated from the
// page (data-text-*), with {time} where the figure goes; the warning and the end are announced
// once to screen readers, the ticking figure is not.
(() => {
  const timer = document.getElementById("timer");
  if (!timer) return;
  const starts = Date.parse(timer.dataset.startsAt);
  const ends = Date.parse(timer.dataset.endsAt);
  const warnMs = Number(timer.dataset.warnMinutes || 3) * 60000;
  const text = timer.querySelector(".timer-text");
  const alert = document.createElement("p");
  alert.className = "timer-alert";
  alert.setAttribute("role", "alert");
  timer.append(alert);

  const two = (n) => String(n).padStart(2, "0");
  function figure(ms) {
    const s = Math.max(0, Math.ceil(ms / 1000));
    const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    if (d) return `${d} d ${h} h`;
    if (h) return `${h}:${two(m)}:${two(s % 60)}`;
    return `${m}:${two(s % 60)}`;
  }
  const words = { before: "textBefore", running: "textRunning", warning: "textWarning", over: "textOver" };

  let state = "";
  function tick() {
    const now = Date.now();
    let next = "over", left = 0;
    if (now < starts) [next, left] = ["before", starts - now];
    else if (now < ends - warnMs) [next, left] = ["running", ends - now];
    else if (now < ends) [next, left] = ["warning", ends - now];
    const line = timer.dataset[words[next]].replace("{time}", figure(left));
    if (next !== state) {
      state = next;
      timer.dataset.state = next;
      alert.textContent = next === "warning" || next === "over" ? line : "";
    }
    text.textContent = line;
    if (next !== "over") setTimeout(tick, 1000 - (now % 1000));
  }
  tick();
})();
