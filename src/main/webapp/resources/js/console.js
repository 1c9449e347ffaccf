// Copy buttons next to playback URLs. Delegated, so it survives the table's periodic refresh.
document.addEventListener('click', function (event) {
  var button = event.target.closest('.copy-button');
  if (!button) { return; }
  var input = button.parentElement.querySelector('input');
  input.select();
  var done = function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy'; }, 1500); };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand('copy'); done(); });
  } else {
    document.execCommand('copy');
    done();
  }
});

// The import form posts the file in a full page request: say so while the browser uploads it.
document.addEventListener('submit', function (event) {
  if (event.target.id !== 'import') { return; }
  var note = document.getElementById('uploading');
  if (note) { note.hidden = false; }
});
