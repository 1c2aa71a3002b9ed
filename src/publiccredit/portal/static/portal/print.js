// Print buttons on document pages (告知书, 决定书): a file, not an inline handler, so the page keeps a strict CSP.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
