// File pickers with a Vietnamese button: the chosen file's name is shown beside it.
"use strict";

document.querySelectorAll("input[type=file][data-name]").forEach((input) => {
  const target = document.getElementById(input.dataset.name);
  input.addEventListener("change", () => {
    target.textContent = input.files.length ? input.files[0].name : "Chưa chọn tệp nào.";
  });
});
