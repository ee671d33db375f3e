// The language switch submits itself when a language is chosen (the form works without
// JavaScript too: its button shows then). No inline scripts: the CSP allows only this file.
document.addEventListener("DOMContentLoaded", function () {
  var select = document.getElementById("language");
  if (select && select.form) {
    select.addEventListener("change", function () { select.form.submit(); });
    var button = select.form.querySelector(".langswitch-go");
    if (button) { button.hidden = true; }
  }
});
