// Preselect the browser's own time zone on forms that ask for one (sign-up), unless the
// person already chose; the server validates whatever is sent.
document.addEventListener("DOMContentLoaded", () => {
  let zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  document.querySelectorAll("select[data-browser-time-zone]").forEach((select) => {
    if (select.dataset.touched || !zone) return;
    const option = Array.from(select.options).find((o) => o.value === zone);
    if (option && select.value === "UTC") select.value = zone;
  });
});
