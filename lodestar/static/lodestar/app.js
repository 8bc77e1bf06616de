// Preselect the browser's own time zone on forms that ask for one (sign-up). Browsers may
// report an old name (Asia/Calcutta); the select carries the map to the current one.
document.addEventListener("DOMContentLoaded", () => {
  let zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone) return;
  document.querySelectorAll("select[data-browser-time-zone]").forEach((select) => {
    let aliases = {};
    try { aliases = JSON.parse(select.dataset.zoneAliases || "{}"); } catch (e) { /* keep none */ }
    const wanted = aliases[zone] || zone;
    const option = Array.from(select.options).find((o) => o.value === wanted);
    if (option && select.value === "UTC") select.value = wanted;
  });
});

// Read-only addresses to copy (the calendar feed): focusing one selects it all. A listener here,
// not an onfocus attribute: the Content-Security-Policy allows no inline script.
document.addEventListener("focusin", (event) => {
  if (event.target.matches && event.target.matches("input[data-select-on-focus]")) event.target.select();
});
