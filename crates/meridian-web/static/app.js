// Meridian page script. Everything works without it; with it, record pickers search the
// server as you type instead of offering the pre-filled list only.
"use strict";
(function () {
  function debounce(fn, ms) {
    let timer = null;
    return function () {
      const args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }
  function enhance(input) {
    const kinds = input.getAttribute("data-picker");
    const listId = input.getAttribute("list");
    if (!kinds || !listId) { return; }
    const list = document.getElementById(listId);
    if (!list) { return; }
    const search = debounce(function () {
      const q = input.value.trim();
      if (q.length < 1 || /^[0-9a-f-]{36}$/.test(q)) { return; }
      fetch("/pick?kinds=" + encodeURIComponent(kinds) + "&q=" + encodeURIComponent(q), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) {
          list.replaceChildren();
          items.forEach(function (item) {
            const option = document.createElement("option");
            option.value = item.id;
            option.textContent = item.title;
            list.appendChild(option);
          });
        })
        .catch(function () { /* the pre-filled list still works */ });
    }, 200);
    input.addEventListener("input", search);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-picker]").forEach(enhance);
  });
})();
