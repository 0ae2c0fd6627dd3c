// Remember the language a visitor picks, so that "/" sends them back to it.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-language]");
  if (!link) return;
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `django_language=${link.dataset.language}; path=/; max-age=31536000; SameSite=Lax${secure}`;
});
