/* print.js: the print button of a print page (the page works without it:
 * the browser's own 打印 does the same). */
var b = document.getElementById("print");
if (b) {
  b.hidden = false;
  b.addEventListener("click", function () { window.print(); });
}
