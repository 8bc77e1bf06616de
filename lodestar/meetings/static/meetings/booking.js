// Typing your own date or time means you want that one rather than a suggestion.
document.addEventListener("input", (event) => {
  if (!event.target.matches(".own-time input, .own-time select")) return;
  const own = document.getElementById("slot-own");
  if (own) own.checked = true;
});
