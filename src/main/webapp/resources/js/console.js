// Copies an input's text and says so on the button (its label element, for a PrimeFaces button).
var HlsConsole = window.HlsConsole = {
  copy: function (input, button) {
    input.select();
    var label = button.querySelector('.ui-button-text') || button;
    var text = label.getAttribute('data-label') || label.textContent;
    label.setAttribute('data-label', text);
    var done = function () { label.textContent = 'Copied'; setTimeout(function () { label.textContent = text; }, 1500); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand('copy'); done(); });
    } else {
      document.execCommand('copy');
      done();
    }
  },
  // after an ajax answer that rendered the input (e.g. a freshly minted IPTV playlist URL)
  copyFrom: function (inputId, buttonId) {
    var input = document.getElementById(inputId);
    var button = document.getElementById(buttonId);
    if (input && button) { HlsConsole.copy(input, button); }
  }
};

// Copy buttons next to playback URLs. Delegated, so it survives the table's periodic refresh.
document.addEventListener('click', function (event) {
  var button = event.target.closest('.copy-button');
  if (!button) { return; }
  HlsConsole.copy(button.parentElement.querySelector('input'), button);
});

// The import form posts the file in a full page request: say so while the browser uploads it.
document.addEventListener('submit', function (event) {
  if (event.target.id !== 'import') { return; }
  var note = document.getElementById('uploading');
  if (note) { note.hidden = false; }
});

// An edit saved after the session ended: the server sends the page to the login (which returns here), and the
// fields typed are kept in this tab's sessionStorage until the form shows again. Passwords are never kept.
(function () {
  var form = document.getElementById('channel');
  if (!form || !window.sessionStorage) { return; }
  var key = 'hls-draft:' + location.pathname + location.search;
  function fields() {
    return Array.from(form.querySelectorAll('input[type=text], input:not([type]), input[type=checkbox], textarea'))
      .filter(function (f) { return f.id && f.type !== 'password' && f.type !== 'hidden'; });
  }
  var saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    var values = JSON.parse(saved);
    fields().forEach(function (f) {
      if (!(f.id in values)) { return; }
      if (f.type === 'checkbox') {
        if (f.checked !== values[f.id]) { f.click(); }
      } else {
        f.value = values[f.id];
      }
    });
    var note = document.createElement('p');
    note.id = 'draft-restored';
    note.className = 'notice';
    note.textContent = 'Your unsaved edit is back: press Save again.';
    form.insertBefore(note, form.firstChild);
  }
  form.addEventListener('click', function (event) {
    if (!event.target.closest('[id$=":save"]')) { return; }
    var values = {};
    fields().forEach(function (f) { values[f.id] = f.type === 'checkbox' ? f.checked : f.value; });
    sessionStorage.setItem(key, JSON.stringify(values));
  }, true);
  // a save the server answered (saved, or errors shown): nothing to keep; only a redirect to the login keeps it
  if (window.jQuery) {
    window.jQuery(document).on('pfAjaxComplete', function (event, xhr) {
      var text = xhr && xhr.responseText ? xhr.responseText : '';
      if (text.indexOf('<redirect') < 0 || text.indexOf('login.xhtml') < 0) { sessionStorage.removeItem(key); }
    });
  }
})();
