// Remember the language a visitor picks, so that "/" sends them back to it.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-language]");
  if (!link) return;
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `django_language=${link.dataset.language}; path=/; max-age=31536000; SameSite=Lax${secure}`;
});

// On phones the list filters start folded behind their "Filter" button (they are open in
// the page, so they stay usable without JavaScript).
if (window.matchMedia("(max-width: 40rem)").matches) {
  for (const panel of document.querySelectorAll("details.filter-panel[open]")) {
    panel.open = false;
  }
}
