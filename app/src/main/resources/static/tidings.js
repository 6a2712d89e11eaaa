// Progressive enhancement only: every page works without this file.
// 1. Follow buttons on concept pages follow without a page reload when the reader is signed in.
// 2. Inputs marked data-concepts suggest concepts as the reader types.
(function () {
  "use strict";

  document.querySelectorAll("form.follow[data-signed-in]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      if (button) button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      }).then(function (body) {
        var note = document.createElement("p");
        note.setAttribute("role", "status");
        note.textContent = "You follow " + body.label + ".";
        form.replaceWith(note);
      }).catch(function () {
        form.submit(); // fall back to the plain form post
      });
    });
  });

  document.querySelectorAll("input[data-concepts]").forEach(function (input) {
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.after(list);
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) return;
      timer = setTimeout(function () {
        fetch("/api/concepts?limit=8&q=" + encodeURIComponent(text))
          .then(function (r) { return r.ok ? r.json() : { concepts: [] }; })
          .then(function (body) {
            list.replaceChildren();
            body.concepts.forEach(function (c) {
              var option = document.createElement("option");
              option.value = c.label;
              option.label = c.type + " · " + c.id;
              list.appendChild(option);
            });
          });
      }, 150);
    });
  });
})();
